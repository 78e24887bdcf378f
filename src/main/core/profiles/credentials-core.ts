// Composition of the credentials capability (profiles, secrets, tokens, doctor) for createAppCore and the
// CLI. Everything platform-specific comes in as options.
import type { DoctorReport, ProfileSummary } from '../../../shared/ipc/profiles.contract'
import type { Dispatcher } from 'undici'
import { runCredentialDoctor } from '../auth/credential-doctor'
import { requestAccessToken } from '../auth/ims-client'
import { ProfileCredentialProvider, tokenFailureToAppError } from '../auth/profile-credential-provider'
import { TokenManager } from '../auth/token-manager'
import type { Handlers } from '../rpc/dispatcher'
import type { EventHub } from '../rpc/event-hub'
import { AppError } from '../../../shared/errors'
import type { SecretRegistry } from '../security/secret-registry'
import { SecretService, type SecretStoreCandidate } from '../secrets/secret-service'
import { ImportError, parseCredentialFile } from './importers/credential-import'
import { ENVIRONMENT_PRESETS } from './environments'
import { ProfileRepository } from './profile-repository'
import { ProfileService, type SandboxLink } from './profile-service'
import { createSandboxLink } from './sandbox-link'

export type ProfilesHandlers = Pick<
  Handlers,
  | 'profiles:list'
  | 'profiles:create'
  | 'profiles:update'
  | 'profiles:duplicate'
  | 'profiles:delete'
  | 'profiles:setActive'
  | 'profiles:import'
  | 'secrets:set'
  | 'secrets:status'
  | 'tokens:info'
  | 'tokens:generate'
  | 'tokens:copy'
  | 'tokens:setManual'
  | 'doctor:run'
  | 'doctor:copyReport'
>

export interface CredentialsOptions {
  dataDir: string
  registry: SecretRegistry
  events?: EventHub
  /** Persistent secret backends, best first (keytar, then safeStorage in Electron). Memory is the fallback. */
  secretStores?: SecretStoreCandidate[]
  /** Writes the system clipboard (Electron's clipboard in the app); absent in browser mode and the CLI. */
  writeClipboard?: (text: string) => void | Promise<void>
  sandbox?: SandboxLink
  /** Renew tokens in the background before they expire (the app: yes; the CLI: no). */
  proactiveRefresh?: boolean
  /**
   * The HTTP dispatcher of the user's network settings (proxy), asked at each IMS call so a changed setting
   * applies at once. Absent: undici's default (the CLI, tests).
   */
  networkDispatcher?: () => Dispatcher | undefined
}

export interface Credentials {
  handlers: ProfilesHandlers
  profiles: ProfileService
  repository: ProfileRepository
  secrets: SecretService
  tokens: TokenManager
  provider: ProfileCredentialProvider
  sandbox: SandboxLink
  runDoctor(profileId: string, onStep?: Parameters<typeof runCredentialDoctor>[1]['onStep']): Promise<DoctorReport>
  dispose(): Promise<void>
}

export function environmentLabel(profile: Pick<ProfileSummary, 'environment' | 'simulated'>): string {
  if (profile.simulated) return 'Sandbox (simulated, not Adobe)'
  if (profile.environment === 'custom') return 'Custom hosts'
  return profile.environment === 'sandbox' ? 'Sandbox' : ENVIRONMENT_PRESETS[profile.environment].label
}

