import type { CatalogOperation } from '@shared/catalog/catalog'
import { MethodBadge } from '../builder/MethodBadge'
import { DocsMarkdown } from './DocsMarkdown'

/** The chosen operation's documentation: description, parameters, filterable attributes. */
export function OperationDocs({ op, onUseSample }: { op: CatalogOperation | undefined; onUseSample(): void }) {
  if (!op) {
    return (
      <div className="rq-empty-small">
        <p>Choose an operation in the catalog to see its description, parameters and filters here.</p>
      </div>
    )
  }
  return (
    <article className="rq-docs">
      <header>
        <MethodBadge method={op.method} /> <code className="mono">{op.path}</code>
        {op.deprecated && <span className="rq-tag rq-tag-warn">deprecated</span>}
        {op.source === 'docs' && <span className="rq-tag" title={op.sourceNote}>from Adobe docs</span>}
      </header>
      <h3>{op.summary}</h3>
      {op.description && (
        <div className="rq-docs-description">
          <DocsMarkdown text={op.description} />
        </div>
      )}
      {op.sourceNote && <p className="rq-field-hint">{op.sourceNote}</p>}
      {op.pathParams.length > 0 && (
        <>
          <h4>Path parameters</h4>
          <dl>
            {op.pathParams.map((param) => (
              <div key={param.name}>
                <dt className="mono">{`{${param.name}}`}</dt>
                <dd>{param.description ? <DocsMarkdown text={param.description} inline /> : `Id of a ${param.resourceType} resource`}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {op.queryParams.length > 0 && (
        <>
          <h4>Query parameters</h4>
          <dl>
            {op.queryParams.map((param) => (
              <div key={param.name}>
                <dt className="mono">{param.name}</dt>
                <dd>
                  {param.description && <DocsMarkdown text={param.description} inline />}
                  {param.default !== undefined && <span className="rq-field-hint"> Default {String(param.default)}.</span>}
                  {param.maximum !== undefined && <span className="rq-field-hint"> Max {param.maximum}.</span>}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {op.filters.length > 0 && (
        <>
          <h4>Filterable attributes</h4>
          <p className="rq-chips">{op.filters.map((filter) => <code key={filter.param} className="rq-chip">{filter.attribute}</code>)}</p>
        </>
      )}
      {op.sampleBody && (
        <>
          <h4>Sample body</h4>
          <pre className="rq-sample mono">{op.sampleBody}</pre>
          <button type="button" className="rq-button" onClick={onUseSample}>Use as body</button>
        </>
      )}
      <p className="rq-field-hint">Success: {op.successStatuses.join(', ') || '2xx'}{op.paginated ? ' · paginated' : ''}</p>
    </article>
  )
}
