// The open request tabs, kept in `tabs.json` in the data folder so they come back after a reload of browser
// mode or a restart of the app. Responses are not kept (a 50 MB answer must not slow reopening); the
// documents are. No secret is ever written: secret variables lose their value, values the app knows as
// secrets and values that look like credentials (a pasted bearer token, a `p8e-` client secret) are replaced
// by a placeholder before the file is written, and the caller is told how many.
import { z } from 'zod'
import { RequestTabsState, type RequestTabsStateInput, type SavedTabs } from '../../../shared/ipc/requests.contract'
import type { KeyValue, RequestSpec } from '../../../shared/requests/request-spec'
import type { SecretRegistry } from '../security/secret-registry'
import { looksLikeSecret } from '../security/secret-patterns'
import { VersionedJsonFile, type StoreNotice } from '../storage/versioned-json-file'

export const TABS_SCHEMA_VERSION = 1
export const REDACTED_PLACEHOLDER = '{{redacted-secret}}'

const TabsFile = RequestTabsState.extend({ schemaVersion: z.literal(TABS_SCHEMA_VERSION) })
type TabsFile = z.output<typeof TabsFile>

const empty = (): TabsFile => ({ schemaVersion: TABS_SCHEMA_VERSION, tabs: [] })

export interface TabStoreOptions {
  dataDir: string
  secrets: SecretRegistry
  onNotice?: (notice: StoreNotice) => void
}

export class TabStore {
  private readonly file: VersionedJsonFile<TabsFile>

  constructor(private readonly options: TabStoreOptions) {
    this.file = new VersionedJsonFile<TabsFile>({
      dataDir: options.dataDir,
      name: 'tabs',
      schema: TabsFile,
      schemaVersion: TABS_SCHEMA_VERSION,
      fallback: empty,
      messages: {
        unreadable: (reason, aside) => `Your open request tabs could not be restored because ${reason}. The file was kept as ${aside}; new tabs start empty.`
      },
      onNotice: options.onNotice
    })
  }

  get path(): string {
    return this.file.path
  }

  get notices(): readonly StoreNotice[] {
    return this.file.notices
  }

  load(): RequestTabsState {
    const { tabs, selectedTabId } = this.file.read()
    return { tabs, selectedTabId: tabs.some((tab) => tab.id === selectedTabId) ? selectedTabId : tabs[0]?.id }
  }

  save(state: RequestTabsStateInput): SavedTabs {
    const parsed = RequestTabsState.parse(state)
    let redacted = 0
    const count = () => (redacted += 1)
    const tabs = parsed.tabs.map((tab) => ({
      ...tab,
      spec: this.withoutSecrets(tab.spec, count),
      ...(tab.baseline ? { baseline: this.withoutSecrets(tab.baseline, () => undefined) } : {})
    }))
    this.file.write({ schemaVersion: TABS_SCHEMA_VERSION, tabs, selectedTabId: parsed.selectedTabId })
    return { saved: true, redacted }
  }

  private withoutSecrets(spec: RequestSpec, onRedacted: () => void): RequestSpec {
    const scrub = (row: KeyValue): KeyValue => {
      if (!looksLikeSecret(row.value)) return row
      onRedacted()
      return { ...row, value: REDACTED_PLACEHOLDER }
    }
    const scrubbed: RequestSpec = {
      ...spec,
      headers: spec.headers.map(scrub),
      params: spec.params.map(scrub),
      variables: spec.variables.map((variable) => {
        if (variable.secret) return variable.value === undefined ? variable : (onRedacted(), { ...variable, value: undefined })
        return variable.value !== undefined && looksLikeSecret(variable.value) ? (onRedacted(), { ...variable, value: REDACTED_PLACEHOLDER }) : variable
      }),
      auth: spec.auth.type === 'headers' ? { ...spec.auth, headers: spec.auth.headers.map(scrub) } : spec.auth
    }
    // Anything else the app knows as a secret (a minted token pasted into a body, say), wherever it sits.
    return this.options.secrets.redactDeep(scrubbed, onRedacted)
  }
}
