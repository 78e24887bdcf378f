import { useEffect, useId, useState } from 'react'
import type { CatalogPathParam } from '@shared/catalog/catalog'
import { RESOURCE_LABELS, isListable, listUrl, resourceChain, type ResourceList, type ResourceListCache } from './resource-lists'

export type Selections = Record<string, string | undefined>

interface Props {
  pathParams: readonly CatalogPathParam[]
  profileId: string | undefined
  selections: Selections
  cache: ResourceListCache
  onSelect(resourceType: string, id: string | undefined): void
  /** Offers "Save as {{propertyId}}" under a picked id (an environment variable of the tab's collection). */
  onSaveAsVariable?(resourceType: string, id: string): void
}

/** The resource types to pick for these parameters, parents first, each once. */
export function pickerTypes(pathParams: readonly CatalogPathParam[]): string[] {
  const ordered: string[] = []
  for (const param of pathParams) {
    const chain = isListable(param.resourceType) ? resourceChain(param.resourceType) : [param.resourceType]
    for (const type of chain) if (!ordered.includes(type)) ordered.push(type)
  }
  return ordered
}

/**
 * Fills path parameters from the API: pick a company, then one of its properties, then a rule ... from
 * lists fetched with the active profile. Nobody types an id (though one can be pasted where no list exists).
 */
export function PathParamsBar({ pathParams, profileId, selections, cache, onSelect, onSaveAsVariable }: Props) {
  const types = pickerTypes(pathParams)
  if (types.length === 0) return null
  return (
    <div className="rq-pickers" role="group" aria-label="Path parameters">
      {types.map((type, index) => (
        <ResourcePicker
          key={type}
          type={type}
          step={index + 1}
          param={pathParams.find((param) => param.resourceType === type)}
          profileId={profileId}
          parentId={selectionOfParent(type, selections)}
          value={selections[type]}
          cache={cache}
          onSelect={(id) => onSelect(type, id)}
          onSaveAsVariable={onSaveAsVariable && ((id) => onSaveAsVariable(type, id))}
        />
      ))}
    </div>
  )
}

function selectionOfParent(type: string, selections: Selections): string | undefined {
  const chain = resourceChain(type)
  const parent = chain[chain.length - 2]
  return parent ? selections[parent] : undefined
}

interface PickerProps {
  type: string
  step: number
  param: CatalogPathParam | undefined
  profileId: string | undefined
  parentId: string | undefined
  value: string | undefined
  cache: ResourceListCache
  onSelect(id: string | undefined): void
  onSaveAsVariable?(id: string): void
}

/** `{{propertyId}}` for a properties picker: the environment variable a picked id is saved as. */
export function pickVariableName(resourceType: string): string {
  const singular = resourceType.replace(/ies$/, 'y').replace(/(ss|x|ch|sh)es$/, '$1').replace(/s$/, '')
  return `${singular.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase())}Id`
}

type ListState = { status: 'idle' | 'loading' } | { status: 'ready'; list: ResourceList } | { status: 'failed'; message: string }

function ResourcePicker({ type, step, param, profileId, parentId, value, cache, onSelect, onSaveAsVariable }: PickerProps) {
  const label = RESOURCE_LABELS[type] ?? param?.name ?? type
  const url = isListable(type) ? listUrl(type, parentId) : undefined
  const [state, setState] = useState<ListState>({ status: 'idle' })
  const [reload, setReload] = useState(0)
  // Unique per tab: every open tab keeps its own pickers mounted.
  const inputId = `${useId()}-picker-${type}`

  useEffect(() => {
    if (!url || !profileId) {
      setState({ status: 'idle' })
      return
    }
    let live = true
    setState({ status: 'loading' })
    cache
      .get(profileId, url, { refresh: reload > 0 })
      .then((list) => live && setState({ status: 'ready', list }))
      .catch((error: Error) => live && setState({ status: 'failed', message: error.message }))
    return () => {
      live = false
    }
  }, [url, profileId, cache, reload])

  if (!isListable(type)) {
    return (
      <div className="rq-picker">
        <label htmlFor={inputId}><span className="rq-step">{step}</span>{param?.name ?? label}</label>
        <input id={inputId} className="rq-input mono" placeholder="Paste an id" value={value ?? ''} onChange={(e) => onSelect(e.target.value || undefined)} />
      </div>
    )
  }

  const items = state.status === 'ready' ? state.list.items : []
  const known = value === undefined || items.some((item) => item.id === value)
  let placeholder = `Choose a ${label.toLowerCase()}…`
  if (!profileId) placeholder = 'Choose a profile first'
  else if (!url) placeholder = `Pick the ${RESOURCE_LABELS[resourceChain(type).slice(-2)[0]!]?.toLowerCase() ?? 'parent'} first`
  else if (state.status === 'loading') placeholder = 'Loading…'
  else if (state.status === 'failed') placeholder = 'Could not load'
  else if (state.status === 'ready' && items.length === 0) placeholder = `No ${label.toLowerCase()}s`

  return (
    <div className="rq-picker" data-resource-type={type}>
      <label htmlFor={inputId}><span className="rq-step">{step}</span>{label}</label>
      <div className="rq-picker-row">
        <select
          id={inputId}
          className="rq-select"
          value={value ?? ''}
          disabled={!url || !profileId || state.status === 'loading'}
          onChange={(event) => onSelect(event.target.value || undefined)}
          aria-describedby={state.status === 'failed' ? `${inputId}-error` : undefined}
        >
          <option value="">{placeholder}</option>
          {!known && value && <option value={value}>{value}</option>}
          {items.map((item) => (
            <option key={item.id} value={item.id}>
              {/* The chosen id shows in full under the list; in the options a short tail tells look-alikes apart. */}
              {item.label}{item.detail && item.detail !== item.label ? ` — …${item.detail.slice(-6)}` : ''}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="rq-icon-button"
          title={`Reload the ${label.toLowerCase()} list`}
          aria-label={`Reload ${label} list`}
          disabled={!url || !profileId || state.status === 'loading'}
          onClick={() => setReload((n) => n + 1)}
        >
          ↻
        </button>
      </div>
      {value && known && (
        <p className="rq-field-hint rq-picked-id mono" title="The id sent in the path">
          {value}
          {onSaveAsVariable && (
            <button type="button" className="rq-link-button rq-save-var" title="Keep this id in the collection's environment for the active profile, and use it in the URL" onClick={() => onSaveAsVariable(value)}>
              Save as {`{{${pickVariableName(type)}}}`}
            </button>
          )}
        </p>
      )}
      {state.status === 'failed' && <p id={`${inputId}-error`} className="rq-field-error" role="alert">{state.message}</p>}
      {state.status === 'ready' && state.list.truncated && (
        <p className="rq-field-hint">First {items.length} of {state.list.totalCount ?? 'many'}.</p>
      )}
    </div>
  )
}
