import type { VariableRow } from '../model/variables'
import { KeyValueTable } from './KeyValueTable'

/** A small table of `{{name}}` values, resolved in the renderer before a request is sent. */
export function VariablesTable({ rows, onChange, unknown }: { rows: VariableRow[]; onChange(rows: VariableRow[]): void; unknown: string[] }) {
  return (
    <div className="rq-variables">
      <p className="rq-field-hint">Use <code>{'{{name}}'}</code> in the URL, parameters, headers or body. Values are substituted before sending.</p>
      <KeyValueTable label="Variables" rows={rows} onChange={onChange} namePlaceholder="name" valuePlaceholder="value" addLabel="Add variable" />
      {unknown.length > 0 && (
        <p className="rq-warn-text" role="status">
          Not defined: {unknown.map((name) => <code key={name}>{`{{${name}}}`}</code>)}
        </p>
      )}
    </div>
  )
}
