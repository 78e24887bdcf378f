import type { UnresolvedVariable } from '@shared/requests/variables'
import type { DraftVariable } from '../model/request-draft'
import { KeyValueTable } from './KeyValueTable'

/**
 * The request's own `{{name}}` values (the lowest variable scope). Main resolves them when it sends; the
 * preview above shows what would go out.
 */
export function VariablesTable({ rows, onChange, unresolved }: { rows: DraftVariable[]; onChange(rows: DraftVariable[]): void; unresolved: readonly UnresolvedVariable[] }) {
  return (
    <div className="rq-variables">
      <p className="rq-field-hint">
        Use <code>{'{{name}}'}</code> in the URL, parameters, headers or body. They are resolved when the request is sent; the request is not sent while one has no value.
      </p>
      <KeyValueTable label="Variables" rows={rows} onChange={onChange} namePlaceholder="name" valuePlaceholder="value" addLabel="Add variable" />
      {unresolved.length > 0 && (
        <ul className="rq-unresolved-list" aria-label="Variables without a value">
          {unresolved.map((item) => (
            <li key={item.name} className="rq-warn-text">
              <code>{`{{${item.name}}}`}</code> {item.secret ? 'is secret and has no stored value' : 'has no value'} — used in {item.usedIn.join(', ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
