import { z } from 'zod'
import { channel, NoInput } from './define'

// Profiles, secrets, tokens and the Credential Doctor. Secrets travel one way only: renderer -> main
// (secrets:set, tokens:setManual, profiles:import content). No output type below has room for one.

export type EnvironmentId = 'production' | 'stage' | 'sandbox' | 'custom'
export type AuthKind = 'oauth-s2s' | 'manual-token'

export interface SecretBackendInfo {
  backend: 'keychain' | 'safe-storage' | 'memory'
  persistent: boolean
  label: string
  problem?: { code: 'no-session-bus' | 'locked' | 'no-keyring' | 'timeout'; message: string }
}

export interface SecretStatus {
  kind: 'client-secret' | 'manual-token'
  stored: boolean
  backend: SecretBackendInfo
  sessionOnly: boolean
}

export interface ProfileSummary {
  id: string
  name: string
  environment: EnvironmentId
  imsBaseUrl: string
  reactorBaseUrl: string
  clientId: string
  orgId: string
  scopes: string[]
  authKind: AuthKind
  technicalAccountId?: string
  /** The built-in Sandbox profile: cannot be edited or deleted. */
  builtIn: boolean
  /** Talks to the in-process simulator: everything it shows is simulated. */
  simulated: boolean
  secret: SecretStatus
  /**
   * Why this profile cannot be used as stored (profiles.json edited to a host that is not allowed, e.g.
   * `file:///` or plain http to another machine): it is listed so the person can fix it, but nothing is
   * sent with it until its hosts are edited. The UI shows it on the profile and in the doctor.
   */
  problem?: string
  createdAt: string
  updatedAt: string
}

/**
 * What `profiles:update` answers: the saved profile, plus `notice` when the edit removed a stored secret (a
 * change of IMS or Reactor host deletes the client secret and pasted token: they must never reach new hosts).
 */
export interface ProfileUpdateResult extends ProfileSummary {
  notice?: string
}

export interface ProfilesState {
  profiles: ProfileSummary[]
  activeProfileId: string | undefined
  /** Where new secrets go on this machine. */
  secretBackend: SecretBackendInfo
  /** Startup notices (e.g. a damaged profiles file moved aside). */
  notices: Array<{ level: 'info' | 'warning' | 'error'; message: string }>
}

export interface TokenInfo {
  profileId: string
  state: 'none' | 'valid' | 'expired'
  source?: 'ims' | 'manual'
  obtainedAt?: number
  expiresAt?: number
  refreshAt?: number
  /** First 8 hex chars of the token's SHA-256: tells tokens apart, says nothing about them. */
  fingerprint?: string
  clientId?: string
  userId?: string
  scopes: string[]
}

export type DoctorStepId = 'ims-reachable' | 'token' | 'claims' | 'companies'
export type DoctorStepStatus = 'pending' | 'running' | 'pass' | 'warn' | 'fail' | 'skip'

export interface DoctorStep {
  id: DoctorStepId
  title: string
  status: DoctorStepStatus
  /** One plain sentence: what happened. */
  summary: string
  /** What to do next, when there is something to do. */
  nextStep?: string
  details: string[]
  durationMs?: number
}

export interface DoctorReport {
  profileId: string
  profileName: string
  environment: EnvironmentId
  simulated: boolean
  imsBaseUrl: string
  reactorBaseUrl: string
  clientId: string
  orgId: string
  startedAt: string
  durationMs: number
  outcome: 'works' | 'works-with-warnings' | 'fails'
  headline: string
  steps: DoctorStep[]
  companies: string[]
  token?: TokenInfo
  /** The whole report as redacted plain text for a support ticket (no secret, no token). */
  text: string
}

export interface DoctorProgress {
  runId: string
  profileId: string
  step: DoctorStep
}

