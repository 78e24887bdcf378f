import { useId, useMemo, useState, type ReactNode } from 'react'
import type { CatalogOperation } from '@shared/catalog/catalog'
import { sampleBodyWithIds } from '@shared/catalog/sample-body'
import { methodTakesBody, sendsBody } from '@shared/requests/request-spec'
import { splitUrlAndQuery, urlFieldText } from '@shared/requests/url-params'
import { describeUnresolved, type ResolvedSpec } from '@shared/requests/variables'
import { Tab, TabList, TabPanels, Tabs } from '../../../ui/Tabs'
import type { ProfileOption } from '../../../state/active-profile'
import { ariaKeyShortcuts, shortcutLabel } from '../../../state/shortcuts'
import { OperationDocs } from '../catalog/OperationDocs'
import { PathParamsBar } from '../context/PathParamsBar'
import type { ResourceListCache } from '../context/resource-lists'
import { applyMethod, applyPick, applyUrlField, picksOf } from '../model/operation-context'
import { HTTP_METHODS, changeBody, changedOptions, encodedUrl, isContentType, targetHost, type HttpMethod, type RequestDraft } from '../model/request-draft'
import type { UpdateDraft } from '../use-workbench'
import { BodyEditor } from './BodyEditor'
import { HeadersTable } from './HeadersTable'
import { OptionsPanel } from './OptionsPanel'
import { QueryParams } from './QueryParams'
import { VariablesTable } from './VariablesTable'

export const REQUEST_PARTS = ['params', 'headers', 'body', 'variables', 'options', 'docs'] as const
export type RequestPart = (typeof REQUEST_PARTS)[number]

interface Props {
  draft: RequestDraft
  update: UpdateDraft
  /** The draft with its variables resolved as far as the renderer can (the preview). */
  resolved: ResolvedSpec
  operations: readonly CatalogOperation[]
  operation: CatalogOperation | undefined
  profile: ProfileOption | undefined
  cache: ResourceListCache
  sending: boolean
  onSend(): void
  /** The active profile's problem, in a sentence: Send is disabled and says why. */
  sendBlockedBy?: string
  onCancel(): void
  notice: string | undefined
  dark: boolean
  part: RequestPart
  onPart(part: RequestPart): void
  timeoutText: string
  onTimeoutText(text: string): void
  onResetOptions(): void
  /** Names the request's collection and environment give a value to (a collection tab): not "unknown". */
  knownVariables?: ReadonlySet<string>
  /** Save the tab (to its collection file, or "Save as"); absent: no Save button. */
  onSave?(): void
  /** The environment chooser shown next to the profile (a collection tab). */
  environmentControl?: ReactNode
  /** "Save as {{propertyId}}" under a picked id (a collection tab). */
  onSaveAsVariable?(resourceType: string, id: string): void
  /**
   * A paste into the URL field: true when it was a cURL command and was taken (it opens as a new tab). The
   * field never receives the command, so a customer's token in it never reaches the page.
   */
  onPasteCurl?(text: string): boolean
}

function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).host : undefined
  } catch {
    return undefined
  }
}

/** What the URL field would show for this text once parsed: equal means the field is in step with the document. */
function canonical(text: string): string {
  const { url, params } = splitUrlAndQuery(text)
  return urlFieldText(url, params)
}

/**
 * The URL field: `urlFieldText(url, params)` of the document, except while the person is typing something
 * that parses to the same document (`/companies?` or a trailing `&`), which is shown as typed.
 */
function useUrlField(draft: RequestDraft, onText: (text: string) => void) {
  const [typed, setTyped] = useState<string | undefined>()
  const derived = urlFieldText(draft.url, draft.params)
  const value = typed !== undefined && canonical(typed) === derived ? typed : derived
  return { value, onChange: (text: string) => (setTyped(text), onText(text)) }
}

