// `reactor-explorer run <collection-folder>`: the collection runner on the command line, for CI and bulk
// jobs. It composes the same core as the app (createCoreServices → CollectionRunner → SendPipeline) and
// nothing of the renderer; tokens come from a saved profile (keychain), the in-process Sandbox, or — in CI —
// a one-off credential from REACTOR_* environment variables that is never saved. Reports (cli, json, junit,
// html) pass the secret registry and the credential's identifiers are masked: no token, secret, API key or
// org id value is ever written.
//
// Only light modules load at the top: `run --help` and usage errors must not pay for the core (zod, undici,
// the collection reader); they load once the arguments are good.
import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataDir } from '../main/core/app/data-dir'
import type { CoreServices } from '../main/core/app/create-app-core'
import type { DataSource } from '../main/core/runner/data-file'
import type { RunReporter, ReporterName } from '../main/core/runner/reporters/reporter'
import type { SecretStoreCandidate } from '../main/core/secrets/secret-service'
import { SecretRegistry } from '../main/core/security/secret-registry'
import type { SandboxHost } from '../sandbox'
import type { Collection, Environment } from '../shared/collections/collection-model'
import { AppError } from '../shared/errors'
import type { RequestVariable } from '../shared/requests/request-spec'

export const RUN_USAGE = `usage: reactor-explorer run <collection-folder | postman.json> [--profile NAME | --env sandbox] [--folder PATH]
                            [--data FILE] [--iterations N] [--concurrency N] [--delay MS] [--bail] [--timeout MS]
                            [--reporter cli,json,junit,html] [--out DIR] [--var name=value]...
                            [--environment NAME] [--save-env] [--data-dir DIR]

Runs the requests of a collection in collection order through the same send pipeline as the app, checks
each answer against the assertions stored in its file, and captures values into variables for the requests
after it. The collection is an OpenCollection folder (as the app and Bruno write it), or any file or folder
\`import\` reads (a Postman v2.1 collection, an Insomnia export, a Bruno .bru folder), converted in memory:
Adobe's capture scripts (pm.environment.set(..., pm.response.json().data.id) and the like) become captures,
any other script is reported as not run. reactor:starter is the built-in starter collection.

Credential (one of):
  --profile NAME     a profile saved in the app; its secret comes from the OS keychain
  --env sandbox      the built-in Sandbox (simulated IMS + Reactor), started in-process: no setup
  (CI)               REACTOR_CLIENT_ID, REACTOR_CLIENT_SECRET, REACTOR_ORG_ID, and optionally REACTOR_SCOPES
                     (comma-separated), REACTOR_IMS_HOST and REACTOR_HOST (default: Adobe production,
                     https://ims-na1.adobelogin.com and https://reactor.adobe.io). A one-off credential held
                     in memory and never saved; the secret is never accepted on the command line.
  A token is minted once per run, refreshed before it expires and once after a 401.

What runs:
  --folder PATH      only this folder of the collection (e.g. publish, or rules/list)
  --data FILE        a CSV (header row = variable names) or JSON array of objects: one iteration per row,
                     the row's values as variables; read a row at a time. A row that cannot be read fails
                     with its line number and the run goes on
  --iterations N     run the selection N times (without --data)
  --var name=value   a run-time value for {{name}} (repeatable); data rows and captures win over it
  --environment NAME the collection environment to use (default: the one tied to the profile)
  --save-env         write the captured values back into that environment at the end

How:
  --concurrency N    up to N requests at once (default 1: one at a time); a request that uses a captured
                     variable waits for the request that captures it, and writes keep their order
  --delay MS         pause after each request
  --bail             stop starting requests after the first failure
  --timeout MS       each request's timeout (default: the request's own, else 30000)

Reports:
  --reporter LIST    any of cli (default), json, junit, html, comma-separated
  --out DIR          where report.json, junit.xml and report.html go (default ./run-reports)

  --data-dir DIR     where profiles live (default: the app's folder, or $REACTOR_EXPLORER_DATA_DIR)

Exit codes:
  0    every request answered and every assertion passed
  1    an assertion or a request failed (or a data row could not be read)
  2    usage error: unknown flag, bad value, no such collection, folder, environment or data file
  3    no credential could be obtained (the Credential Doctor's diagnosis is printed)
  4    network failure before any request got an answer (DNS, connection refused, TLS, timeout, proxy)
  130  interrupted (Ctrl-C): the requests in flight are cancelled and the reports are still written`

