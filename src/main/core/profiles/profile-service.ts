// Profiles as the app and the CLI use them: the stored list plus the built-in Sandbox profile, with hosts
// resolved and secrets located (never read out). Implements the CredentialSource the TokenManager needs.
import { randomUUID } from 'node:crypto'
import type { ProfileSummary, ProfileUpdateResult, SecretStatus } from '../../../shared/ipc/profiles.contract'
import type { CredentialSource, ResolvedCredential } from '../auth/token-manager'
import { AppError } from '../../../shared/errors'
import { SECRET_KINDS, secretKey, type SecretKind, type SecretService } from '../secrets/secret-service'
import { SecretStoreError } from '../secrets/secret-store'
import { DEFAULT_REACTOR_SCOPES, ENVIRONMENT_PRESETS } from './environments'
import { ProfileDraft, storedHostsProblem, type ProfileDraftInput, type StoredProfile } from './profile-schema'
import type { ProfileRepository } from './profile-repository'
import type { ScenarioName } from '../../../sandbox'
import {
  SANDBOX_PROFILE_ID,
  assertScenario,
  chosenScenarios,
  scenarioCredential,
  scenarioOfProfileId,
  scenarioProfileId,
  scenarioProfileName
} from './sandbox-scenario-profiles'

export { SANDBOX_PROFILE_ID }

/** What the built-in Sandbox profile needs: a running simulator and its working credential. */
export interface SandboxEndpoint {
  imsUrl: string
  reactorUrl: string
  credential: { clientId: string; clientSecret: string; orgId: string; scopes: string[] }
}

export interface SandboxLink {
  /** Starts the in-process sandbox on first use; later calls return the same one. */
  ensure(): Promise<SandboxEndpoint>
  /** The endpoint if already running (no start). */
  current(): SandboxEndpoint | undefined
  close(): Promise<void>
}

export interface ProfileServiceOptions {
  repository: ProfileRepository
  secrets: SecretService
  sandbox?: SandboxLink
  now?: () => Date
}

