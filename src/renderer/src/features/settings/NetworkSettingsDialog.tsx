// The settings dialog: Network (proxy, its login, request defaults), Certificates (extra trust, hosts not
// verified), Test connection, and General (theme, history size, default page size, where secrets are kept). One form and one Save for
// all of them; the tabs only group what is shown.
import { useEffect, useId, useRef, useState } from 'react'
import { MAX_STORED_BODIES_MB_LIMITS, REACTOR_DEFAULT_PAGE_SIZE, type NetworkSettings, type ProxyMode, type SettingsState } from '@shared/ipc/settings.contract'
import { ApiError, api, unwrap } from '../../api/client'
import { Dialog } from '../../ui/Dialog'
import { Tab, TabList, TabPanels, Tabs } from '../../ui/Tabs'
import { ConnectionTest } from './ConnectionTest'
import { GeneralSection, parseHistoryMaxEntries, parsePageSize } from './GeneralSection'
import { ProxyAuthSection } from './ProxyAuthSection'
import { Field } from './SettingsField'
import { TlsSection } from './TlsSection'
import { formFrom, validateForm, type FormErrors, type FormField, type NetworkForm } from './settings-form'
import './settings.css'

type SettingsTab = 'network' | 'certificates' | 'connection' | 'general'
const TABS: readonly SettingsTab[] = ['network', 'certificates', 'connection', 'general']
/** Which tab shows a field, so a Save that finds an error can show it. */
const TAB_OF: Record<FormField, SettingsTab> = {
  url: 'network',
  noProxy: 'network',
  username: 'network',
  timeoutSeconds: 'network',
  maxInlineMB: 'network',
  maxStoredMB: 'network',
  caFile: 'certificates',
  noVerifyHosts: 'certificates'
}
const FIELD_ORDER: readonly FormField[] = ['url', 'noProxy', 'username', 'timeoutSeconds', 'maxInlineMB', 'maxStoredMB', 'caFile', 'noVerifyHosts']


function describeEnvironment(environment: SettingsState['environment'] | undefined): string {
  if (!environment) return 'Reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY from the environment.'
  const proxy = environment.httpsProxy ?? environment.httpProxy
  if (!proxy) return 'No HTTPS_PROXY or HTTP_PROXY is set here, so requests go direct.'
  return `Currently ${proxy}${environment.noProxy ? `, bypassing ${environment.noProxy}` : ''} (from HTTPS_PROXY/HTTP_PROXY/NO_PROXY).`
}

interface Props {
  /** The settings as main has them (the dialog loads them itself when absent). */
  initial?: SettingsState
  /** Whose hosts Test connection tries when no URL is typed. */
  activeProfile?: { id: string; name: string }
  onClose(): void
  onSaved?(state: SettingsState): void
}

const MODES: Array<{ mode: ProxyMode; label: string }> = [
  { mode: 'system-env', label: 'Use the system proxy variables' },
  { mode: 'none', label: 'No proxy' },
  { mode: 'manual', label: 'Manual proxy' }
]