export const RUN_EXIT = { passed: 0, failed: 1, usage: 2, credential: 3, network: 4, interrupted: 130 } as const

export interface RunIo {
  /** One line to stdout (the cli reporter). */
  out(line: string): void
  /** One line to stderr: waits, notes, errors. */
  err(line: string): void
  env: NodeJS.ProcessEnv
  cwd: string
  /** Calls `cancel` on Ctrl-C; returns the function that stops listening. */
  onInterrupt?(cancel: () => void): () => void
  color?: boolean
}

const processIo: RunIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
  cwd: process.cwd(),
  onInterrupt(cancel) {
    process.once('SIGINT', cancel)
    return () => void process.off('SIGINT', cancel)
  },
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
}

/** What tests (and anything embedding the command) may substitute. */
export interface RunCommandDeps {
  secrets?: SecretRegistry
  secretStores?: SecretStoreCandidate[]
  sandbox?: SandboxHost
}

class UsageError extends Error {}

interface ParsedRun {
  target: string
  profile: string | undefined
  sandbox: boolean
  folder: string | undefined
  data: string | undefined
  iterations: number
  concurrency: number
  delayMs: number
  bail: boolean
  timeoutMs: number | undefined
  reporters: ReporterName[]
  outDir: string
  variables: RequestVariable[]
  environment: string | undefined
  saveEnv: boolean
  dataDir: string
}

const VARIABLE_NAME = /^[A-Za-z0-9_.$-]+$/
const REPORTERS: readonly ReporterName[] = ['cli', 'json', 'junit', 'html']

function wholeNumber(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text.trim()) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} takes a whole number from ${min} to ${max}, not "${text.slice(0, 50)}".`)
  }
  return Number(text)
}

function parseRun(args: string[], io: RunIo): ParsedRun | 'help' {
  if (args.some((arg) => /^--(client-)?secret(=|$)/.test(arg))) {
    throw new UsageError('the client secret is not accepted on the command line (other users can read it from the process list, and it stays in shell history). Set REACTOR_CLIENT_SECRET.')
  }
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        profile: { type: 'string' },
        env: { type: 'string' },
        folder: { type: 'string' },
        data: { type: 'string' },
        iterations: { type: 'string' },
        concurrency: { type: 'string' },
        delay: { type: 'string' },
        bail: { type: 'boolean' },
        timeout: { type: 'string' },
        reporter: { type: 'string', multiple: true },
        out: { type: 'string' },
        var: { type: 'string', multiple: true },
        environment: { type: 'string' },
        'save-env': { type: 'boolean' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) return 'help'
  const [target, ...extra] = positionals
  if (!target) throw new UsageError('name the collection to run: reactor-explorer run <collection-folder | postman.json>.')
  if (extra.length > 0) throw new UsageError(`unexpected "${extra[0]}" after the collection; options start with --.`)
  if (values.profile !== undefined && values.env !== undefined) throw new UsageError('choose one of --profile NAME and --env sandbox, not both.')
  if (values.env !== undefined && values.env !== 'sandbox') {
    throw new UsageError(`--env takes only "sandbox", not "${values.env}"; for Adobe's hosts use --profile NAME, or the REACTOR_* environment variables in CI.`)
  }
  if (values.profile !== undefined && values.profile.trim() === '') throw new UsageError('--profile needs the name (or id) of a saved profile.')

  const reporters = (values.reporter ?? ['cli']).flatMap((list) => list.split(',')).map((name) => name.trim()).filter(Boolean)
  for (const name of reporters) {
    if (!(REPORTERS as readonly string[]).includes(name)) throw new UsageError(`--reporter: "${name}" is not a reporter; choose from ${REPORTERS.join(', ')}.`)
  }
  if (values.data !== undefined && values.iterations !== undefined) throw new UsageError('--data runs one iteration per row; leave out --iterations.')
  const variables = (values.var ?? []).map((text): RequestVariable => {
    const eq = text.indexOf('=')
    const name = eq > 0 ? text.slice(0, eq) : ''
    if (!VARIABLE_NAME.test(name)) throw new UsageError(`--var '${text.slice(0, 200)}' is not name=value with a variable name of letters, digits and _ . $ -.`)
    return { name, value: text.slice(eq + 1), enabled: true }
  })
  return {
    target,
    profile: values.profile,
    sandbox: values.env === 'sandbox',
    folder: values.folder,
    data: values.data,
    iterations: wholeNumber('--iterations', values.iterations, 1, 100_000) ?? 1,
    concurrency: wholeNumber('--concurrency', values.concurrency, 1, 64) ?? 1,
    delayMs: wholeNumber('--delay', values.delay, 0, 600_000) ?? 0,
    bail: values.bail ?? false,
    timeoutMs: wholeNumber('--timeout', values.timeout, 100, 600_000),
    reporters: [...new Set(reporters)] as ReporterName[],
    outDir: resolve(io.cwd, values.out ?? 'run-reports'),
    variables,
    environment: values.environment,
    saveEnv: values['save-env'] ?? false,
    dataDir: values['data-dir'] ?? defaultDataDir(io.env)
  }
}