export function createCredentials(options: CredentialsOptions): Credentials {
  const { registry, events } = options
  const repository = new ProfileRepository({
    dataDir: options.dataDir,
    onNotice: (notice) => events?.emit('app:notice', notice)
  })
  const secrets = new SecretService({ candidates: options.secretStores ?? [], registry })
  const sandbox = options.sandbox ?? createSandboxLink()
  const profiles = new ProfileService({ repository, secrets, sandbox })
  const tokens = new TokenManager({
    source: profiles,
    registry,
    proactive: options.proactiveRefresh ?? false,
    onChange: (info) => events?.emit('tokens:changed', info),
    requestToken: (input) => requestAccessToken({ ...input, dispatcher: input.dispatcher ?? options.networkDispatcher?.() })
  })
  const provider = new ProfileCredentialProvider(profiles, tokens)
  const lastReports = new Map<string, string>()

  async function runDoctor(profileId: string, onStep?: Parameters<typeof runCredentialDoctor>[1]['onStep']): Promise<DoctorReport> {
    const summary = await profiles.get(profileId)
    let credential
    try {
      credential = await profiles.resolve(profileId)
    } catch (error) {
      throw error instanceof AppError ? error : new AppError('sandbox-unavailable', `The profile could not be prepared: ${(error as Error).message}`)
    }
    const report = await runCredentialDoctor(credential, {
      tokens,
      registry,
      environment: summary.environment,
      environmentLabel: environmentLabel(summary),
      dispatcher: options.networkDispatcher?.(),
      onStep
    })
    lastReports.set(profileId, report.text)
    return report
  }

  const changed = (activeProfileId?: string) => events?.emit('profiles:changed', { activeProfileId })

  async function clipboard(text: string, what: string): Promise<void> {
    if (!options.writeClipboard) {
      throw new AppError(
        'clipboard-unavailable',
        `Copying ${what} is done by the desktop app, which writes the clipboard itself. In browser mode main cannot reach your clipboard, so ${what} is not copied.`
      )
    }
    await options.writeClipboard(text)
  }

  async function tokenFor(profileId: string, force: boolean) {
    try {
      return await tokens.getToken(profileId, { force })
    } catch (error) {
      throw tokenFailureToAppError(error)
    }
  }

  const handlers: ProfilesHandlers = {
    'profiles:list': async () => {
      const { profiles: list, activeProfileId } = await profiles.list()
      return { profiles: list, activeProfileId, secretBackend: await secrets.backendInfo(), notices: [...repository.notices] }
    },
    'profiles:create': async ({ draft, clientSecret, sessionOnly }) => {
      const created = await profiles.create(draft, clientSecret ? { value: clientSecret, sessionOnly } : undefined)
      changed()
      return created
    },
    'profiles:update': async ({ id, draft }) => {
      const updated = await profiles.update(id, draft)
      tokens.invalidate(id)
      if (updated.notice) events?.emit('app:notice', { level: 'warning', message: updated.notice })
      changed()
      return updated
    },
    'profiles:duplicate': async ({ id }) => {
      const copy = await profiles.duplicate(id)
      changed()
      return copy
    },
    'profiles:delete': async ({ id }) => {
      await profiles.delete(id)
      tokens.invalidate(id)
      lastReports.delete(id)
      changed()
      return { deleted: true as const }
    },
    'profiles:setActive': async ({ id }) => {
      const active = profiles.setActive(id)
      changed(active)
      return { activeProfileId: active }
    },
    'profiles:import': async ({ filename, content, mode, name, overrides, acceptJwtMigration, sessionOnly }) => {
      let parsed
      try {
        parsed = parseCredentialFile(filename, content)
      } catch (error) {
        if (error instanceof ImportError) throw new AppError(`import-${error.code}`, error.message)
        throw error
      }
      registry.add(parsed.clientSecret)
      if (mode === 'preview') return { preview: parsed.preview }
      if (parsed.preview.jwtMigration && !acceptJwtMigration) {
        throw new AppError('jwt-migration-needed', parsed.preview.jwtMigration)
      }
      const draft = { ...parsed.preview.draft, ...overrides, ...(name ? { name } : {}), authKind: 'oauth-s2s' as const }
      const profile = await profiles.create(draft, parsed.clientSecret ? { value: parsed.clientSecret, sessionOnly } : undefined)
      changed()
      return { preview: parsed.preview, profile }
    },
    'secrets:set': async ({ profileId, kind, value, sessionOnly }) => {
      const status = await profiles.setSecret(profileId, kind, value, sessionOnly)
      tokens.invalidate(profileId)
      changed()
      return status
    },
    'secrets:status': ({ profileId, kind }) => profiles.secretStatus(profileId, kind),
    'tokens:info': async ({ id }) => {
      await profiles.get(id)
      return tokens.info(id)
    },
    'tokens:generate': async ({ id }) => {
      await tokenFor(id, true)
      return tokens.info(id)
    },
    'tokens:copy': async ({ id }) => {
      const token = await tokenFor(id, false)
      await clipboard(token.accessToken, 'the access token')
      return { copied: true as const, token: tokens.info(id) }
    },
    'tokens:setManual': async ({ profileId, token, sessionOnly }) => {
      const summary = await profiles.get(profileId)
      if (summary.authKind !== 'manual-token') {
        throw new AppError('not-manual', `Profile "${summary.name}" gets its tokens from IMS. Switch it to "Pasted access token" first.`)
      }
      registry.add(token)
      await profiles.setSecret(profileId, 'manual-token', token, sessionOnly)
      tokens.invalidate(profileId)
      await tokenFor(profileId, false)
      return tokens.info(profileId)
    },
    'doctor:run': async ({ profileId, runId }) => {
      const id = runId ?? `${profileId}-${Date.now()}`
      return runDoctor(profileId, (step) => events?.emit('doctor:progress', { runId: id, profileId, step }))
    },
    'doctor:copyReport': async ({ id }) => {
      const text = lastReports.get(id)
      if (!text) throw new AppError('no-report', 'Run "Test credential" first; then the report can be copied.')
      await clipboard(registry.redact(text), 'the report')
      return { copied: true as const }
    }
  }

  return {
    handlers,
    profiles,
    repository,
    secrets,
    tokens,
    provider,
    sandbox,
    runDoctor,
    async dispose() {
      tokens.dispose()
      // A sandbox handed in belongs to the caller (the app shares it with the Sandbox area).
      if (!options.sandbox) await sandbox.close()
    }
  }
}