export interface ImportPreview {
  kind: 'developer-console-project' | 'postman-environment' | 'jwt-service-account'
  /** What was recognised, in words. */
  description: string
  draft: {
    name: string
    environment: 'production' | 'stage' | 'custom'
    imsBaseUrl?: string
    reactorBaseUrl?: string
    clientId: string
    orgId: string
    scopes: string[]
    technicalAccountId?: string
  }
  hasClientSecret: boolean
  warnings: string[]
  /** For JWT credentials: the end-of-life explanation; creating a profile needs `acceptJwtMigration`. */
  jwtMigration?: string
}

export const ProfileId = z.string().min(1).max(128)

const HostInput = z.string().trim().max(2048)

export const ProfileDraftInput = z.object({
  name: z.string().max(120),
  environment: z.enum(['production', 'stage', 'custom']),
  imsBaseUrl: HostInput.optional(),
  reactorBaseUrl: HostInput.optional(),
  clientId: z.string().max(200),
  orgId: z.string().max(200),
  scopes: z.array(z.string().max(200)).max(100).optional(),
  authKind: z.enum(['oauth-s2s', 'manual-token']).optional(),
  technicalAccountId: z.string().max(200).optional()
})
export type ProfileDraftInput = z.input<typeof ProfileDraftInput>

const SecretValue = z.string().min(1).max(16_384)

export const CreateProfileInput = z.object({
  draft: ProfileDraftInput,
  /** Optional: saved in the same step so a profile never exists half-made. */
  clientSecret: SecretValue.optional(),
  sessionOnly: z.boolean().optional()
})
export const UpdateProfileInput = z.object({ id: ProfileId, draft: ProfileDraftInput })
export const ProfileIdInput = z.object({ id: ProfileId })
export const ImportInput = z.object({
  filename: z.string().max(512),
  content: z.string().max(2_000_000),
  mode: z.enum(['preview', 'create']),
  name: z.string().max(120).optional(),
  /** Corrections made in the preview (e.g. a placeholder Org ID) applied before validation. */
  overrides: ProfileDraftInput.partial().optional(),
  acceptJwtMigration: z.boolean().optional(),
  sessionOnly: z.boolean().optional()
})
export const SetSecretInput = z.object({
  profileId: ProfileId,
  kind: z.enum(['client-secret', 'manual-token']).default('client-secret'),
  value: SecretValue,
  sessionOnly: z.boolean().optional()
})
export const SecretStatusInput = z.object({
  profileId: ProfileId,
  kind: z.enum(['client-secret', 'manual-token']).optional()
})
export const SetManualTokenInput = z.object({ profileId: ProfileId, token: SecretValue, sessionOnly: z.boolean().optional() })
export const DoctorRunInput = z.object({ profileId: ProfileId, runId: z.string().max(64).optional() })

export const profilesContract = {
  'profiles:list': channel<ProfilesState>()(NoInput),
  'profiles:create': channel<ProfileSummary>()(CreateProfileInput),
  'profiles:update': channel<ProfileUpdateResult>()(UpdateProfileInput),
  'profiles:duplicate': channel<ProfileSummary>()(ProfileIdInput),
  'profiles:delete': channel<{ deleted: true }>()(ProfileIdInput),
  'profiles:setActive': channel<{ activeProfileId: string }>()(ProfileIdInput),
  'profiles:import': channel<{ preview: ImportPreview; profile?: ProfileSummary }>()(ImportInput),
  'secrets:set': channel<SecretStatus>()(SetSecretInput),
  'secrets:status': channel<SecretStatus>()(SecretStatusInput),
  'tokens:info': channel<TokenInfo>()(ProfileIdInput),
  'tokens:generate': channel<TokenInfo>()(ProfileIdInput),
  'tokens:copy': channel<{ copied: true; token: TokenInfo }>()(ProfileIdInput),
  'tokens:setManual': channel<TokenInfo>()(SetManualTokenInput),
  'doctor:run': channel<DoctorReport>()(DoctorRunInput),
  'doctor:copyReport': channel<{ copied: true }>()(ProfileIdInput)
}

export interface ProfilesEventPayloads {
  'profiles:changed': { activeProfileId: string | undefined }
  'tokens:changed': TokenInfo
  'doctor:progress': DoctorProgress
}