function draftError(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): AppError {
  const first = error.issues[0]
  const field = first?.path.map(String).join('.') ?? ''
  const labels: Record<string, string> = {
    name: 'Name',
    clientId: 'Client ID',
    orgId: 'Org ID',
    scopes: 'Scopes',
    imsBaseUrl: 'IMS host',
    reactorBaseUrl: 'Reactor host'
  }
  const label = labels[field.split('.')[0] ?? ''] ?? field
  return new AppError(
    'invalid-profile',
    `${label ? `${label}: ` : ''}${first?.message ?? 'invalid profile'}`,
    error.issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`).join('; ')
  )
}

export function secretErrorToAppError(error: unknown): unknown {
  if (error instanceof SecretStoreError) {
    return new AppError(
      `keychain-${error.code}`,
      `${error.message} You can keep the secret for this session only (it is forgotten when Reactor Explorer quits).`
    )
  }
  return error
}

const SECRET_NAMES: Record<SecretKind, string> = { 'client-secret': 'client secret', 'manual-token': 'pasted access token' }

function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin
  } catch {
    return baseUrl.trim().toLowerCase()
  }
}

/** Whether an edit sends the profile's credential somewhere else: another IMS or Reactor origin. */
export function hostsMoved(before: { imsBaseUrl: string; reactorBaseUrl: string }, after: { imsBaseUrl: string; reactorBaseUrl: string }): boolean {
  return originOf(before.imsBaseUrl) !== originOf(after.imsBaseUrl) || originOf(before.reactorBaseUrl) !== originOf(after.reactorBaseUrl)
}

export function hostChangeNotice(removed: readonly SecretKind[]): string {
  if (removed.length > 1) {
    return 'The hosts changed, so the stored client secret and the pasted access token were removed: enter them again to use the new hosts.'
  }
  return removed[0] === 'manual-token'
    ? 'The hosts changed, so the pasted access token was removed: paste one again to use the new hosts.'
    : 'The hosts changed, so the stored client secret was removed: enter it again to use the new hosts.'
}

/** The built-in Sandbox profile's secret: the simulator's own, always there, never in a keychain. */
function sandboxSecretStatus(): SecretStatus {
  return {
    kind: 'client-secret',
    stored: true,
    backend: { backend: 'memory', persistent: false, label: 'the simulated sandbox (built in)' },
    sessionOnly: false
  }
}

export class ProfileService implements CredentialSource {
  constructor(private readonly options: ProfileServiceOptions) {}

  private stamp(): string {
    return (this.options.now?.() ?? new Date()).toISOString()
  }

  private validate(input: ProfileDraftInput): ProfileDraft {
    const parsed = ProfileDraft.safeParse(input)
    if (!parsed.success) throw draftError(parsed.error)
    return parsed.data
  }

  private stored(id: string): StoredProfile {
    const profile = this.options.repository.read().profiles.find((p) => p.id === id)
    if (!profile) throw new AppError('profile-not-found', `There is no profile with id "${id}". It may have been deleted.`)
    return profile
  }

  private hosts(profile: StoredProfile): { imsBaseUrl: string; reactorBaseUrl: string } {
    if (profile.environment === 'custom') return { imsBaseUrl: profile.imsBaseUrl ?? '', reactorBaseUrl: profile.reactorBaseUrl ?? '' }
    return ENVIRONMENT_PRESETS[profile.environment]
  }

  private secretKind(authKind: StoredProfile['authKind']): SecretKind {
    return authKind === 'manual-token' ? 'manual-token' : 'client-secret'
  }

  /** The scenario of a built-in Sandbox profile this service lists (the built-in one, or one chosen with "Use this scenario"). */
  private listedScenario(id: string): ScenarioName | undefined {
    if (!this.options.sandbox) return undefined
    const scenario = scenarioOfProfileId(id)
    if (scenario === undefined || scenario === 'working') return scenario
    return chosenScenarios(this.options.repository.read().sandboxScenarios).includes(scenario) ? scenario : undefined
  }

  async secretStatus(profileId: string, kind?: SecretKind): Promise<SecretStatus> {
    if (this.listedScenario(profileId) !== undefined) return sandboxSecretStatus()
    const resolvedKind = kind ?? this.secretKind(this.stored(profileId).authKind)
    const location = await this.options.secrets.locate(secretKey(profileId, resolvedKind))
    return { kind: resolvedKind, ...location }
  }

  /** A built-in Sandbox profile: hosts are the running Sandbox's (empty until it starts), the credential the scenario's. */
  private sandboxSummary(scenario: ScenarioName = 'working'): ProfileSummary {
    const running = this.options.sandbox?.current()
    const credential = scenario === 'working' && running ? running.credential : scenarioCredential(scenario)
    const epoch = new Date(0).toISOString()
    return {
      id: scenarioProfileId(scenario),
      name: scenarioProfileName(scenario),
      environment: 'sandbox',
      imsBaseUrl: running?.imsUrl ?? '',
      reactorBaseUrl: running?.reactorUrl ?? '',
      clientId: credential.clientId,
      orgId: credential.orgId,
      scopes: credential.scopes.length > 0 ? credential.scopes : [...DEFAULT_REACTOR_SCOPES],
      authKind: 'oauth-s2s',
      builtIn: true,
      simulated: true,
      secret: sandboxSecretStatus(),
      createdAt: epoch,
      updatedAt: epoch
    }
  }

  async summary(profile: StoredProfile): Promise<ProfileSummary> {
    const problem = storedHostsProblem(profile)
    return {
      id: profile.id,
      name: profile.name,
      environment: profile.environment,
      ...this.hosts(profile),
      clientId: profile.clientId,
      orgId: profile.orgId,
      scopes: profile.scopes,
      authKind: profile.authKind,
      ...(profile.technicalAccountId ? { technicalAccountId: profile.technicalAccountId } : {}),
      builtIn: false,
      simulated: false,
      // The kind comes from the profile in hand: secretStatus without it would re-read profiles.json.
      secret: await this.secretStatus(profile.id, this.secretKind(profile.authKind)),
      ...(problem ? { problem: `Profile "${profile.name}" cannot be used: ${problem}. Edit its hosts to use it again.` } : {}),
      createdAt: profile.createdAt,
      updatedAt: profile.updatedAt
    }
  }

  async get(id: string): Promise<ProfileSummary> {
    const scenario = this.listedScenario(id)
    if (scenario !== undefined) return this.sandboxSummary(scenario)
    return this.summary(this.stored(id))
  }

  /** Profiles by name (the CLI's --profile), case-insensitive, ids accepted too. */
  findByName(name: string): ProfileSummary['id'] | undefined {
    if (this.options.sandbox && (name.toLowerCase() === 'sandbox' || name === SANDBOX_PROFILE_ID)) return SANDBOX_PROFILE_ID
    // A scenario profile made in the Sandbox area, by id (`sandbox-no-companies`) or by its name.
    const scenarioId = this.listedSandboxProfileIds().find((id) => id === name || scenarioProfileName(scenarioOfProfileId(id)!).toLowerCase() === name.toLowerCase())
    if (scenarioId) return scenarioId
    const profiles = this.options.repository.read().profiles
    return (profiles.find((p) => p.id === name) ?? profiles.find((p) => p.name.toLowerCase() === name.toLowerCase()))?.id
  }

  async list(): Promise<{ profiles: ProfileSummary[]; activeProfileId: string | undefined }> {
    const file = this.options.repository.read()
    const stored = await Promise.all(file.profiles.map((p) => this.summary(p)))
    const sandboxProfiles = this.options.sandbox
      ? [this.sandboxSummary(), ...chosenScenarios(file.sandboxScenarios).map((scenario) => this.sandboxSummary(scenario))]
      : []
    const profiles = [...stored, ...sandboxProfiles]
    const active = profiles.some((p) => p.id === file.activeProfileId) ? file.activeProfileId : profiles[0]?.id
    return { profiles, activeProfileId: active }
  }

  /** The built-in Sandbox profiles listed now: the Sandbox profile and the scenarios chosen (none without a Sandbox). */
  listedSandboxProfileIds(): string[] {
    if (!this.options.sandbox) return []
    return [SANDBOX_PROFILE_ID, ...chosenScenarios(this.options.repository.read().sandboxScenarios).map(scenarioProfileId)]
  }

  /**
   * "Use this scenario": the scenario's Sandbox profile, created if it is not listed yet, made active, with the
   * Sandbox started so its hosts are known. Only the scenario's name is written to profiles.json; choosing it
   * again only selects it. `working` is the built-in Sandbox profile.
   */
  async useSandboxScenario(name: string): Promise<{ profile: ProfileSummary; created: boolean }> {
    assertScenario(name)
    if (!this.options.sandbox) {
      throw new AppError('sandbox-unavailable', 'The Sandbox is not part of this session, so its scenario profiles cannot be made here.')
    }
    const created = this.listedScenario(scenarioProfileId(name)) === undefined
    await this.options.sandbox.ensure()
    this.options.repository.update((file) => ({
      ...file,
      ...(created ? { sandboxScenarios: [...chosenScenarios(file.sandboxScenarios), name] } : {}),
      activeProfileId: scenarioProfileId(name)
    }))
    return { profile: this.sandboxSummary(name), created }
  }

  /** Creates a profile; with a secret, both are saved or neither is. */
  async create(input: ProfileDraftInput, secret?: { value: string; sessionOnly?: boolean }): Promise<ProfileSummary> {
    const draft = this.validate(input)
    const now = this.stamp()
    const profile: StoredProfile = { id: randomUUID(), ...draft, createdAt: now, updatedAt: now }
    if (secret) {
      try {
        await this.options.secrets.set(secretKey(profile.id, this.secretKind(profile.authKind)), secret.value, { sessionOnly: secret.sessionOnly })
      } catch (error) {
        throw secretErrorToAppError(error)
      }
    }
    try {
      this.options.repository.update((file) => ({
        ...file,
        activeProfileId: file.activeProfileId ?? profile.id,
        profiles: [...file.profiles, profile]
      }))
    } catch (error) {
      if (secret) await this.options.secrets.deleteProfileSecrets(profile.id).catch(() => {})
      throw error
    }
    return this.summary(profile)
  }

  /**
   * Saves an edit. When it moves the profile to another IMS or Reactor origin (custom hosts, or another
   * environment preset), the stored client secret and pasted token are deleted first: they were given for
   * the old hosts and must never be posted to new ones. The answer then carries a `notice` saying so.
   */
  async update(id: string, input: ProfileDraftInput): Promise<ProfileUpdateResult> {
    if (scenarioOfProfileId(id) !== undefined) throw new AppError('read-only', 'The built-in Sandbox profiles cannot be edited. Duplicate a real profile instead.')
    const draft = this.validate(input)
    const existing = this.stored(id)
    const updated: StoredProfile = { ...existing, ...draft, id, createdAt: existing.createdAt, updatedAt: this.stamp() }
    if (draft.environment !== 'custom') {
      delete updated.imsBaseUrl
      delete updated.reactorBaseUrl
    }
    if (!draft.technicalAccountId) delete updated.technicalAccountId
    // The secrets go before the new hosts are written, so no moment exists where new hosts meet an old secret.
    const removed = hostsMoved(this.hosts(existing), this.hosts(updated)) ? await this.removeSecretsForNewHosts(id) : []
    this.options.repository.update((file) => ({ ...file, profiles: file.profiles.map((p) => (p.id === id ? updated : p)) }))
    const summary = await this.summary(updated)
    return removed.length > 0 ? { ...summary, notice: hostChangeNotice(removed) } : summary
  }

  /** Deletes every secret the profile holds; the kinds that were actually stored. Refuses the edit if the keychain does. */
  private async removeSecretsForNewHosts(id: string): Promise<SecretKind[]> {
    const removed: SecretKind[] = []
    for (const kind of SECRET_KINDS) {
      const key = secretKey(id, kind)
      try {
        if (!(await this.options.secrets.locate(key)).stored) continue
        await this.options.secrets.delete(key)
      } catch (error) {
        const reason = secretErrorToAppError(error)
        throw new AppError(
          'host-change-secret-kept',
          `The hosts were not changed: the stored ${SECRET_NAMES[kind]} has to be removed first, because it must never be sent to other hosts, and removing it failed` +
            `${reason instanceof Error ? ` (${reason.message})` : ''}. Unlock the keychain and save again.`
        )
      }
      removed.push(kind)
    }
    return removed
  }

  /** A copy without its secret: secrets are never copied silently from one profile to another. */
  async duplicate(id: string): Promise<ProfileSummary> {
    if (scenarioOfProfileId(id) !== undefined) throw new AppError('read-only', 'The built-in Sandbox profiles cannot be duplicated.')
    const source = this.stored(id)
    const names = new Set(this.options.repository.read().profiles.map((p) => p.name))
    let name = `${source.name} (copy)`
    for (let n = 2; names.has(name); n++) name = `${source.name} (copy ${n})`
    const now = this.stamp()
    const copy: StoredProfile = { ...source, id: randomUUID(), name: name.slice(0, 120), createdAt: now, updatedAt: now }
    this.options.repository.update((file) => ({ ...file, profiles: [...file.profiles, copy] }))
    return this.summary(copy)
  }

  /** Deletes the profile and every secret it had. */
  async delete(id: string): Promise<void> {
    if (id === SANDBOX_PROFILE_ID) throw new AppError('read-only', 'The built-in Sandbox profile cannot be deleted.')
    const scenario = this.listedScenario(id)
    if (scenario !== undefined) {
      // A scenario profile is only its name in the list: removing it leaves no secret behind.
      this.options.repository.update((file) => ({
        ...file,
        sandboxScenarios: chosenScenarios(file.sandboxScenarios).filter((chosen) => chosen !== scenario),
        activeProfileId: file.activeProfileId === id ? SANDBOX_PROFILE_ID : file.activeProfileId
      }))
      return
    }
    this.stored(id)
    try {
      await this.options.secrets.deleteProfileSecrets(id)
    } catch (error) {
      throw secretErrorToAppError(error)
    }
    this.options.repository.update((file) => {
      const profiles = file.profiles.filter((p) => p.id !== id)
      const activeProfileId = file.activeProfileId === id ? profiles[0]?.id : file.activeProfileId
      const { activeProfileId: _previous, ...rest } = file
      return { ...rest, profiles, ...(activeProfileId ? { activeProfileId } : {}) }
    })
  }

  setActive(id: string): string {
    if (this.listedScenario(id) === undefined) this.stored(id)
    this.options.repository.update((file) => ({ ...file, activeProfileId: id }))
    return id
  }

  async setSecret(profileId: string, kind: SecretKind, value: string, sessionOnly?: boolean): Promise<SecretStatus> {
    if (scenarioOfProfileId(profileId) !== undefined) throw new AppError('read-only', 'The Sandbox profiles have their own simulated secret.')
    this.stored(profileId)
    try {
      const location = await this.options.secrets.set(secretKey(profileId, kind), value, { sessionOnly })
      return { kind, ...location }
    } catch (error) {
      throw secretErrorToAppError(error)
    }
  }

  /** CredentialSource: everything the TokenManager needs; secrets are read only when asked for. */
  async resolve(profileId: string): Promise<ResolvedCredential> {
    const scenario = this.listedScenario(profileId)
    if (scenario !== undefined && this.options.sandbox) {
      // Resolved at every use: the Sandbox gets a new port on every launch, and its hosts are whatever runs now.
      const sandbox = await this.options.sandbox.ensure()
      const credential = scenario === 'working' ? sandbox.credential : scenarioCredential(scenario)
      return {
        profileId,
        profileName: scenarioProfileName(scenario),
        authKind: 'oauth-s2s',
        imsBaseUrl: sandbox.imsUrl,
        reactorBaseUrl: sandbox.reactorUrl,
        clientId: credential.clientId,
        orgId: credential.orgId,
        scopes: credential.scopes,
        simulated: true,
        clientSecret: async () => credential.clientSecret,
        manualToken: async () => undefined
      }
    }
    const profile = this.stored(profileId)
    // Checked at every use, not only when listed: the file may have been edited since.
    const problem = storedHostsProblem(profile)
    if (problem) {
      throw new AppError('profile-hosts-invalid', `Profile "${profile.name}" cannot be used: ${problem}. Nothing was sent; edit its hosts to use it again.`)
    }
    const secrets = this.options.secrets
    const read = async (kind: SecretKind) => {
      try {
        return await secrets.get(secretKey(profileId, kind))
      } catch (error) {
        throw secretErrorToAppError(error)
      }
    }
    return {
      profileId,
      profileName: profile.name,
      authKind: profile.authKind,
      ...this.hosts(profile),
      clientId: profile.clientId,
      orgId: profile.orgId,
      scopes: profile.scopes,
      simulated: false,
      clientSecret: () => read('client-secret'),
      manualToken: () => read('manual-token')
    }
  }
}
