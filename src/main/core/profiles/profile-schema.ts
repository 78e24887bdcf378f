import { z } from 'zod'
import type { AuthKind as ContractAuthKind } from '../../../shared/ipc/profiles.contract'
import { DEFAULT_REACTOR_SCOPES, normaliseBaseUrl } from './environments'

import { ORG_ID_PATTERN } from '../../../shared/reactor-environments'

export { ORG_ID_PATTERN }

export const OrgId = z
  .string()
  .trim()
  .regex(ORG_ID_PATTERN, 'An Organization ID looks like 1234567890ABCDEF12345678@AdobeOrg (letters and digits, then @AdobeOrg).')

const BaseUrl = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .transform((value, ctx) => {
    try {
      return normaliseBaseUrl(value)
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `Not a usable host: ${(error as Error).message}` })
      return z.NEVER
    }
  })

export const Scopes = z
  .array(z.string().trim().min(1).max(200).regex(/^[^\s,]+$/, 'A scope has no spaces or commas'))
  .max(100)

export const AuthKind = z.enum(['oauth-s2s', 'manual-token'] as const satisfies readonly ContractAuthKind[])
export type AuthKind = ContractAuthKind

/** What a person edits. Secrets are never part of it. */
export const ProfileDraft = z
  .object({
    name: z.string().trim().min(1, 'Give the profile a name').max(120),
    environment: z.enum(['production', 'stage', 'custom']),
    imsBaseUrl: BaseUrl.optional(),
    reactorBaseUrl: BaseUrl.optional(),
    clientId: z.string().trim().min(1, 'The Client ID is required').max(200).regex(/^[^\s]+$/, 'A Client ID has no spaces'),
    orgId: OrgId,
    scopes: Scopes.default([...DEFAULT_REACTOR_SCOPES]),
    authKind: AuthKind.default('oauth-s2s'),
    technicalAccountId: z.string().trim().max(200).optional()
  })
  .superRefine((draft, ctx) => {
    if (draft.environment === 'custom') {
      if (!draft.imsBaseUrl) ctx.addIssue({ code: 'custom', path: ['imsBaseUrl'], message: 'Custom hosts need an IMS host' })
      if (!draft.reactorBaseUrl) ctx.addIssue({ code: 'custom', path: ['reactorBaseUrl'], message: 'Custom hosts need a Reactor host' })
    }
  })
export type ProfileDraftInput = z.input<typeof ProfileDraft>
export type ProfileDraft = z.output<typeof ProfileDraft>

/**
 * One stored profile (schema version 2). Loose: fields this version does not know (written by a newer one,
 * or added by hand) are kept through reads, edits and migrations instead of being dropped on the next save.
 * Hosts are plain strings here on purpose: one bad host must not make the whole file unreadable; each is
 * checked like a typed one when the profile is listed or used (`storedHostsProblem`).
 */
export const StoredProfile = z.looseObject({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(120),
  environment: z.enum(['production', 'stage', 'custom']),
  imsBaseUrl: z.string().optional(),
  reactorBaseUrl: z.string().optional(),
  clientId: z.string().min(1),
  orgId: z.string(),
  scopes: z.array(z.string()),
  authKind: AuthKind,
  technicalAccountId: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string()
})
export type StoredProfile = z.infer<typeof StoredProfile>

export const PROFILES_SCHEMA_VERSION = 2

export const ProfilesFile = z.looseObject({
  schemaVersion: z.literal(PROFILES_SCHEMA_VERSION),
  activeProfileId: z.string().optional(),
  profiles: z.array(StoredProfile),
  /**
   * The Sandbox scenarios chosen with "Use this scenario" (names only: their hosts and secrets are the Sandbox's).
   * Unknown here on purpose: a hand-edited entry must not make the whole file unreadable; chosenScenarios()
   * keeps the names it knows.
   */
  sandboxScenarios: z.unknown().optional()
})
export type ProfilesFile = z.infer<typeof ProfilesFile>

/**
 * Why a stored profile's hosts cannot be used, or undefined. profiles.json can be edited by hand (or by
 * another program), so hosts read from disk get the same check as typed ones: a file pointing IMS at
 * `file:///` or at `http://169.254.169.254` must never receive the client secret.
 */
export function storedHostsProblem(profile: Pick<StoredProfile, 'environment' | 'imsBaseUrl' | 'reactorBaseUrl'>): string | undefined {
  if (profile.environment !== 'custom') return undefined
  for (const [label, value] of [['IMS host', profile.imsBaseUrl], ['Reactor host', profile.reactorBaseUrl]] as const) {
    if (!value) return `its ${label} is missing in profiles.json`
    try {
      normaliseBaseUrl(value)
      if (!/^https?:\/\//i.test(value.trim())) throw new Error(`"${value.slice(0, 200)}" has no http(s) scheme`)
    } catch (error) {
      return `its ${label} in profiles.json is not usable: ${(error as Error).message}`
    }
  }
  return undefined
}
