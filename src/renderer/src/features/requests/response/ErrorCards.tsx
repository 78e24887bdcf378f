import { ErrorMessage } from '../../../ui/ErrorMessage'
import type { JsonApiSummary } from './json-document'

/**
 * JSON:API `errors[]` (and gateway `{error_code, message}`) as the kit's ErrorMessage: title and detail in
 * words, pointer, parameter and request id under Details, and Copy for support. Not alerts: they are part of
 * a response the person just asked for.
 */
export function ErrorCards({ summary }: { summary: JsonApiSummary }) {
  if (summary.errors.length === 0 && !summary.gatewayError) return null
  return (
    <section className="rq-error-cards" aria-label="Errors in the response">
      {summary.gatewayError && (
        <ErrorMessage
          className="rq-error-card"
          live={false}
          tags={<span className="rq-tag rq-tag-error">gateway {summary.gatewayError.code}</span>}
          title="Adobe I/O gateway error"
          message={summary.gatewayError.message || 'The gateway refused the request before it reached the Reactor API.'}
          facts={{ code: summary.gatewayError.code }}
        />
      )}
      {summary.errors.map((error, index) => (
        <ErrorMessage
          key={error.id ?? index}
          className="rq-error-card"
          testId="error-card"
          live={false}
          tags={
            <>
              {error.status && <span className="rq-tag rq-tag-error">{error.status}</span>}
              {error.code && <code className="rq-error-code">{error.code}</code>}
            </>
          }
          // The detail is the sentence when there is one; otherwise the title is (no heading over a filler line).
          title={error.detail ? (error.title ?? 'Error') : undefined}
          message={error.detail ?? error.title ?? 'The Reactor API answered with an error and no description.'}
          facts={{
            code: error.code,
            status: error.status,
            requestId: error.requestId,
            more: [...(error.pointer ? [{ label: 'Pointer', value: error.pointer }] : []), ...(error.parameter ? [{ label: 'Parameter', value: error.parameter }] : [])]
          }}
        />
      ))}
    </section>
  )
}
