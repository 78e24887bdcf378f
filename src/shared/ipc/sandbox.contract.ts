import { z } from 'zod'
import { channel, NoInput } from './define'

export const SANDBOX_FAULT_KINDS = ['latency', 'status', 'reset', 'stall', 'malformed-json'] as const

export interface SandboxScenarioView {
  name: 'working' | 'noCompanies' | 'noProductProfile' | 'wrongSecret'
  clientId: string
  orgId: string
  /** What a person sees when they use it, e.g. "GET /companies answers 404 (valid, no companies)". */
  expectedOutcome: string
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

export const sandboxContract = {
  'sandbox:status': channel<SandboxStatus>()(NoInput),
  'sandbox:start': channel<SandboxStatus>()(NoInput),
  'sandbox:addFault': channel<SandboxStatus>()(AddFaultInput),
  'sandbox:removeFault': channel<SandboxStatus>()(z.object({ id: z.number().int().min(1) })),
  'sandbox:clearFaults': channel<SandboxStatus>()(NoInput)
}
