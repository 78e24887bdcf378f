// One way to show a failure: a readable sentence first, the facts support asks for (code, status, request id,
// the technical detail) behind a "Details" disclosure, and "Copy for support", which copies all of it as text
// with anything credential-shaped masked (support-redaction.ts). An alert (role="alert", read at once) by
// default; `live={false}` for an error that is part of a page already shown (a history entry).
import { useState, type ReactNode } from 'react'
import { Disclosure } from './Disclosure'
import { redactForSupport } from './support-redaction'
import { toast } from './Toast'
import './ui.css'
import { writeClipboardText } from './clipboard'

export interface ErrorFacts {
  code?: string
  status?: number | string
  requestId?: string
  /** The technical detail (an underlying error, a server's words). */
  detail?: string
  /** Anything else worth a line: pointer, parameter, URL … */
  more?: ReadonlyArray<{ label: string; value: string }>
}

export interface ErrorMessageProps {
  /** A short heading: what failed ("The request did not complete"). */
  title?: string
  /** The readable sentence: what happened and what to do. */
  message: ReactNode
  /** The same sentence as text, for the copy (when `message` is not a string). */
  messageText?: string
  facts?: ErrorFacts
  /** Tags shown above the heading (a status, a code). */
  tags?: ReactNode
  /** Actions under the sentence (Open Variables, Retry). */
  children?: ReactNode
  live?: boolean
  className?: string
  testId?: string
}

function factRows(facts: ErrorFacts | undefined): Array<{ label: string; value: string }> {
  if (!facts) return []
  return [
    ...(facts.code ? [{ label: 'Code', value: facts.code }] : []),
    ...(facts.status !== undefined && facts.status !== '' ? [{ label: 'Status', value: String(facts.status) }] : []),
    ...(facts.requestId ? [{ label: 'Request id', value: facts.requestId }] : []),
    ...(facts.more ?? []),
    ...(facts.detail ? [{ label: 'Detail', value: facts.detail }] : [])
  ]
}

/** The text "Copy for support" writes: heading, sentence, facts, one per line, masked. */
export function supportText(title: string | undefined, message: string, facts: ErrorFacts | undefined): string {
  const lines = [...(title ? [title] : []), message, ...factRows(facts).map((row) => `${row.label}: ${row.value}`), `Copied from Reactor Explorer at ${new Date().toISOString()}`]
  return lines.map((line) => redactForSupport(line, { keepRandomLooking: line.startsWith('Request id: ') })).join('\n')
}


export function ErrorMessage({ title, message, messageText, facts, tags, children, live = true, className, testId }: ErrorMessageProps) {
  const rows = factRows(facts)
  const [copyFailed, setCopyFailed] = useState(false)
  const copy = async () => {
    const text = supportText(title, messageText ?? (typeof message === 'string' ? message : ''), facts)
    const written = await writeClipboardText(text)
    setCopyFailed(!written)
    if (written) toast('Copied for support, with anything that looks like a token or secret masked.')
  }
  return (
    <div className={`ui-error${className ? ` ${className}` : ''}`} role={live ? 'alert' : undefined} data-testid={testId}>
      {tags && <div className="ui-error-tags">{tags}</div>}
      {title && <p className="ui-error-title">{title}</p>}
      <p className="ui-error-message">{message}</p>
      {children}
      <div className="ui-error-actions">
        {rows.length > 0 && (
          <Disclosure summary="Details">
            <dl className="ui-error-facts">
              {rows.map((row) => (
                <div key={row.label} className="ui-error-fact">
                  <dt>{row.label}</dt>
                  <dd>{row.label === 'Detail' ? row.value : <code>{row.value}</code>}</dd>
                </div>
              ))}
            </dl>
          </Disclosure>
        )}
        <button type="button" className="btn btn-small ui-error-copy" onClick={() => void copy()}>
          Copy for support
        </button>
      </div>
      {copyFailed && <p className="ui-error-copy-failed">The clipboard could not be written from here; open Details and select the text instead.</p>}
    </div>
  )
}
