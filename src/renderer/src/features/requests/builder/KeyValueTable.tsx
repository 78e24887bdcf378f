import type { ReactNode } from 'react'
import { referencedVariables } from '@shared/requests/variables'
import { draftRow } from '../model/request-draft'

/** A row any of the tables edits: params, headers, form fields, variables (whose value may be secret). */
export interface EditableRow {
  rowId: string
  name: string
  value?: string
  enabled: boolean
  /** A secret variable: its value lives in main and is never shown or edited here. */
  secret?: boolean
}

interface Props<Row extends EditableRow> {
  label: string
  rows: Row[]
  onChange(rows: Row[]): void
  namePlaceholder?: string
  valuePlaceholder?: string
  /** Known variable names; `{{other}}` in a cell is flagged. */
  variables?: ReadonlySet<string>
  /** Rows shown first that the table does not own (e.g. profile-managed headers). */
  lockedRows?: ReactNode
  rowNote?(row: Row): ReactNode
  addLabel?: string
}

function unknownIn(text: string, variables: ReadonlySet<string> | undefined): string[] {
  if (!variables) return []
  return referencedVariables(text).filter((name) => !variables.has(name))
}

/** An editable name/value table with enable checkboxes: query parameters, headers, variables. */
export function KeyValueTable<Row extends EditableRow>(props: Props<Row>) {
  const { label, rows, onChange, variables } = props
  const update = (id: string, patch: Partial<EditableRow>) => onChange(rows.map((row) => (row.rowId === id ? { ...row, ...patch } : row)))
  const remove = (id: string) => onChange(rows.filter((row) => row.rowId !== id))
  const add = () => onChange([...rows, draftRow() as unknown as Row])

  return (
    <div className="rq-kv">
      <table className="rq-kv-table" aria-label={label}>
        <thead>
          <tr>
            <th className="rq-kv-check"><span className="visually-hidden">Enabled</span></th>
            <th>Name</th>
            <th>Value</th>
            <th className="rq-kv-actions"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {props.lockedRows}
          {rows.map((row, index) => {
            const unknown = [...unknownIn(row.name, variables), ...unknownIn(row.value ?? '', variables)]
            const note = props.rowNote?.(row)
            return (
              <tr key={row.rowId} className={row.enabled ? undefined : 'rq-kv-disabled'} data-row-name={row.name}>
                <td className="rq-kv-check">
                  <input
                    type="checkbox"
                    checked={row.enabled}
                    aria-label={`Send ${row.name || `row ${index + 1}`}`}
                    onChange={(event) => update(row.rowId, { enabled: event.target.checked })}
                  />
                </td>
                <td>
                  <input
                    className="rq-cell mono"
                    value={row.name}
                    placeholder={props.namePlaceholder ?? 'name'}
                    aria-label={`${label} name ${index + 1}`}
                    onChange={(event) => update(row.rowId, { name: event.target.value })}
                  />
                </td>
                <td>
                  {row.secret ? (
                    <span className="rq-cell-static mono">secret — the app keeps its value</span>
                  ) : (
                  <input
                    className={`rq-cell mono${unknown.length ? ' rq-cell-warn' : ''}`}
                    value={row.value ?? ''}
                    placeholder={props.valuePlaceholder ?? 'value'}
                    aria-label={`${label} value ${index + 1}`}
                    aria-invalid={unknown.length > 0 || undefined}
                    onChange={(event) => update(row.rowId, { value: event.target.value })}
                  />
                  )}
                  {unknown.length > 0 && <span className="rq-cell-note rq-warn-text">Unknown variable {unknown.map((n) => `{{${n}}}`).join(', ')}</span>}
                  {note}
                </td>
                <td className="rq-kv-actions">
                  <button type="button" className="rq-icon-button" aria-label={`Remove ${row.name || `row ${index + 1}`}`} onClick={() => remove(row.rowId)}>
                    ×
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <button type="button" className="rq-link-button" onClick={add}>+ {props.addLabel ?? 'Add row'}</button>
    </div>
  )
}