export function RequestBuilder(props: Props) {
  const { draft, update, operation, profile, operations, resolved, part } = props
  const blockedId = useId()
  const { knownVariables } = props
  const known = useMemo(() => new Set([...draft.variables.filter((v) => v.enabled && v.name.trim()).map((v) => v.name.trim()), ...(knownVariables ?? [])]), [draft.variables, knownVariables])
  const baseUrl = profile?.reactorBaseUrl
  const urlField = useUrlField(draft, (text) => update((d) => applyUrlField(d, text, operations, baseUrl)))
  const profileHost = hostOf(baseUrl)
  const isPath = draft.url.trim().startsWith('/')
  const target = targetHost(draft.url, baseUrl)
  const withBody = sendsBody(draft)
  const enabledQuery = draft.params.filter((row) => row.enabled && row.name).length
  const enabledHeaders = draft.headers.filter((row) => row.enabled && row.name && (!isContentType(row) || withBody)).length
  const willSend = `${resolved.spec.method} ${encodedUrl(resolved.spec, isPath ? (baseUrl ?? undefined) : undefined)}`
  const unresolved = resolved.unresolved
  // The catalog's sample with the ids picked for this path (Adobe's own sample ids would answer 409).
  const sample = operation ? sampleBodyWithIds(operation, picksOf(draft)) : undefined

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
          onChange={(event) => update((d) => applyMethod(d, event.target.value as HttpMethod, operations, baseUrl))}
        >
          {HTTP_METHODS.map((method) => <option key={method} value={method}>{method}</option>)}
        </select>
        <div className="rq-url-wrap">
          {profileHost && isPath && <span className="rq-url-host mono" title="The profile's Reactor host">{profileHost}</span>}
          <input
            className="rq-input rq-url mono"
            aria-label="URL"
            spellCheck={false}
            placeholder="/companies or https://…"
            value={urlField.value}
            onChange={(event) => urlField.onChange(event.target.value)}
            onPaste={(event) => {
              // Read from the clipboard event: an <input> drops the newlines of a multi-line command.
              if (props.onPasteCurl?.(event.clipboardData.getData('text/plain'))) event.preventDefault()
            }}
          />
        </div>
        {props.sending ? (
          <button type="button" className="rq-button rq-button-cancel" onClick={props.onCancel}>Cancel</button>
        ) : (
          <button
            type="submit"
            className="rq-button rq-button-primary"
            aria-keyshortcuts={ariaKeyShortcuts('send')}
            title={props.sendBlockedBy ? undefined : `Send (${shortcutLabel('send')})`}
            disabled={props.sendBlockedBy !== undefined}
            aria-describedby={props.sendBlockedBy ? blockedId : undefined}
          >
            Send
          </button>
        )}
        {props.onSave && (
          <button type="button" className="rq-button" aria-keyshortcuts={ariaKeyShortcuts('save')} title={`Save to its collection file, or choose where (${shortcutLabel('save')})`} onClick={props.onSave}>
            Save
          </button>
        )}
      </form>
      {props.sendBlockedBy && (
        <p className="rq-error-text" role="alert" id={blockedId} data-testid="profile-problem">
          This profile cannot send: {props.sendBlockedBy}
        </p>
      )}
      <p className="rq-will-send mono" title={willSend}>
        <span className="rq-will-send-label">Will send</span> <span data-testid="will-send">{willSend}</span>
      </p>
      <div className="rq-builder-sub">
        <span className="rq-profile-chip" data-testid="profile-chip">
          {profile ? (
            <>
              <span className={`rq-dot${profile.simulated ? ' rq-dot-sim' : ''}`} aria-hidden="true" />
              {profile.name}
              {(profileHost || (profile.simulated && !/simulated/i.test(profile.name))) && (
                <span className="rq-field-hint">
                  {[profileHost, profile.simulated && !/simulated/i.test(profile.name) ? 'simulated' : undefined].filter(Boolean).map((text) => ` · ${text}`).join('')}
                </span>
              )}
            </>
          ) : (
            <span className="rq-warn-text">No active profile — choose one in Profiles</span>
          )}
        </span>
        {props.environmentControl}
        <span className="rq-op-title" data-testid="operation-label" title={operation ? `${operation.method} ${operation.path}` : 'This URL matches no catalog operation'}>
          {operation ? operation.summary : 'Custom request'}
        </span>
        {unresolved.length > 0 && (
          <span className="rq-warn-text" role="status" data-testid="unknown-variables">
            {describeUnresolved(unresolved)}
          </span>
        )}
        {props.notice && <span className="rq-field-hint rq-notice" role="status" data-testid="builder-notice">{props.notice}</span>}
      </div>
      {operation && (
        <PathParamsBar
          pathParams={operation.pathParams}
          profileId={profile?.id}
          selections={picksOf(draft)}
          cache={props.cache}
          onSelect={(type, id) => update((d) => applyPick(d, operation, type, id))}
          onSaveAsVariable={props.onSaveAsVariable}
        />
      )}
      <Tabs<RequestPart> selected={part} onSelect={props.onPart}>
      <TabList className="rq-tabs" aria-label="Request parts">
        {(
          [
            ['params', 'Params', enabledQuery],
            ['headers', 'Headers', enabledHeaders + (profile && (isPath || target === profileHost) ? 3 : 0)],
            ['body', 'Body', withBody ? '●' : 0],
            ['variables', 'Variables', draft.variables.length],
            ['options', 'Options', changedOptions(draft.options)],
            ['docs', 'Docs', 0]
          ] as const
        ).map(([id, label, count]) => (
          <Tab key={id} id={id}>
            {label}
            {count ? <span className="rq-count">{count}</span> : null}
            {id === 'variables' && unresolved.length > 0 && <span className="rq-count rq-count-warn" title="Variables without a value">!</span>}
          </Tab>
        ))}
      </TabList>
      {/* Focusable so a keyboard can scroll a long panel (the Docs) that holds nothing else to focus. */}
      <TabPanels ids={REQUEST_PARTS} selected={part} className="rq-tab-panel">
        {part === 'params' && <QueryParams rows={draft.params} onChange={(params) => update((d) => ({ ...d, params }))} op={operation} variables={known} />}
        {part === 'headers' && (
          <HeadersTable
            rows={draft.headers}
            onChange={(headers) => update((d) => ({ ...d, headers }))}
            variables={known}
            withBody={withBody}
            profile={profile ? { name: profile.name, host: profileHost } : undefined}
            targetHost={target}
            isPath={isPath}
          />
        )}
        {part === 'body' && (
          <BodyEditor
            body={draft.body}
            onChange={(body) => update((d) => changeBody(d, body))}
            onSubmit={props.onSend}
            sampleBody={sample}
            contentType={draft.headers.find((row) => row.enabled && isContentType(row))?.value}
            methodTakesBody={methodTakesBody(draft.method)}
            dark={props.dark}
            variables={known}
          />
        )}
        {part === 'variables' && <VariablesTable rows={draft.variables} onChange={(variables) => update((d) => ({ ...d, variables }))} unresolved={unresolved} />}
        {part === 'options' && (
          <OptionsPanel
            options={draft.options}
            onChange={(options) => update((d) => ({ ...d, options }))}
            timeoutText={props.timeoutText}
            onTimeoutText={props.onTimeoutText}
            onReset={props.onResetOptions}
          />
        )}
        {part === 'docs' && (
          <OperationDocs
            op={operation}
            onUseSample={() => {
              if (!sample) return
              update((d) => ({ ...d, body: { type: 'json', text: sample } }))
              props.onPart('body')
            }}
          />
        )}
      </TabPanels>
      </Tabs>
    </section>
  )
}
