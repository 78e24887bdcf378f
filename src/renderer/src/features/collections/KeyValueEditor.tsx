// The tables of a collection's, a folder's and an environment's variables and default headers. A secret
// variable's value is write-only: the table never holds the stored one (main keeps it in the keychain); typing
// a new value replaces it when saved, and leaving the field empty keeps what is stored.
import type { KeyValue, RequestVariable } from '@shared/requests/request-spec'

export interface EditRow {
  rowId: string
  name: string
  value: string
  enabled: boolean
  secret: boolean
  /** A secret variable that has a stored value (kept unless a new one is typed). */
  stored: boolean
}

let counter = 0
function rowId(): string {
  counter += 1
  return `c${counter}`
}

export function rowsFromVariables(variables: readonly RequestVariable[]): EditRow[] {
  return variables.map((variable) => ({ rowId: rowId(), name: variable.name, value: variable.secret ? '' : (variable.value ?? ''), enabled: variable.enabled !== false, secret: variable.secret === true, stored: variable.secret === true }))
}

export function rowsFromHeaders(headers: readonly KeyValue[]): EditRow[] {
  return headers.map((header) => ({ rowId: rowId(), name: header.name, value: header.value, enabled: header.enabled !== false, secret: false, stored: false }))
}

/** Rows back to variables: a secret without a new value goes without one (main keeps the stored value). */
export function variablesFromRows(rows: readonly EditRow[]): RequestVariable[] {
  return rows
    .filter((row) => row.name.trim())
    .map((row) => (row.secret ? { name: row.name.trim(), enabled: row.enabled, secret: true, ...(row.value ? { value: row.value } : {}) } : { name: row.name.trim(), value: row.value, enabled: row.enabled }))
}

export function headersFromRows(rows: readonly EditRow[]): KeyValue[] {
  return rows.filter((row) => row.name.trim()).map((row) => ({ name: row.name.trim(), value: row.value, enabled: row.enabled }))
}

/** What the rows would save, to compare with what is on disk (dirty or not). */
export function rowsKey(rows: readonly EditRow[]): string {
  return JSON.stringify(rows.filter((row) => row.name.trim()).map((row) => [row.name.trim(), row.secret ? (row.value ? `new:${row.value.length}` : 'kept') : row.value, row.enabled, row.secret]))
}

interface Props {
  label: string
  kind: 'variables' | 'headers'
  rows: EditRow[]
  onChange(rows: EditRow[]): void
  disabled?: boolean
}

export function KeyValueEditor({ label, kind, rows, onChange, disabled }: Props) {
  const update = (id: string, patch: Partial<EditRow>) => onChange(rows.map((row) => (row.rowId === id ? { ...row, ...patch } : row)))
  const noun = kind === 'variables' ? 'variable' : 'header'
  return (
    <div className="col-kv">
      <table className="col-kv-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col" className="col-kv-check"><span className="visually-hidden">Enabled</span></th>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            {kind === 'variables' && <th scope="col" className="col-kv-secret">Secret</th>}
            <th scope="col" className="col-kv-actions"><span className="visually-hidden">Remove</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={kind === 'variables' ? 5 : 4} className="col-kv-empty">
                {kind === 'variables' ? 'No variables yet. A value here fills {{name}} in every request below, unless an environment gives another.' : 'No default headers. Headers here go with every request below (a request’s own header of the same name wins).'}
              </td>
            </tr>
          )}
          {rows.map((row, index) => {
            const label = row.name || `${noun} ${index + 1}`
            return (
              <tr key={row.rowId} className={row.enabled ? undefined : 'col-kv-disabled'}>
                <td className="col-kv-check">
                  <input type="checkbox" checked={row.enabled} disabled={disabled} aria-label={`Use ${label}`} onChange={(event) => update(row.rowId, { enabled: event.target.checked })} />
                </td>
                <td>
                  <input className="col-cell mono" value={row.name} disabled={disabled} placeholder="name" aria-label={`${kind === 'variables' ? 'Variable' : 'Header'} name ${index + 1}`} onChange={(event) => update(row.rowId, { name: event.target.value })} />
                </td>
                <td>
                  {row.secret ? (
                    <input
                      className="col-cell mono"
                      type="password"
                      autoComplete="off"
                      value={row.value}
                      disabled={disabled}
                      placeholder={row.stored ? 'stored in your keychain — type to replace' : 'type the secret value'}
                      aria-label={`Secret value of ${label}${row.stored ? ' (stored; type to replace)' : ''}`}
                      onChange={(event) => update(row.rowId, { value: event.target.value })}
                    />
                  ) : (
                    <input className="col-cell mono" value={row.value} disabled={disabled} placeholder="value" aria-label={`${kind === 'variables' ? 'Variable' : 'Header'} value ${index + 1}`} onChange={(event) => update(row.rowId, { value: event.target.value })} />
                  )}
                </td>
                {kind === 'variables' && (
                  <td className="col-kv-secret">
                    <input
                      type="checkbox"
                      checked={row.secret}
                      disabled={disabled || (row.stored && row.secret)}
                      title={row.stored ? 'Its value is in your keychain; remove the row to drop it.' : 'Keep the value in your keychain, never in the file'}
                      aria-label={`${label} is secret`}
                      onChange={(event) => update(row.rowId, { secret: event.target.checked })}
                    />
                  </td>
                )}
                <td className="col-kv-actions">
                  <button type="button" className="col-icon-button" disabled={disabled} aria-label={`Remove ${label}`} onClick={() => onChange(rows.filter((candidate) => candidate.rowId !== row.rowId))}>
                    ×
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {!disabled && (
        <button type="button" className="col-link-button" onClick={() => onChange([...rows, { rowId: rowId(), name: '', value: '', enabled: true, secret: false, stored: false }])}>
          + Add {noun}
        </button>
      )}
    </div>
  )
}
