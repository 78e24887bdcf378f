import { Suspense, lazy, useMemo } from 'react'
import { validateJson } from '../model/json-validate'

// CodeMirror is the biggest part of the area; it loads on first use of the Body tab.
const CodeEditor = lazy(() => import('./CodeEditor'))

interface Props {
  value: string
  onChange(value: string): void
  onSubmit(): void
  sampleBody: string | undefined
  contentType: string | undefined
  methodTakesBody: boolean
  dark: boolean
}

export function BodyEditor({ value, onChange, onSubmit, sampleBody, contentType, methodTakesBody, dark }: Props) {
  const problem = useMemo(() => validateJson(value), [value])
  return (
    <div className="rq-body-editor">
      <div className="rq-toolbar">
        <span className="rq-field-hint">{contentType ?? 'application/vnd.api+json'}</span>
        <span className="rq-spacer" />
        {sampleBody && (
          <button type="button" className="rq-link-button" onClick={() => onChange(sampleBody)}>Insert sample body</button>
        )}
        <button
          type="button"
          className="rq-link-button"
          disabled={!value.trim() || problem !== undefined}
          onClick={() => onChange(JSON.stringify(JSON.parse(value), null, 2))}
        >
          Format
        </button>
      </div>
      {!methodTakesBody && <p className="rq-field-hint">GET requests are sent without a body.</p>}
      <Suspense fallback={<textarea className="rq-textarea mono" aria-label="Request body" value={value} onChange={(e) => onChange(e.target.value)} />}>
        <CodeEditor value={value} onChange={onChange} onSubmit={onSubmit} dark={dark} problemOffset={problem?.offset} />
      </Suspense>
      <p className={problem ? 'rq-body-status rq-error-text' : 'rq-body-status rq-field-hint'} role={problem ? 'alert' : undefined} data-testid="body-validation">
        {problem ? `Invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.message}` : value.trim() ? 'Valid JSON' : 'No body'}
      </p>
    </div>
  )
}
