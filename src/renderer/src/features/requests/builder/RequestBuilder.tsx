import { useMemo, useState } from 'react'
import type { CatalogOperation } from '@shared/catalog/catalog'
import { useTabs } from '../../../app/tabs'
import type { ProfileOption } from '../../../state/active-profile'
import { OperationDocs } from '../catalog/OperationDocs'
import { PathParamsBar, type Selections } from '../context/PathParamsBar'
import type { ResourceListCache } from '../context/resource-lists'
import type { QueryRowDraft } from '../model/query-helpers'
import { HTTP_METHODS, changedOptions, hasBody, methodTakesBody, targetHost, type HttpMethod, type RequestDraft } from '../model/request-draft'
import { referencedVariables, variableMap, type VariableRow } from '../model/variables'
import { BodyEditor } from './BodyEditor'
import { HeadersTable } from './HeadersTable'
import { OptionsPanel } from './OptionsPanel'
import { QueryParams } from './QueryParams'
import { VariablesTable } from './VariablesTable'

const TABS = ['params', 'headers', 'body', 'variables', 'options', 'docs'] as const
type Tab = (typeof TABS)[number]

interface Props {
  draft: RequestDraft
  updateDraft(patch: Partial<RequestDraft>): void
  setQuery(rows: QueryRowDraft[]): void
  variables: VariableRow[]
  setVariables(rows: VariableRow[]): void
  operation: CatalogOperation | undefined
  profile: ProfileOption | undefined
  selections: Selections
  onSelect(resourceType: string, id: string | undefined): void
  cache: ResourceListCache
  sending: boolean
  onSend(): void
  onCancel(): void
  notice: string | undefined
  dark: boolean
}

function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).host : undefined
  } catch {
    return undefined
  }
}