const CI_VARIABLES = { clientId: 'REACTOR_CLIENT_ID', orgId: 'REACTOR_ORG_ID', scopes: 'REACTOR_SCOPES', imsBaseUrl: 'REACTOR_IMS_HOST', reactorBaseUrl: 'REACTOR_HOST' } as const

/** Which credential the run uses; `ci` when the REACTOR_* variables name one. */
function credentialSource(command: ParsedRun, env: NodeJS.ProcessEnv): CredentialSource {
  if (command.profile !== undefined) return 'profile'
  if (command.sandbox) return 'sandbox'
  if (env.REACTOR_CLIENT_ID || env.REACTOR_CLIENT_SECRET || env.REACTOR_ORG_ID) return 'ci'
  throw new UsageError('no credential: name a saved profile (--profile NAME), use --env sandbox, or set REACTOR_CLIENT_ID, REACTOR_CLIENT_SECRET and REACTOR_ORG_ID (CI).')
}

interface LoadedCollection {
  collection: Collection
  /** Where --save-env can write: an OpenCollection folder (not a converted file). */
  writable: boolean
  notes: string[]
}

/**
 * The collection to run: an OpenCollection folder as it is on disk; any other importable input (a Postman v2.1
 * file, an Insomnia export, a Bruno .bru folder) converted in memory by the importer, as `import` would;
 * `reactor:starter` built in (with the Sandbox's ids when the Sandbox is running).
 */
async function loadCollection(target: string, cwd: string, services: CoreServices, sandbox: boolean): Promise<LoadedCollection> {
  if (target === 'reactor:starter') {
    const { starterCollection } = await import('../main/core/interchange')
    const running = sandbox ? await services.sandbox.ensureRunning() : undefined
    const collection = starterCollection(running ? { sandbox: { companyId: running.seeded.companyId, webPropertyId: running.seeded.webPropertyId } } : {})
    return { collection, writable: false, notes: [] }
  }
  const path = resolve(cwd, target)
  const info = await stat(path).catch(() => undefined)
  if (!info) throw new UsageError(`there is no collection at ${path}.`)
  const opencollection = info.isDirectory() && (await stat(join(path, 'opencollection.yml')).then((file) => file.isFile(), () => false))
  try {
    if (opencollection) {
      const { readCollection } = await import('../main/core/collections/collection-reader')
      return { collection: (await readCollection(path)).collection, writable: true, notes: [] }
    }
    const { previewImport } = await import('../main/core/interchange')
    const preview = await previewImport(path)
    if (preview.collection.items.length === 0) throw new UsageError(`${path} holds no requests to run (it is a ${preview.source.label}).`)
    const notes = [`${preview.source.label} converted in memory: ${preview.report.requests} request(s).`, ...preview.report.unmapped.map((item) => `not mapped: ${item.item}: ${item.reason}`)]
    return { collection: { ...preview.collection, root: path }, writable: false, notes }
  } catch (error) {
    if (error instanceof UsageError) throw error
    if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string') throw new UsageError(error.message)
    throw error
  }
}

interface PreparedCredential {
  profileId: string
  profileName: string
  /** Not secret in the app, but masked in reports: the client id (x-api-key) and the org id. */
  identifiers: string[]
}

