import { useId, useState } from 'react'
import type { CatalogOperation } from '@shared/catalog/catalog'
import {
  FILTER_OPERATORS,
  filterParam,
  filterValue,
  formatSort,
  parseSort,
  rowValue,
  upsertRow,
  type FilterOperator
} from '../model/query-helpers'
import type { DraftRow } from '../model/request-draft'
import { KeyValueTable } from './KeyValueTable'

interface Props {
  rows: DraftRow[]
  onChange(rows: DraftRow[]): void
  op: CatalogOperation | undefined
  variables: ReadonlySet<string>
}

/**
 * Query parameters, plus helpers that write Reactor's filter[...], sort and page[...] rows correctly. The
 * URL field shows the same rows; the encoded query is shown once, in the builder's "will send" line.
 */
export function QueryParams({ rows, onChange, op, variables }: Props) {
  const sortListId = `${useId()}-sort-attributes`
  const attributes = op?.filters.map((filter) => filter.attribute) ?? []
  const [attribute, setAttribute] = useState('')
  const [operator, setOperator] = useState<FilterOperator>('EQ')
  const [value, setValue] = useState('')
  const [second, setSecond] = useState('')
  const [sortAttribute, setSortAttribute] = useState('')
  const [descending, setDescending] = useState(false)
  const chosenAttribute = attribute || attributes[0] || ''

  const addFilter = () => {
    if (!chosenAttribute.trim()) return
    onChange(upsertRow(rows, filterParam(chosenAttribute.trim()), filterValue(operator, value, second)))
    setValue('')
    setSecond('')
  }
  const addSort = () => {
    const name = (sortAttribute || attributes[0] || '').trim()
    if (!name) return
    const keys = parseSort(rowValue(rows, 'sort') ?? '').filter((key) => key.attribute !== name)
    onChange(upsertRow(rows, 'sort', formatSort([...keys, { attribute: name, descending }])))
  }
  const setPage = (name: 'page[number]' | 'page[size]', text: string) => onChange(upsertRow(rows, name, text))

  return (
    <div className="rq-params">
      <div className="rq-helpers" role="group" aria-label="Query helpers">
        <fieldset className="rq-helper">
          <legend>Filter</legend>
          {attributes.length > 0 ? (
            <select className="rq-select" aria-label="Filter attribute" value={chosenAttribute} onChange={(e) => setAttribute(e.target.value)}>
              {attributes.map((name) => <option key={name} value={name}>{name}</option>)}
            </select>
          ) : (
            <input className="rq-input mono" aria-label="Filter attribute" placeholder="attribute" value={attribute} onChange={(e) => setAttribute(e.target.value)} />
          )}
          <select className="rq-select" aria-label="Filter operator" value={operator} onChange={(e) => setOperator(e.target.value as FilterOperator)}>
            {FILTER_OPERATORS.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
          <input className="rq-input mono" aria-label="Filter value" placeholder={operator === 'BETWEEN' ? 'from' : 'value'} value={value} onChange={(e) => setValue(e.target.value)} />
          {operator === 'BETWEEN' && (
            <input className="rq-input mono" aria-label="Filter second value" placeholder="to" value={second} onChange={(e) => setSecond(e.target.value)} />
          )}
          <button type="button" className="rq-button" onClick={addFilter}>Add filter</button>
        </fieldset>
        <fieldset className="rq-helper">
          <legend>Sort</legend>
          <input
            className="rq-input mono"
            aria-label="Sort attribute"
            placeholder={attributes[0] ?? 'attribute'}
            list={sortListId}
            value={sortAttribute}
            onChange={(e) => setSortAttribute(e.target.value)}
          />
          <datalist id={sortListId}>{attributes.map((name) => <option key={name} value={name} />)}</datalist>
          <select className="rq-select" aria-label="Sort direction" value={descending ? 'desc' : 'asc'} onChange={(e) => setDescending(e.target.value === 'desc')}>
            <option value="asc">ascending (+)</option>
            <option value="desc">descending (−)</option>
          </select>
          <button type="button" className="rq-button" onClick={addSort}>Add sort</button>
        </fieldset>
        <fieldset className="rq-helper">
          <legend>Page</legend>
          <label className="rq-inline-label">
            number
            <input className="rq-input rq-input-narrow mono" inputMode="numeric" aria-label="Page number" value={rowValue(rows, 'page[number]') ?? ''} onChange={(e) => setPage('page[number]', e.target.value)} />
          </label>
          <label className="rq-inline-label">
            size
            <input className="rq-input rq-input-narrow mono" inputMode="numeric" aria-label="Page size" placeholder="25" value={rowValue(rows, 'page[size]') ?? ''} onChange={(e) => setPage('page[size]', e.target.value)} />
          </label>
          <span className="rq-field-hint">max 100</span>
        </fieldset>
      </div>
      <KeyValueTable label="Query parameters" rows={rows} onChange={onChange} variables={variables} addLabel="Add parameter" />
    </div>
  )
}