export function NetworkSettingsDialog({ initial, activeProfile, onClose, onSaved }: Props) {
  const id = useId()
  const formRef = useRef<HTMLFormElement>(null)
  const [state, setState] = useState<SettingsState | undefined>(initial)
  const [form, setForm] = useState<NetworkForm | undefined>(initial ? formFrom(initial.network) : undefined)
  const [errors, setErrors] = useState<FormErrors>({})
  const [submitted, setSubmitted] = useState(false)
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<string | undefined>()
  const [tab, setTab] = useState<SettingsTab>('network')
  const [loadedForm, setLoadedForm] = useState<NetworkForm | undefined>(form)
  // History's size is the history capability's own setting; absent when the core has no history.
  const [history, setHistory] = useState<{ saved: number; text: string } | undefined>()
  const [historyError, setHistoryError] = useState<string | undefined>()
  const [pageSize, setPageSize] = useState(String(initial?.defaultPageSize ?? REACTOR_DEFAULT_PAGE_SIZE))
  const [pageSizeError, setPageSizeError] = useState<string | undefined>()

  useEffect(() => {
    let live = true
    const read = window.api?.getHistorySettings
    if (!read) return
    unwrap(read())
      .then((value) => live && setHistory({ saved: value.maxEntries, text: String(value.maxEntries) }))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])

  useEffect(() => {
    if (initial) return
    let live = true
    unwrap(api().getSettings())
      .then((value) => {
        if (!live) return
        setState(value)
        setPageSize(String(value.defaultPageSize ?? REACTOR_DEFAULT_PAGE_SIZE))
        setForm(formFrom(value.network))
        setLoadedForm(formFrom(value.network))
      })
      .catch((error: Error) => live && setFailure(`The settings could not be loaded: ${error.message}`))
    return () => {
      live = false
    }
  }, [initial])

  // The kit's Dialog traps focus and gives it back on close; the form loads after it opens, so focus moves to
  // the chosen proxy mode once the form is there.
  useEffect(() => {
    if (!form) return
    formRef.current?.querySelector<HTMLElement>('input[type="radio"]:checked')?.focus()
    // Only when the form first appears (loaded), not on every keystroke.
  }, [form === undefined])

  const update = (patch: Partial<NetworkForm>) => {
    if (!form) return
    const next = { ...form, ...patch }
    setForm(next)
    const fresh = validateForm(next).errors
    // After a first Save attempt messages follow the typing; before it, a shown message only clears or changes.
    setErrors((current) =>
      submitted ? fresh : Object.fromEntries(Object.entries(current).filter(([name, message]) => message && fresh[name as FormField]).map(([name]) => [name, fresh[name as FormField]]))
    )
  }
  const blurCheck = (field: FormField) => {
    if (!form) return
    const found = validateForm(form).errors[field]
    setErrors((current) => ({ ...current, [field]: found }))
  }

  /** Shows the tab a field is on, then moves focus to it once it is drawn. */
  const focusField = (name: string, on: SettingsTab) => {
    setTab(on)
    requestAnimationFrame(() => document.getElementById(`${id}-${name}`)?.focus())
  }

  const save = async () => {
    if (!form) return
    setSubmitted(true)
    const { settings, errors: found } = validateForm(form)
    setErrors(found)
    const historyCheck = history ? parseHistoryMaxEntries(history.text) : {}
    setHistoryError(historyCheck.error)
    const pageSizeCheck = parsePageSize(pageSize)
    setPageSizeError(pageSizeCheck.error)
    if (!settings || historyCheck.error || pageSizeCheck.error) {
      const first = FIELD_ORDER.find((field) => found[field])
      if (first) focusField(first, TAB_OF[first])
      else focusField(historyCheck.error ? 'historyMaxEntries' : 'pageSize', 'general')
      return
    }
    setSaving(true)
    setFailure(undefined)
    try {
      // The password first: a login that cannot be stored must not leave a user name that sends none.
      if (form.password) await unwrap(api().setProxyPassword({ password: form.password }))
      else if (form.forgetPassword) await unwrap(api().setProxyPassword({ password: '' }))
      const pageSizeChanged = pageSizeCheck.value !== (state?.defaultPageSize ?? REACTOR_DEFAULT_PAGE_SIZE)
      const saved = await unwrap(
        api().updateSettings({ network: settings satisfies NetworkSettings, ...(pageSizeChanged ? { defaultPageSize: pageSizeCheck.value } : {}) })
      )
      if (history && historyCheck.value !== undefined && historyCheck.value !== history.saved) {
        await unwrap(api().setHistorySettings({ maxEntries: historyCheck.value }))
      }
      onSaved?.(saved)
      onClose()
    } catch (error) {
      const message = error instanceof ApiError ? error.message : String(error)
      setSaving(false)
      // Main read the certificate file (or the system bundle) and refused it: say so under that field.
      const caFile = form.caFile.trim()
      if ((caFile && message.includes(caFile)) || /system certificate|certificate store/i.test(message)) {
        setErrors((current) => ({ ...current, caFile: message }))
        focusField('caFile', 'certificates')
        return
      }
      setFailure(message)
    }
  }
  const unsaved = form !== undefined && loadedForm !== undefined && JSON.stringify(form) !== JSON.stringify(loadedForm)

  const field = (name: FormField) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': `${id}-${name}-${errors[name] ? 'error' : 'hint'}`,
    onBlur: () => blurCheck(name)
  })

  return (
    <Dialog
      title="Settings"
      description="Network and certificate settings apply to every request and to the token requests made to Adobe IMS; General holds the theme, history, page size and where secrets are kept."
      onClose={onClose}
      className="st-dialog"
      flush
    >
        {!form ? (
          <div className="st-body">
            {failure ? <p className="inline-error" role="alert">{failure}</p> : <p className="muted" role="status">Loading settings…</p>}
          </div>
        ) : (
          <form
            ref={formRef}
            className="st-body"
            noValidate
            onSubmit={(event) => {
              event.preventDefault()
              void save()
            }}
          >
            <Tabs<SettingsTab> selected={tab} onSelect={setTab}>
            <TabList className="st-tabs" aria-label="Settings">
              <Tab id="network">Network</Tab>
              <Tab id="certificates">
                Certificates
                {errors.caFile || errors.noVerifyHosts ? <span className="st-tab-alert" aria-label="(has an error)">!</span> : null}
              </Tab>
              <Tab id="connection">Test connection</Tab>
              <Tab id="general">General</Tab>
            </TabList>
            <TabPanels ids={TABS} selected={tab} className="st-panel">
            {tab === 'network' && (
            <>
            <fieldset className="st-section">
              <legend className="st-section-title">Proxy</legend>
              <div className="st-radios" role="radiogroup" aria-label="Proxy">
                {MODES.map(({ mode, label }) => (
                  <label key={mode} className={`st-radio${form.mode === mode ? ' st-radio-checked' : ''}`}>
                    <input type="radio" name={`${id}-mode`} value={mode} checked={form.mode === mode} onChange={() => update({ mode })} />
                    <span className="st-radio-text">
                      <span className="st-radio-label">{label}</span>
                      <span className="st-hint">
                        {mode === 'system-env'
                          ? describeEnvironment(state?.environment)
                          : mode === 'none'
                            ? 'Always connect directly, even when proxy variables are set.'
                            : 'Send through the proxy below, except for the hosts you list.'}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
              {form.mode === 'manual' && (
                <div className="st-manual">
                  <Field id={`${id}-url`} label="Proxy URL" error={errors.url} hint="Scheme, host and port, e.g. http://proxy.example.com:8080. No user name or password.">
                    <input
                      {...field('url')}
                      className="input mono"
                      type="url"
                      inputMode="url"
                      spellCheck={false}
                      autoComplete="off"
                      placeholder="http://proxy.example.com:8080"
                      value={form.url}
                      onChange={(event) => update({ url: event.target.value })}
                    />
                  </Field>
                  <Field
                    id={`${id}-noProxy`}
                    label="Bypass the proxy for"
                    error={errors.noProxy}
                    hint="Host names, .domain suffixes or host:port, separated by commas. localhost and 127.0.0.1 (the Sandbox) always go direct."
                  >
                    <input
                      {...field('noProxy')}
                      className="input mono"
                      spellCheck={false}
                      autoComplete="off"
                      placeholder=".corp.example.com, intranet:8443"
                      value={form.noProxy}
                      onChange={(event) => update({ noProxy: event.target.value })}
                    />
                  </Field>
                  <ProxyAuthSection id={id} form={form} errors={errors} update={update} field={field} passwordStored={state?.proxyPasswordStored === true} backend={state?.secretBackend} />
                </div>
              )}
            </fieldset>

            <fieldset className="st-section">
              <legend className="st-section-title">Requests</legend>
              <div className="st-grid">
                <Field id={`${id}-timeoutSeconds`} label="Default timeout" suffix="seconds" error={errors.timeoutSeconds} hint="1 s to 10 minutes. A request can set its own in its Options tab.">
                  <input
                    {...field('timeoutSeconds')}
                    className="input st-number"
                    inputMode="decimal"
                    value={form.timeoutSeconds}
                    onChange={(event) => update({ timeoutSeconds: event.target.value })}
                  />
                </Field>
                <Field id={`${id}-maxInlineMB`} label="Largest body shown in the app" suffix="MB" error={errors.maxInlineMB} hint="1 to 200 MB. Larger responses are kept in a file you can save.">
                  <input
                    {...field('maxInlineMB')}
                    className="input st-number"
                    inputMode="numeric"
                    value={form.maxInlineMB}
                    onChange={(event) => update({ maxInlineMB: event.target.value })}
                  />
                </Field>
                <Field
                  id={`${id}-maxStoredMB`}
                  label="Disk space for large bodies"
                  suffix="MB"
                  error={errors.maxStoredMB}
                  hint={`${MAX_STORED_BODIES_MB_LIMITS.min} MB to ${MAX_STORED_BODIES_MB_LIMITS.max / 1024} GB for all bodies kept in files together; the oldest go first, and a body that still does not fit stops with a message.`}
                >
                  <input
                    {...field('maxStoredMB')}
                    className="input st-number"
                    inputMode="numeric"
                    value={form.maxStoredMB}
                    onChange={(event) => update({ maxStoredMB: event.target.value })}
                  />
                </Field>
              </div>
              <label className="st-check">
                <input type="checkbox" checked={form.retryByDefault} onChange={(event) => update({ retryByDefault: event.target.checked })} />
                <span className="st-radio-text">
                  <span className="st-radio-label">Retry 429 and 5xx answers for idempotent requests</span>
                  <span className="st-hint">GET, HEAD, OPTIONS, PUT and DELETE, up to 2 more tries with capped backoff, honouring Retry-After.</span>
                </span>
              </label>
            </fieldset>
            </>
            )}
            {tab === 'certificates' && <TlsSection id={id} form={form} errors={errors} update={update} field={field} status={state?.tls} />}
            {tab === 'connection' && <ConnectionTest profile={activeProfile} unsaved={unsaved} />}
            {tab === 'general' && (
              <GeneralSection
                id={id}
                historyMaxEntries={history?.text}
                historyError={historyError}
                onHistoryMaxEntries={(text) => {
                  setHistory((current) => current && { ...current, text })
                  if (submitted || historyError) setHistoryError(parseHistoryMaxEntries(text).error)
                }}
                onHistoryBlur={() => history && setHistoryError(parseHistoryMaxEntries(history.text).error)}
                pageSize={pageSize}
                pageSizeError={pageSizeError}
                onPageSize={(text) => {
                  setPageSize(text)
                  if (submitted || pageSizeError) setPageSizeError(parsePageSize(text).error)
                }}
                onPageSizeBlur={() => setPageSizeError(parsePageSize(pageSize).error)}
                backend={state?.secretBackend}
                backends={state?.secretBackends}
                onSecretsMoved={(next) => setState(next)}
              />
            )}
            </TabPanels>
            </Tabs>

            {state?.notices.map((notice) => (
              <p key={notice.message} className={`st-notice st-notice-${notice.level}`} role="status">{notice.message}</p>
            ))}
            {failure && <p className="inline-error" role="alert">{failure}</p>}
            <footer className="st-footer">
              <button type="button" className="btn" onClick={onClose}>Cancel</button>
              <button type="submit" className="btn btn-primary" disabled={saving}>{saving ? 'Saving…' : 'Save'}</button>
            </footer>
          </form>
        )}
    </Dialog>
  )
}
