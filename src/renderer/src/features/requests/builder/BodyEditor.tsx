import { Suspense, lazy, useId, useMemo, useRef } from 'react'
import type { RequestBodyType } from '@shared/requests/request-spec'
import { validateJson } from '../model/json-validate'
import type { DraftBody } from '../model/request-draft'
import { KeyValueTable } from './KeyValueTable'
import { countOf } from '../../../ui/plural'

// CodeMirror is the biggest part of the area; it loads on first use of the Body tab.
const CodeEditor = lazy(() => import('./CodeEditor'))

interface Props {
  body: DraftBody
  onChange(body: DraftBody): void
  onSubmit(): void
  sampleBody: string | undefined
  contentType: string | undefined
  methodTakesBody: boolean
  dark: boolean
  variables: ReadonlySet<string>
}

const EDITABLE: ReadonlyArray<[RequestBodyType, string]> = [
  ['none', 'No body'],
  ['json', 'JSON'],
  ['text', 'Text'],
  ['form-urlencoded', 'Form (urlencoded)']
]
const READ_ONLY: Partial<Record<RequestBodyType, string>> = { multipart: 'Multipart form', binary: 'File' }

/** A body of another kind, keeping what the person wrote: text moves between JSON and Text, and each kind left is remembered. */
function switchBody(current: DraftBody, type: RequestBodyType, remembered: Map<RequestBodyType, DraftBody>): DraftBody {
  remembered.set(current.type, current)
  const earlier = remembered.get(type)
  const text = current.type === 'json' || current.type === 'text' ? current.text : undefined
  if ((type === 'json' || type === 'text') && text !== undefined) return type === 'json' ? { type, text } : { type, text }
  if (earlier) return earlier
  switch (type) {
    case 'json':
    case 'text':
      return { type, text: '' }
    case 'form-urlencoded':
      return { type, fields: [] }
    default:
      return { type: 'none' }
  }
}

export function BodyEditor({ body, onChange, onSubmit, sampleBody, contentType, methodTakesBody, dark, variables }: Props) {
  const remembered = useRef(new Map<RequestBodyType, DraftBody>())
  const selectId = useId()
  const text = body.type === 'json' || body.type === 'text' ? body.text : ''
  const problem = useMemo(() => (body.type === 'json' ? validateJson(text) : undefined), [body.type, text])
  const readOnlyLabel = READ_ONLY[body.type]

  return (
    <div className="rq-body-editor">
      <div className="rq-toolbar">
        <label className="rq-inline-label" htmlFor={selectId}>Body type</label>
        <select
          id={selectId}
          className="rq-select rq-body-type"
          value={body.type}
          onChange={(event) => onChange(switchBody(body, event.target.value as RequestBodyType, remembered.current))}
        >
          {EDITABLE.map(([type, label]) => <option key={type} value={type}>{label}</option>)}
          {readOnlyLabel && <option value={body.type}>{readOnlyLabel}</option>}
        </select>
        {body.type !== 'none' && <span className="rq-field-hint">{contentType ?? (body.type === 'json' ? 'application/vnd.api+json' : body.type === 'form-urlencoded' ? 'application/x-www-form-urlencoded' : 'text/plain')}</span>}
        <span className="rq-spacer" />
        {sampleBody && body.type === 'json' && (
          <button type="button" className="rq-link-button" onClick={() => onChange({ ...body, text: sampleBody })}>Insert sample body</button>
        )}
        {body.type === 'json' && (
          <button type="button" className="rq-link-button" disabled={!text.trim() || problem !== undefined} onClick={() => onChange({ ...body, text: JSON.stringify(JSON.parse(text), null, 2) })}>
            Format
          </button>
        )}
      </div>
      {!methodTakesBody && body.type !== 'none' && <p className="rq-field-hint rq-body-note">This method is sent without a body.</p>}
      {(body.type === 'json' || body.type === 'text') && (
        <Suspense fallback={<textarea className="rq-textarea mono" aria-label="Request body" value={text} onChange={(e) => onChange({ ...body, text: e.target.value })} />}>
          <CodeEditor value={text} onChange={(value) => onChange({ ...body, text: value })} onSubmit={onSubmit} dark={dark} problemOffset={problem?.offset} language={body.type === 'json' ? 'json' : 'text'} />
        </Suspense>
      )}
      {body.type === 'form-urlencoded' && (
        <KeyValueTable label="Form fields" rows={body.fields} onChange={(fields) => onChange({ ...body, fields })} variables={variables} addLabel="Add field" />
      )}
      {body.type === 'none' && <p className="rq-empty-small">No body is sent. Choose JSON, Text or Form to write one.</p>}
      {body.type === 'multipart' && (
        <p className="rq-field-hint">
          A multipart body with {countOf(body.parts.length, 'part')} ({body.parts.map((part) => part.name || '(unnamed)').join(', ') || 'none yet'}). It is kept and sent as it is; parts are edited in the request file for now.
        </p>
      )}
      {body.type === 'binary' && <p className="rq-field-hint">The file <code>{body.path || '(none chosen)'}</code> is read and sent by the app when the request goes out.</p>}
      {body.type === 'json' && (
        <p className={problem ? 'rq-body-status rq-error-text' : 'rq-body-status rq-field-hint'} role={problem ? 'alert' : undefined} data-testid="body-validation">
          {problem ? `Invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.message}` : text.trim() ? 'Valid JSON' : 'Empty: nothing is sent'}
        </p>
      )}
    </div>
  )
}
