// Composition of the credentials capability (profiles, secrets, tokens, doctor) for createCoreServices and
// the tests. Everything platform-specific comes in as options. It is built in two steps because the send
// pipeline sits between them: the pipeline needs the profiles' credential provider, and the doctor needs
// the pipeline. createCoreServices builds the parts, then the pipeline, then the capability on top.
import type { DoctorReport, ProfileSummary } from '../../../shared/ipc/profiles.contract'
import { runCredentialDoctor, type DoctorSend } from '../auth/credential-doctor'
import { requestAccessToken } from '../auth/ims-client'
import { ProfileCredentialProvider, tokenFailureToAppError } from '../auth/profile-credential-provider'
import { TokenManager, type ResolvedCredential } from '../auth/token-manager'
import type { NetworkClient } from '../net/network-client'
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

export interface ProfileCredentialsOptions {
  dataDir: string
  registry: SecretRegistry
  events?: EventHub
  /** Persistent secret backends, best first (keytar, then safeStorage in Electron). Memory is the fallback. */
  secretStores?: SecretStoreCandidate[]
  sandbox?: SandboxLink
  /** Renew tokens in the background before they expire (the app: yes; the CLI: no). */
  proactiveRefresh?: boolean
  /** The network layer IMS token requests go through (the person's proxy and timeouts); default: process-wide. */
  network?: NetworkClient
}

/** Profiles, their secrets and tokens, and the provider the executor asks for a profile's auth headers. */
export interface ProfileCredentials {
  repository: ProfileRepository
  secrets: SecretService
  sandbox: SandboxLink
  profiles: ProfileService
  tokens: TokenManager
  provider: ProfileCredentialProvider
  /** The network layer the token client uses (the doctor's probe uses it too). */
  network: NetworkClient | undefined
  /** Whether the sandbox link was made here (then dispose closes it). */
  ownsSandbox: boolean
}

export interface CredentialsOptions extends ProfileCredentialsOptions {
  /** Writes the system clipboard (Electron's clipboard in the app); absent in browser mode and the CLI. */
  writeClipboard?: (text: string) => void | Promise<void>
  /** Parts built already (createCoreServices builds them first: the send pipeline needs their provider). */
  parts?: ProfileCredentials
  /** The send pipeline, for the doctor's GET /companies. Without it `doctor:run` refuses with a sentence. */
  sendRequest?: DoctorSend
}

type DoctorStepListener = Parameters<typeof runCredentialDoctor>[1]['onStep']

export interface Credentials extends Omit<ProfileCredentials, 'ownsSandbox' | 'network'> {
  handlers: ProfilesHandlers
  runDoctor(profileId: string, onStep?: DoctorStepListener): Promise<DoctorReport>
  /** The doctor for a credential that is not (or not only) a saved profile: the CLI's one-off flags. */
  runDoctorFor(
    credential: ResolvedCredential,
    about: { environment: DoctorReport['environment']; environmentLabel?: string },
    onStep?: DoctorStepListener
  ): Promise<DoctorReport>
  dispose(): Promise<void>
}

export function environmentLabel(profile: Pick<ProfileSummary, 'environment' | 'simulated'>): string {
  if (profile.simulated) return 'Sandbox (simulated, not Adobe)'
  if (profile.environment === 'custom') return 'Custom hosts'
  return profile.environment === 'sandbox' ? 'Sandbox' : ENVIRONMENT_PRESETS[profile.environment].label
}

export function createProfileCredentials(options: ProfileCredentialsOptions): ProfileCredentials {
  const { registry, events, network } = options
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
    requestToken: (input) => requestAccessToken({ ...input, network: input.network ?? network })
  })
  const provider = new ProfileCredentialProvider(profiles, tokens)
  return { repository, secrets, sandbox, profiles, tokens, provider, network, ownsSandbox: !options.sandbox }
}

export function createCredentials(options: CredentialsOptions): Credentials {
  const { registry, events } = options
  const parts = options.parts ?? createProfileCredentials(options)
  const { repository, secrets, sandbox, profiles, tokens, provider } = parts
  const lastReports = new Map<string, string>()

  async function runDoctorFor(
    credential: ResolvedCredential,
    about: { environment: DoctorReport['environment']; environmentLabel?: string },
    onStep?: DoctorStepListener
  ): Promise<DoctorReport> {
    if (!options.sendRequest) {
      throw new AppError('doctor-unavailable', 'The Credential Doctor cannot run here: it sends GET /companies through the send pipeline, which was not composed with these credentials.')
    }
    const report = await runCredentialDoctor(credential, {
      tokens,
      registry,
      sendRequest: options.sendRequest,
      network: parts.network,
      environment: about.environment,
      environmentLabel: about.environmentLabel,
      onStep
    })
    lastReports.set(credential.profileId, report.text)
    return report
  }

  async function runDoctor(profileId: string, onStep?: DoctorStepListener): Promise<DoctorReport> {
    const summary = await profiles.get(profileId)
    let credential
    try {
      credential = await profiles.resolve(profileId)
    } catch (error) {
      throw error instanceof AppError ? error : new AppError('sandbox-unavailable', `The profile could not be prepared: ${(error as Error).message}`)
    }
    return runDoctorFor(credential, { environment: summary.environment, environmentLabel: environmentLabel(summary) }, onStep)
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
    runDoctorFor,
    async dispose() {
      tokens.dispose()
      // A sandbox handed in belongs to the caller (the app shares it with the Sandbox area).
      if (parts.ownsSandbox) await sandbox.close()
    }
  }
}
