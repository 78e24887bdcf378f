import { z } from 'zod'
import { channel, NoInput } from './define'
import type { ProfileSummary } from './profiles.contract'

export const SANDBOX_FAULT_KINDS = ['latency', 'status', 'reset', 'stall', 'malformed-json'] as const

/** The Sandbox's scenario credentials (src/sandbox/scenarios.ts), by name. */
export const SANDBOX_SCENARIO_NAMES = ['working', 'noCompanies', 'noProductProfile', 'wrongSecret'] as const
export type SandboxScenarioName = (typeof SANDBOX_SCENARIO_NAMES)[number]

export interface SandboxScenarioView {
  name: SandboxScenarioName
  clientId: string
  orgId: string
  /** What a person sees when they use it, e.g. "GET /companies answers 404 (valid, no companies)". */
  expectedOutcome: string
  /** The id of its Sandbox profile once "Use this scenario" made it (the working one is the built-in profile). */
  profileId?: string
}

export interface SandboxFaultView {
  id: number
  kind: (typeof SANDBOX_FAULT_KINDS)[number]
  method?: string
  path?: string
  latencyMs?: number
  status?: number
  retryAfterSeconds?: number
  /** Requests still to be affected; null = every request until removed. */
  remaining: number | null
}

/** Never carries a client secret: the demo secrets are printed by the CLI and documented, not sent here. */
export interface SandboxStatus {
  running: boolean
  baseUrl?: string
  seed: number
  scale: 'small' | 'large'
  startupMs?: number
  stats?: { imsTokenRequests: number; reactorRequests: number }
  scenarios: SandboxScenarioView[]
  faults: SandboxFaultView[]
}

export const AddFaultInput = z
  .object({
    kind: z.enum(SANDBOX_FAULT_KINDS),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
    /** Exact path, or a prefix ending in `*` (e.g. `/properties/*`). */
    path: z.string().startsWith('/').max(512).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    status: z.number().int().min(400).max(599).optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    times: z.number().int().min(1).max(10_000).optional()
  })
  .refine((fault) => fault.kind !== 'status' || fault.status !== undefined, {
    message: 'A status fault needs a status code (400–599).',
    path: ['status']
  })
  .refine((fault) => fault.kind !== 'latency' || fault.latencyMs !== undefined, {
    message: 'A latency fault needs a delay in milliseconds.',
    path: ['latencyMs']
  })
export type AddFaultInput = z.input<typeof AddFaultInput>

/** Any name up to 80 characters: core checks it against the scenarios and names them all when it is unknown. */
export const UseScenarioInput = z.object({ scenario: z.string().trim().min(1).max(80) })
export type UseScenarioInput = z.input<typeof UseScenarioInput>

/**
 * What "Use this scenario" answers: the scenario's Sandbox profile, now active. Its hosts are the running
 * Sandbox's; its secret stays in main (the summary says where it is, never what it is).
 */
export interface UseScenarioResult {
  profile: ProfileSummary
  /** False when the profile existed already and was only made active. */
  created: boolean
}

export const sandboxContract = {
  'sandbox:status': channel<SandboxStatus>()(NoInput),
  'sandbox:start': channel<SandboxStatus>()(NoInput),
  'sandbox:addFault': channel<SandboxStatus>()(AddFaultInput),
  'sandbox:removeFault': channel<SandboxStatus>()(z.object({ id: z.number().int().min(1) })),
  'sandbox:clearFaults': channel<SandboxStatus>()(NoInput),
  'sandbox:useScenario': channel<UseScenarioResult>()(UseScenarioInput)
}