/** The REACTOR_* variables as a one-off profile, kept in a throw-away data folder with its secret in memory. */
async function ciCredential(services: CoreServices, env: NodeJS.ProcessEnv): Promise<PreparedCredential> {
  const [{ ProfileDraft }, { DEFAULT_REACTOR_SCOPES, ENVIRONMENT_PRESETS }] = await Promise.all([import('../main/core/profiles/profile-schema'), import('../main/core/profiles/environments')])
  const secret = env.REACTOR_CLIENT_SECRET?.trim()
  if (!secret) throw new UsageError('REACTOR_CLIENT_SECRET is not set: the CI credential needs REACTOR_CLIENT_ID, REACTOR_CLIENT_SECRET and REACTOR_ORG_ID.')
  services.secrets.add(secret)
  for (const name of ['REACTOR_CLIENT_ID', 'REACTOR_ORG_ID'] as const) {
    if (!env[name]?.trim()) throw new UsageError(`${name} is not set: the CI credential needs REACTOR_CLIENT_ID, REACTOR_CLIENT_SECRET and REACTOR_ORG_ID.`)
  }
  const production = ENVIRONMENT_PRESETS.production
  const parsed = ProfileDraft.safeParse({
    name: 'CI (REACTOR_* variables)',
    environment: 'custom',
    authKind: 'oauth-s2s',
    imsBaseUrl: env.REACTOR_IMS_HOST?.trim() || production.imsBaseUrl,
    reactorBaseUrl: env.REACTOR_HOST?.trim() || production.reactorBaseUrl,
    clientId: env.REACTOR_CLIENT_ID!.trim(),
    orgId: env.REACTOR_ORG_ID!.trim(),
    scopes: env.REACTOR_SCOPES?.trim() ? env.REACTOR_SCOPES.split(',').map((scope) => scope.trim()).filter(Boolean) : [...DEFAULT_REACTOR_SCOPES]
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const variable = CI_VARIABLES[String(issue.path[0]) as keyof typeof CI_VARIABLES]
    throw new UsageError(`${variable ?? 'the CI credential'}: ${issue.message}.`)
  }
  const profile = await services.credentials.profiles.create(parsed.data, { value: secret, sessionOnly: true })
  return { profileId: profile.id, profileName: 'CI (REACTOR_* variables)', identifiers: [parsed.data.clientId, parsed.data.orgId] }
}

async function prepareCredential(command: ParsedRun, source: CredentialSource, services: CoreServices, env: NodeJS.ProcessEnv): Promise<PreparedCredential> {
  if (source === 'ci') return ciCredential(services, env)
  const profiles = services.credentials.profiles
  const id = source === 'sandbox' ? 'sandbox' : profiles.findByName(command.profile!)
  if (!id) {
    const names = (await profiles.list()).profiles.map((profile) => profile.name)
    throw new UsageError(`no profile named "${command.profile}" in ${command.dataDir}. Profiles: ${names.join(', ') || '(none)'}.`)
  }
  const summary = await profiles.get(id)
  return { profileId: id, profileName: summary.name, identifiers: [summary.clientId, summary.orgId].filter((value): value is string => Boolean(value)) }
}

export async function runRunCommand(args: string[], io: RunIo = processIo, deps: RunCommandDeps = {}): Promise<number> {
  const secrets = deps.secrets ?? new SecretRegistry()
  const say = (line: string) => io.err(secrets.redact(line))
  const usage = (message: string) => {
    say(`run: ${message}`)
    say('Run `reactor-explorer run --help` for the options and exit codes.')
    return RUN_EXIT.usage
  }
  let command: ParsedRun
  let source: CredentialSource
  try {
    const parsed = parseRun(args, io)
    if (parsed === 'help') {
      io.out(RUN_USAGE)
      return RUN_EXIT.passed
    }
    command = parsed
    source = credentialSource(command, io.env)
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message)
    throw error
  }

  let services: CoreServices | undefined
  let scratch: string | undefined
  const reporters: RunReporter[] = []
  try {
    const [{ createCoreServices }, { keytarCandidate }, { chooseEnvironment, openRunData }] = await Promise.all([
      import('../main/core/app/create-app-core'),
      import('../main/core/secrets/keytar-secret-store'),
      import('../main/core/runner/runner-capability')
    ])
    // The CI credential lives in a throw-away data folder (its secret in memory only): nothing is saved.
    if (source === 'ci') scratch = await mkdtemp(join(tmpdir(), 'reactor-explorer-run-'))
    else await mkdir(command.dataDir, { recursive: true })
    services = createCoreServices({
      dataDir: scratch ?? command.dataDir,
      secrets,
      sandbox: deps.sandbox,
      secretStores: source === 'ci' ? [] : (deps.secretStores ?? [keytarCandidate()]),
      proactiveRefresh: false,
      // A one-shot command: a collection opened for its secret variables is not watched for changes.
      watchCollections: false,
      // Nobody can read a history kept in the throw-away folder: not recording it saves ~0.5 ms a request.
      recordHistory: source !== 'ci'
    })
    const loaded = await loadCollection(command.target, io.cwd, services, source === 'sandbox')
    const collection = loaded.collection
    for (const note of loaded.notes) say(note)
    if (command.saveEnv && !loaded.writable) throw new UsageError('--save-env writes into a collection folder; this collection was converted in memory. Import it first (reactor-explorer import), then run the folder.')
    services.runner.runner.plan(collection, { folder: command.folder })
    const credential = await prepareCredential(command, source, services, io.env)
    const prepared: PreparedRun = {
      command,
      source,
      collection,
      credential,
      environment: chooseEnvironment(collection, command.environment, credential.profileId),
      data: await openRunData(command.data ? resolve(io.cwd, command.data) : undefined)
    }
    return await execute(prepared, services, reporters, io, say)
  } catch (error) {
    for (const reporter of reporters) await reporter.abort?.().catch(() => undefined)
    if (error instanceof UsageError) return usage(error.message)
    if (error instanceof AppError && (error.code.startsWith('runner-') || error.code === 'invalid-profile')) return usage(error.message)
    say(`run: ${error instanceof AppError ? error.message : `the run failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`}`)
    return RUN_EXIT.failed
  } finally {
    await services?.dispose()
    if (scratch) await rm(scratch, { recursive: true, force: true })
  }
}