export function RequestBuilder(props: Props) {
  const { draft, updateDraft, operation, profile } = props
  const [tab, setTab] = useState<Tab>('params')
  const tabs = useTabs<Tab>({ ids: TABS, selected: tab, onSelect: setTab })
  const known = useMemo(() => new Set(variableMap(props.variables).keys()), [props.variables])
  const unknownVariables = useMemo(() => {
    const texts = [draft.url, draft.body, ...draft.query.flatMap((r) => (r.enabled ? [r.name, r.value] : [])), ...draft.headers.flatMap((r) => (r.enabled ? [r.name, r.value] : []))]
    return [...new Set(texts.flatMap(referencedVariables))].filter((name) => !known.has(name)).sort()
  }, [draft, known])
  const profileHost = hostOf(profile?.reactorBaseUrl)
  const target = targetHost(draft.url, profile?.reactorBaseUrl)
  const withBody = hasBody(draft)
  const enabledQuery = draft.query.filter((row) => row.enabled && row.name).length
  const enabledHeaders = draft.headers.filter((row) => row.enabled && row.name && (row.role !== 'content-type' || withBody)).length

  return (
    <section className="rq-builder" aria-label="Request builder">
      <form
        className="rq-urlbar"
        onSubmit={(event) => {
          event.preventDefault()
          props.onSend()
        }}
      >
        <select
          className={`rq-select rq-method-select rq-method-${draft.method.toLowerCase()}`}
          aria-label="Method"
          value={draft.method}
          onChange={(event) => updateDraft({ method: event.target.value as HttpMethod })}
        >
          {HTTP_METHODS.map((method) => <option key={method} value={method}>{method}</option>)}
        </select>
        <div className="rq-url-wrap">
          {profileHost && draft.url.trim().startsWith('/') && <span className="rq-url-host mono" title="The profile's Reactor host">{profileHost}</span>}
          <input
            className="rq-input rq-url mono"
            aria-label="URL"
            spellCheck={false}
            placeholder="/companies or https://…"
            value={draft.url}
            onChange={(event) => updateDraft({ url: event.target.value })}
          />
        </div>
        {props.sending ? (
          <button type="button" className="rq-button rq-button-cancel" onClick={props.onCancel}>Cancel</button>
        ) : (
          <button type="submit" className="rq-button rq-button-primary" aria-keyshortcuts="Control+Enter Meta+Enter" title="Send (Ctrl/Cmd+Enter)">
            Send
          </button>
        )}
      </form>
      <div className="rq-builder-sub">
        <span className="rq-profile-chip" data-testid="profile-chip">
          {profile ? (
            <>
              <span className={`rq-dot${profile.simulated ? ' rq-dot-sim' : ''}`} aria-hidden="true" />
              {profile.name}
              {(profileHost || (profile.simulated && !/simulated/i.test(profile.name))) && (
                <span className="rq-field-hint">
                  {[profileHost, profile.simulated && !/simulated/i.test(profile.name) ? 'simulated' : undefined].filter(Boolean).map((part) => ` · ${part}`).join('')}
                </span>
              )}
            </>
          ) : (
            <span className="rq-warn-text">No active profile — choose one in Profiles</span>
          )}
        </span>
        {operation && <span className="rq-op-title">{operation.summary}</span>}
        {unknownVariables.length > 0 && (
          <span className="rq-warn-text" role="status" data-testid="unknown-variables">
            Undefined: {unknownVariables.map((name) => `{{${name}}}`).join(', ')}
          </span>
        )}
        {props.notice && <span className="rq-field-hint" role="status">{props.notice}</span>}
      </div>
      {operation && (
        <PathParamsBar
          pathParams={operation.pathParams}
          profileId={profile?.id}
          selections={props.selections}
          cache={props.cache}
          onSelect={props.onSelect}
        />
      )}
      <div className="rq-tabs" {...tabs.listProps} aria-label="Request parts">
        {(
          [
            ['params', 'Params', enabledQuery],
            ['headers', 'Headers', enabledHeaders + (profile && (draft.url.trim().startsWith('/') || target === profileHost) ? 3 : 0)],
            ['body', 'Body', withBody ? '●' : 0],
            ['variables', 'Variables', props.variables.length],
            ['options', 'Options', changedOptions(draft.options)],
            ['docs', 'Docs', 0]
          ] as const
        ).map(([id, label, count]) => (
          <button key={id} type="button" {...tabs.tabProps(id)}>
            {label}
            {count ? <span className="rq-count">{count}</span> : null}
          </button>
        ))}
      </div>
      {/* Focusable so a keyboard can scroll a long panel (the Docs) that holds nothing else to focus. */}
      <div className="rq-tab-panel" {...tabs.panelProps}>
        {tab === 'params' && <QueryParams rows={draft.query} onChange={props.setQuery} op={operation} variables={known} />}
        {tab === 'headers' && (
          <HeadersTable
            rows={draft.headers}
            onChange={(headers) => updateDraft({ headers })}
            variables={known}
            withBody={withBody}
            profile={profile ? { name: profile.name, host: profileHost } : undefined}
            targetHost={target}
            isPath={draft.url.trim().startsWith('/')}
          />
        )}
        {tab === 'body' && (
          <BodyEditor
            value={draft.body}
            onChange={(body) => updateDraft({ body })}
            onSubmit={props.onSend}
            sampleBody={operation?.sampleBody}
            contentType={draft.headers.find((row) => row.role === 'content-type')?.value}
            methodTakesBody={methodTakesBody(draft.method)}
            dark={props.dark}
          />
        )}
        {tab === 'variables' && <VariablesTable rows={props.variables} onChange={props.setVariables} unknown={unknownVariables} />}
        {tab === 'options' && <OptionsPanel options={draft.options} onChange={(options) => updateDraft({ options })} />}
        {tab === 'docs' && <OperationDocs op={operation} onUseSample={() => operation?.sampleBody && (updateDraft({ body: operation.sampleBody }), setTab('body'))} />}
      </div>
    </section>
  )
}
