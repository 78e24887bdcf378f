// `reactor-explorer check`: the Credential Doctor without the app. Uses the same profiles file and keychain
// entries as the app (or a one-off credential from flags); the secret comes from REACTOR_CLIENT_SECRET or
// stdin, never from argv (argv is visible to every user on the machine and lands in shell history).
import { mkdirSync } from 'node:fs'
import { defaultDataDir } from '../main/core/app/data-dir'
import { parseArgs } from 'node:util'
import type { DoctorReport, DoctorStep } from '../shared/ipc/profiles.contract'
import type { ResolvedCredential } from '../main/core/auth/token-manager'
import { createCoreServices } from '../main/core/app/create-app-core'
import { DEFAULT_REACTOR_SCOPES, ENVIRONMENT_PRESETS } from '../main/core/profiles/environments'
import { ProfileDraft } from '../main/core/profiles/profile-schema'
import { AppError } from '../shared/errors'
import { SecretRegistry } from '../main/core/security/secret-registry'
import { keytarCandidate } from '../main/core/secrets/keytar-secret-store'

// The desktop app's own folder, so --profile finds the profiles saved in the app.
export const DEFAULT_DATA_DIR = defaultDataDir()

const USAGE = `usage: reactor-explorer check --profile NAME [--data-dir DIR]
       reactor-explorer check --client-id ID --org-id ORG@AdobeOrg [--scopes a,b,c]
                              (--env production|stage|sandbox | --ims-host URL --reactor-host URL)

The client secret is read from the REACTOR_CLIENT_SECRET environment variable, or from stdin
(e.g. pass < secret.txt). It is never accepted on the command line.
--env sandbox starts the built-in simulator and uses its working credential (no secret needed).
Exit code 0 when the credential works, 1 when it does not, 2 for usage errors.`

export interface CheckIo {
  out(line: string): void
  err(line: string): void
  env: NodeJS.ProcessEnv
  /** Reads all of stdin, or undefined when stdin is a terminal. */
  readStdin(): Promise<string | undefined>
}

const defaultIo: CheckIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
  async readStdin() {
    if (process.stdin.isTTY) return undefined
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }
}

const MARK: Record<DoctorStep['status'], string> = { pending: ' ', running: '…', pass: '✔', warn: '!', fail: '✘', skip: '-' }

export async function runCheckCommand(args: string[], io: CheckIo = defaultIo): Promise<number> {
  if (args.some((arg) => /^--client-secret(=|$)|^--secret(=|$)/.test(arg))) {
    io.err('check: the client secret is not accepted on the command line: other users can read it from the process list and it stays in your shell history.')
    io.err('Set REACTOR_CLIENT_SECRET, or pipe it on stdin:  reactor-explorer check ... < secret.txt')
    return 2
  }
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args,
      options: {
        profile: { type: 'string' },
        'client-id': { type: 'string' },
        'org-id': { type: 'string' },
        scopes: { type: 'string' },
        env: { type: 'string' },
        'ims-host': { type: 'string' },
        'reactor-host': { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    }))
  } catch (error) {
    io.err(`check: ${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (values.help) {
    io.out(USAGE)
    return 0
  }
  const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined)
  const env = str('env')
  if (env && !['production', 'stage', 'sandbox'].includes(env)) {
    io.err(`check: --env must be production, stage or sandbox, not "${env}".`)
    return 2
  }
  if (!str('profile') && env !== 'sandbox' && !str('client-id')) {
    io.err(`check: name a saved profile (--profile NAME) or give --client-id and --org-id.\n\n${USAGE}`)
    return 2
  }

  const dataDir = str('data-dir') ?? DEFAULT_DATA_DIR
  mkdirSync(dataDir, { recursive: true })
  const registry = new SecretRegistry()
  // The app's own composition: its profiles, keychain, network settings (proxy) and send pipeline.
  const services = createCoreServices({ dataDir, secrets: registry, secretStores: [keytarCandidate()], proactiveRefresh: false })
  const { credentials } = services
  const started = Date.now()
  const onStep = (step: DoctorStep) => {
    if (step.status !== 'running' && step.status !== 'pending') io.err(`  ${MARK[step.status]} ${step.title}`)
  }
  try {
    let report: DoctorReport
    if (str('profile')) {
      const found = credentials.profiles.findByName(str('profile')!)
      if (!found) {
        const names = (await credentials.profiles.list()).profiles.map((p) => p.name)
        io.err(`check: no profile named "${str('profile')}" in ${dataDir}. Profiles: ${names.join(', ') || '(none)'}`)
        return 2
      }
      report = await credentials.runDoctor(found, onStep)
    } else if (env === 'sandbox' && !str('client-id')) {
      report = await credentials.runDoctor('sandbox', onStep)
    } else {
      // A one-off credential from flags: validated like a profile, never saved.
      let hosts: { imsBaseUrl: string; reactorBaseUrl: string }
      if (env === 'sandbox') {
        const sandbox = await credentials.sandbox.ensure()
        hosts = { imsBaseUrl: sandbox.imsUrl, reactorBaseUrl: sandbox.reactorUrl }
      } else if (str('ims-host') || str('reactor-host')) {
        hosts = { imsBaseUrl: str('ims-host') ?? '', reactorBaseUrl: str('reactor-host') ?? '' }
      } else {
        hosts = ENVIRONMENT_PRESETS[(env as 'production' | 'stage') ?? 'production']
      }
      const parsed = ProfileDraft.safeParse({
        name: 'command line',
        environment: 'custom',
        ...hosts,
        clientId: str('client-id') ?? '',
        orgId: str('org-id') ?? '',
        scopes: str('scopes') ? str('scopes')!.split(',').map((s) => s.trim()).filter(Boolean) : [...DEFAULT_REACTOR_SCOPES]
      })
      if (!parsed.success) {
        io.err(`check: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ')}`)
        return 2
      }
      const secret = io.env['REACTOR_CLIENT_SECRET'] ?? (await io.readStdin())?.trim()
      if (!secret) {
        io.err('check: no client secret. Set REACTOR_CLIENT_SECRET or pipe the secret on stdin.')
        return 2
      }
      registry.add(secret)
      const draft = parsed.data
      const resolved: ResolvedCredential = {
        profileId: 'command-line',
        profileName: 'command line',
        authKind: 'oauth-s2s',
        imsBaseUrl: draft.imsBaseUrl!,
        reactorBaseUrl: draft.reactorBaseUrl!,
        clientId: draft.clientId,
        orgId: draft.orgId,
        scopes: draft.scopes,
        simulated: env === 'sandbox',
        clientSecret: async () => secret,
        manualToken: async () => undefined
      }
      // Never saved: the doctor gets its token for exactly this credential and sends to its absolute URL.
      report = await credentials.runDoctorFor(
        resolved,
        {
          environment: env === 'sandbox' ? 'sandbox' : str('ims-host') ? 'custom' : ((env as 'production' | 'stage') ?? 'production'),
          environmentLabel: resolved.simulated ? 'Sandbox (simulated, not Adobe)' : undefined
        },
        onStep
      )
    }
    io.out(registry.redact(report.text))
    io.err(`(${Date.now() - started} ms)`)
    return report.outcome === 'fails' ? 1 : 0
  } catch (error) {
    io.err(`check: ${registry.redact(error instanceof AppError || error instanceof Error ? error.message : String(error))}`)
    return 1
  } finally {
    await services.dispose()
  }
}