type CredentialSource = 'profile' | 'sandbox' | 'ci'

interface PreparedRun {
  command: ParsedRun
  source: CredentialSource
  collection: Collection
  credential: PreparedCredential
  environment: Environment | undefined
  data: DataSource | undefined
}

async function execute(run: PreparedRun, services: CoreServices, reporters: RunReporter[], io: RunIo, say: (line: string) => void): Promise<number> {
  const { command, credential, collection, environment } = run
  // A token minted once up front: a credential that cannot get one stops here, with the doctor's word.
  const failure = await services.credentials.tokens.getToken(credential.profileId).then(
    () => undefined,
    (error: unknown) => error ?? new Error('no token')
  )
  if (failure !== undefined) return credentialFailure(failure, run, services, say)

  const { reportRedactor, reportProgress } = await import('../main/core/runner/reporters/reporter')
  const redact = reportRedactor(services.secrets, credential.identifiers)
  reporters.push(...(await createReporters(command, redact, io)))
  const runId = randomUUID()
  const context = {
    runId,
    collection: collection.name,
    profile: credential.profileName,
    ...(environment ? { environment: environment.name } : {}),
    tool: `reactor-explorer ${await toolVersion()}`,
    startedAt: new Date().toISOString()
  }
  for (const reporter of reporters) reporter.start(context)
  const controller = new AbortController()
  let interrupted = false
  const stopListening =
    io.onInterrupt?.(() => {
      interrupted = true
      say('run: interrupted; cancelling the requests in flight…')
      controller.abort()
    }) ?? (() => {})
  let outcome
  try {
    outcome = await services.runner.runner.run({
      runId,
      collection,
      folder: command.folder,
      profileId: credential.profileId,
      profileName: credential.profileName,
      environment,
      iterations: command.iterations,
      data: run.data,
      concurrency: command.concurrency,
      delayMs: command.delayMs,
      bail: command.bail,
      timeoutMs: command.timeoutMs,
      variables: command.variables,
      signal: controller.signal,
      onProgress: reportProgress(reporters)
    })
  } finally {
    stopListening()
  }
  const { summary, captured } = outcome
  if (command.saveEnv) await saveCaptured(collection, environment, captured, services, summary.notes)
  for (const reporter of reporters.splice(0)) {
    for (const file of await reporter.finish(summary)) say(`${reporter.name} report: ${file}`)
  }
  if (interrupted) return RUN_EXIT.interrupted
  if (summary.stoppedBy === 'network') return RUN_EXIT.network
  if (summary.stoppedBy === 'credential') return RUN_EXIT.credential
  return summary.outcome === 'passed' ? RUN_EXIT.passed : RUN_EXIT.failed
}

