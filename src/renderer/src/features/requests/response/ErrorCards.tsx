import type { JsonApiSummary } from './json-document'

/** JSON:API `errors[]` (and gateway `{error_code, message}`) as readable cards. */
export function ErrorCards({ summary }: { summary: JsonApiSummary }) {
  if (summary.errors.length === 0 && !summary.gatewayError) return null
  return (
    <section className="rq-error-cards" aria-label="Errors in the response">
      {summary.gatewayError && (
        <article className="rq-error-card">
          <header><span className="rq-tag rq-tag-error">gateway {summary.gatewayError.code}</span></header>
          <p className="rq-error-title">{summary.gatewayError.message || 'Adobe I/O gateway error'}</p>
        </article>
      )}
      {summary.errors.map((error, index) => (
        <article key={error.id ?? index} className="rq-error-card" data-testid="error-card">
          <header>
            {error.status && <span className="rq-tag rq-tag-error">{error.status}</span>}
            {error.code && <code className="rq-error-code">{error.code}</code>}
          </header>
          <p className="rq-error-title">{error.title ?? 'Error'}</p>
          {error.detail && <p className="rq-error-detail">{error.detail}</p>}
          <dl className="rq-error-meta">
            {error.pointer && (<><dt>Pointer</dt><dd><code>{error.pointer}</code></dd></>)}
            {error.parameter && (<><dt>Parameter</dt><dd><code>{error.parameter}</code></dd></>)}
            {error.requestId && (<><dt>Request id</dt><dd><code>{error.requestId}</code></dd></>)}
          </dl>
        </article>
      ))}
    </section>
  )
}