/** Exit 3 with the Credential Doctor's one-line diagnosis (exit 4 when IMS could not even be reached). */
async function credentialFailure(failure: unknown, run: PreparedRun, services: CoreServices, say: (line: string) => void): Promise<number> {
  const [{ tokenFailureToAppError }, { isImsNetworkFailure }] = await Promise.all([import('../main/core/auth/profile-credential-provider'), import('../main/core/runner/failure-kind')])
  const error = tokenFailureToAppError(failure)
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof AppError && isImsNetworkFailure(error.code)) {
    say(`run: no request was sent: ${message}`)
    return RUN_EXIT.network
  }
  say('run: no credential could be obtained, so no request was sent.')
  const report = await services.credentials.runDoctor(run.credential.profileId).catch(() => undefined)
  say(`Credential Doctor: ${report?.headline ?? message}`)
  if (run.source !== 'ci') say(`The whole report: reactor-explorer check ${run.source === 'sandbox' ? '--env sandbox' : `--profile "${run.credential.profileName}"`}`)
  return RUN_EXIT.credential
}

async function createReporters(command: ParsedRun, redact: (text: string) => string, io: RunIo): Promise<RunReporter[]> {
  const out: RunReporter[] = []
  for (const name of command.reporters) {
    if (name === 'cli') {
      const { CliReporter } = await import('../main/core/runner/reporters/cli-reporter')
      out.push(new CliReporter({ out: io.out, note: io.err, redact, color: io.color }))
    } else if (name === 'json') {
      const { JsonReporter } = await import('../main/core/runner/reporters/json-reporter')
      out.push(await JsonReporter.create(command.outDir, redact))
    } else if (name === 'junit') {
      const { JunitReporter } = await import('../main/core/runner/reporters/junit-reporter')
      out.push(await JunitReporter.create(command.outDir, redact))
    } else {
      const { HtmlReporter } = await import('../main/core/runner/reporters/html-reporter')
      out.push(await HtmlReporter.create(command.outDir, redact))
    }
  }
  return out
}

/** --save-env: the captured values written into the run's environment through the collections service. */
async function saveCaptured(
  collection: Collection,
  environment: Environment | undefined,
  captured: ReadonlyMap<string, string>,
  services: CoreServices,
  notes: string[]
): Promise<void> {
  if (captured.size === 0) return
  if (!environment) {
    notes.push('--save-env: nothing was saved, because the run used no environment (choose one with --environment NAME).')
    return
  }
  const [{ CollectionService }, { CollectionSecrets }] = await Promise.all([import('../main/core/collections/collection-service'), import('../main/core/collections/collection-secrets')])
  // Its list of open collections goes to a scratch folder: a CLI run does not change what the app has open.
  const scratch = await mkdtemp(join(tmpdir(), 'reactor-explorer-save-env-'))
  const collections = new CollectionService({ dataDir: scratch, secrets: new CollectionSecrets(services.credentials.secrets), registry: services.secrets, watch: false })
  try {
    const view = await collections.open(collection.root)
    const { withCaptured } = await import('../main/core/runner/collections-bridge')
    await collections.saveEnvironment({ collectionId: view.id, environment: withCaptured(environment, captured), previousName: environment.name })
    notes.push(`--save-env: ${captured.size} captured value(s) written to the environment "${environment.name}".`)
  } catch (error) {
    notes.push(`--save-env: the environment "${environment.name}" was not written: ${(error as Error).message}`)
  } finally {
    await collections.dispose()
    await rm(scratch, { recursive: true, force: true })
  }
}

async function toolVersion(): Promise<string> {
  try {
    const { readFile } = await import('node:fs/promises')
    const pkg = JSON.parse(await readFile(join(__dirname, '../../package.json'), 'utf8')) as { version?: string }
    return pkg.version ?? 'dev'
  } catch {
    return 'dev'
  }
}
