// `reactor-explorer send METHOD URL`: one request through the app's own send pipeline (createCoreServices →
// SendPipeline → HttpExecutor), nothing from the renderer. The response body goes to stdout so it can be
// piped (into jq, a file); status, timing and notes go to stderr. Everything printed passes the
// SecretRegistry first: the access token and the client secret never reach the terminal, in any mode.
//
// Only light modules are imported at the top: `send --help` and usage errors must not pay for zod, undici
// and the core (about 150 ms of the CLI's start-up budget through tsx); they load once the arguments are good.
import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { defaultDataDir } from '../main/core/app/data-dir'
import { jsonProblemOfResponse } from '../main/core/http/json-problem'
import { failureKind } from '../main/core/runner/failure-kind'
import { SecretRegistry } from '../main/core/security/secret-registry'
import type { CoreServices } from '../main/core/app/create-app-core'
import type { SecretStoreCandidate } from '../main/core/secrets/secret-service'
import type { SandboxHost } from '../sandbox'
import type { HttpResponse } from '../shared/ipc/requests.contract'
import type { HttpMethod, RequestBody, RequestSpec, RequestVariable } from '../shared/requests/request-spec'
import { AppError } from '../shared/errors'

export const SEND_USAGE = `usage: reactor-explorer send METHOD URL [--profile NAME | --env sandbox] [-H 'Name: value']...
                             [--data JSON|@file|@-] [--var name=value]... [--include] [--json] [--data-dir DIR]

Sends one request through the same pipeline as the app and prints the response body on stdout: JSON
pretty-printed (2 spaces, numbers exactly as received), anything else as it came. Status, timing and
notes go to stderr.

  METHOD            GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS
  URL               a full http(s) URL, or a path such as /companies sent to the profile's Reactor host;
                    a ?query becomes the request's params; {{name}} placeholders take --var values
  --profile NAME    a profile saved in the app (name or id); its credential goes only to its own Reactor host
  --env sandbox     the built-in Sandbox profile: starts the simulated IMS + Reactor in-process, no setup
  -H 'Name: value'  a request header (repeatable)
  --data JSON       a JSON body (application/vnd.api+json to Reactor, application/json elsewhere)
  --data @file      the file's contents: JSON when it parses, else text (a non-UTF-8 file as raw bytes)
  --data @-         the same, read from stdin
  --var name=value  a run-time value for {{name}} (repeatable; wins over every other scope)
  --include, -i     the status line and response headers before the body (like curl -i)
  --json            one JSON object instead: {status, statusText, headers, timing, requestId, url, method,
                    body}; body is the parsed JSON when the response is JSON, else a string; a header
                    received more than once is an array; requestId is Adobe's x-request-id (or null).
                    A failure prints {"error": {code, message}}
  --data-dir DIR    where profiles live (default: the app's folder, or $REACTOR_EXPLORER_DATA_DIR)

Without --profile or --env, a full URL is sent without any credential. The access token and the client
secret are never printed.

Exit codes:
  0    the response status was 2xx
  1    any other HTTP status (the body is still printed)
  2    usage error: unknown flag, bad METHOD, missing URL, bad -H or --var, invalid --data JSON,
       unknown profile, unresolved {{variable}}
  3    no credential could be obtained: IMS refused or could not be reached, no secret saved, token expired
  4    network failure: DNS, connection refused, timeout, TLS, connection reset, proxy
  130  interrupted (Ctrl-C)`

export const EXIT = { ok: 0, httpStatus: 1, usage: 2, credential: 3, network: 4, interrupted: 130 } as const

export interface SendIo {
  /** Writes to stdout as is: the body, --include's head, --json's object. */
  out(text: string): void
  /** One line to stderr: notes and errors. */
  err(line: string): void
  env: NodeJS.ProcessEnv
  /** All of stdin (for `--data @-`), or undefined when stdin is a terminal. */
  readStdin(): Promise<Buffer | undefined>
  /** Calls `cancel` on Ctrl-C; returns the function that stops listening. */
  onInterrupt?(cancel: () => void): () => void
}

const processIo: SendIo = {
  out: (text) => void process.stdout.write(text),
  err: (line) => console.error(line),
  env: process.env,
  async readStdin() {
    if (process.stdin.isTTY) return undefined
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  },
  onInterrupt(cancel) {
    process.once('SIGINT', cancel)
    return () => void process.off('SIGINT', cancel)
  }
}

/** What tests (and anything embedding the command) may substitute. */
export interface SendCommandDeps {
  /** The registry every output line is redacted with (tests record what was added to it). */
  secrets?: SecretRegistry
  /** Secret backends (default: the OS keychain through keytar, as the app uses). */
  secretStores?: SecretStoreCandidate[]
  sandbox?: SandboxHost
  /** Bodies above this are kept in a file and streamed from it (default CLI_MAX_INLINE_BODY_BYTES). */
  maxInlineBodyBytes?: number
}

/**
 * The app keeps bodies over 50 MB in a file and shows a preview; the CLI prints everything, and a body held
 * in memory prints fastest, so it keeps up to 256 MiB inline (a V8 string holds at most ~512 Mi characters).
 * Larger bodies are streamed from the body file in chunks.
 */
export const CLI_MAX_INLINE_BODY_BYTES = 256 * 1024 * 1024

/**
 * How much of a streamed body is held back between chunks, so that a secret split across two chunks is still
 * whole in one redaction. Client secrets are ~40 characters and IMS access tokens ~1.5 KB; the longest value a
 * person can type (a header) is 64 KiB, and the registry also masks its URL-encoded form (up to 9 characters
 * per character for 3-byte UTF-8), which still fits in 1 MiB.
 */
const MAX_SECRET_CHARS = 1024 * 1024

class UsageError extends Error {}

interface ParsedCommand {
  method: HttpMethod
  urlText: string
  profile: string | undefined
  sandbox: boolean
  headers: Array<{ name: string; value: string }>
  data: string | undefined
  variables: RequestVariable[]
  include: boolean
  json: boolean
  dataDir: string
}

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
/** The names `{{name}}` can hold (src/shared/requests/variables.ts). */
const VARIABLE_NAME = /^[A-Za-z0-9_.$-]+$/

function parseCommand(args: string[], io: SendIo): ParsedCommand | 'help' {
  let parsed: ReturnType<typeof parseSendArgs>
  try {
    parsed = parseSendArgs(args)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) return 'help'
  const [methodText, urlText, ...extra] = positionals
  if (!methodText) throw new UsageError('give a METHOD and a URL, e.g. send GET /companies --env sandbox.')
  const method = methodText.toUpperCase() as HttpMethod
  if (!METHODS.includes(method)) throw new UsageError(`"${methodText}" is not a method; use one of ${METHODS.join(', ')}.`)
  if (!urlText) throw new UsageError(`give the URL after ${method}: a full URL (https://…) or a path such as /companies.`)
  if (extra.length > 0) throw new UsageError(`unexpected "${extra[0]}" after the URL; quote a URL that contains spaces or & (e.g. '…?a=1&b=2').`)

  if (values.profile !== undefined && values.env !== undefined) {
    throw new UsageError('choose one of --profile NAME and --env sandbox, not both.')
  }
  if (values.env !== undefined && values.env !== 'sandbox') {
    throw new UsageError(`--env takes only "sandbox", not "${values.env}"; for Adobe's hosts save a profile in the app and use --profile NAME.`)
  }
  if (values.profile !== undefined && values.profile.trim() === '') throw new UsageError('--profile needs the name (or id) of a saved profile.')
  const withProfile = values.profile !== undefined || values.env === 'sandbox'

  const trimmedUrl = urlText.trim()
  if (trimmedUrl.startsWith('/')) {
    if (!withProfile) {
      throw new UsageError(
        `"${trimmedUrl}" is a path: name a profile (--profile NAME) or use --env sandbox so it goes to that profile's Reactor host, or give a full URL (https://…).`
      )
    }
  } else if (!/^https?:\/\/[^/?#\s]/i.test(trimmedUrl)) {
    throw new UsageError(`"${trimmedUrl.slice(0, 200)}" is not a URL: give a full http(s) URL (https://…) or a path starting with / (such as /companies).`)
  }

  const headers = (values.header ?? []).map(parseHeader)
  const variables = (values.var ?? []).map(parseVariable)
  if (values.data !== undefined && !['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) {
    throw new UsageError(`--data needs a method that sends a body (POST, PUT, PATCH or DELETE); ${method} sends none.`)
  }
  return {
    method,
    urlText: trimmedUrl,
    profile: values.profile,
    sandbox: values.env === 'sandbox',
    headers,
    data: values.data,
    variables,
    include: values.include ?? false,
    json: values.json ?? false,
    dataDir: values['data-dir'] ?? defaultDataDir(io.env)
  }
}

function parseSendArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      profile: { type: 'string' },
      env: { type: 'string' },
      header: { type: 'string', short: 'H', multiple: true },
      data: { type: 'string', short: 'd' },
      var: { type: 'string', multiple: true },
      include: { type: 'boolean', short: 'i' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  })
}

function parseHeader(text: string): { name: string; value: string } {
  const colon = text.indexOf(':')
  if (colon <= 0) throw new UsageError(`-H '${text.slice(0, 200)}' is not a header: write it as 'Name: value'.`)
  const name = text.slice(0, colon).trim()
  const value = text.slice(colon + 1).trim()
  if (!HEADER_NAME.test(name)) {
    throw new UsageError(`-H '${text.slice(0, 200)}': "${name.slice(0, 100)}" is not a header name (letters, digits and !#$%&'*+.^_\`|~- only, no spaces).`)
  }
  if (/[\r\n\0]/.test(value)) throw new UsageError(`-H '${name}: …': a header value cannot contain a line break or NUL.`)
  return { name, value }
}

function parseVariable(text: string): RequestVariable {
  const eq = text.indexOf('=')
  if (eq <= 0) throw new UsageError(`--var '${text.slice(0, 200)}' is not a variable: write it as name=value.`)
  const name = text.slice(0, eq)
  if (!VARIABLE_NAME.test(name)) {
    throw new UsageError(`--var '${text.slice(0, 200)}': "${name.slice(0, 100)}" is not a variable name ({{name}} takes letters, digits and _ . $ -).`)
  }
  return { name, value: text.slice(eq + 1), enabled: true }
}

/** "at position 12" → "line 2, column 3", so a person finds the mistake in a multi-line file. */
function jsonProblem(text: string, error: unknown): string {
  const message = (error as Error).message
  const position = /at position (\d+)/.exec(message)?.[1]
  if (position === undefined) return message
  const before = text.slice(0, Number(position))
  const line = before.split('\n').length
  const column = Number(position) - before.lastIndexOf('\n')
  return `${message} (line ${line}, column ${column})`
}

/** `--data`: JSON text (must parse), or `@file` / `@-`: JSON when it parses, text when not, raw bytes when not UTF-8. */
async function bodyFromData(data: string, io: SendIo): Promise<RequestBody> {
  if (!data.startsWith('@')) {
    try {
      JSON.parse(data)
    } catch (error) {
      throw new UsageError(`--data is not valid JSON: ${jsonProblem(data, error)}. To send other text, put it in a file and pass --data @file.`)
    }
    return { type: 'json', text: data }
  }
  const path = data.slice(1)
  let bytes: Buffer
  if (path === '-') {
    const stdin = await io.readStdin()
    if (stdin === undefined) throw new UsageError('--data @- reads the body from stdin, but stdin is a terminal: pipe the body in (… < body.json).')
    bytes = stdin
  } else {
    if (path === '') throw new UsageError('--data @ needs a file name after the @ (or @- for stdin).')
    try {
      bytes = await readFile(path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new UsageError(
        code === 'ENOENT' ? `--data @${path}: there is no file "${path}".` : code === 'EISDIR' ? `--data @${path}: "${path}" is a folder, not a file.` : `--data @${path}: the file cannot be read (${code ?? 'unknown error'}).`
      )
    }
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    if (path === '-') throw new UsageError('--data @-: stdin is not UTF-8 text; to send raw bytes, save them to a file and pass --data @file.')
    return { type: 'binary', path }
  }
  try {
    JSON.parse(text)
    return { type: 'json', text }
  } catch {
    return { type: 'text', text }
  }
}

/** The request document or the command line is wrong (exit 2), as opposed to its send failing. */
function isUsageFailure(code: string): boolean {
  return code.startsWith('request-') || code === 'http-invalid-url' || code === 'http-invalid-request' || code === 'profile-not-found'
}

/** Which exit code an AppError's code means (see SEND_USAGE); the kinds are the runner's (failure-kind.ts). */
export function exitCodeForError(code: string): number {
  const kind = failureKind(code)
  if (kind === 'cancelled') return EXIT.interrupted
  if (kind === 'credential') return EXIT.credential
  if (kind === 'network') return EXIT.network
  return isUsageFailure(code) ? EXIT.usage : EXIT.httpStatus
}

const HINTS: Partial<Record<string | number, string>> = {
  'request-unresolved-variables': 'Give each one a value with --var name=value.',
  [EXIT.credential]: 'No credential could be obtained, so nothing was sent to Reactor. `reactor-explorer check --profile NAME` explains what is wrong with it.',
  [EXIT.network]: 'The request did not get an HTTP answer.'
}

export async function runSendCommand(args: string[], io: SendIo = processIo, deps: SendCommandDeps = {}): Promise<number> {
  const secrets = deps.secrets ?? new SecretRegistry()
  const say = (line: string) => io.err(secrets.redact(line))
  let command: ParsedCommand | 'help'
  try {
    command = parseCommand(args, io)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    say(`send: ${error.message}`)
    say('Run `reactor-explorer send --help` for the options and exit codes.')
    return EXIT.usage
  }
  if (command === 'help') {
    io.out(`${SEND_USAGE}\n`)
    return EXIT.ok
  }
  const json = command.json
  const fail = (code: string, message: string, exit: number): number => {
    say(`send: ${message}`)
    const hint = HINTS[code] ?? HINTS[exit]
    if (hint) say(hint)
    if (json) io.out(`${secrets.redact(JSON.stringify({ error: { code, message } }, null, 2))}\n`)
    return exit
  }
  // A token typed by hand (-H 'Authorization: Bearer …') is a secret too: never echoed back.
  for (const header of command.headers) {
    if (/^(proxy-)?authorization$/i.test(header.name)) {
      secrets.add(header.value)
      secrets.add(header.value.replace(/^\S+\s+/, ''))
    }
  }

  let spec: RequestSpec
  let services: CoreServices | undefined
  try {
    const [{ requestSpec }, { splitUrlAndQuery }] = await Promise.all([import('../shared/requests/request-spec'), import('../shared/requests/url-params')])
    const { url, params } = splitUrlAndQuery(command.urlText)
    const body = command.data === undefined ? undefined : await bodyFromData(command.data, io)
    try {
      spec = requestSpec({
        name: `${command.method} ${url}`,
        method: command.method,
        url,
        params,
        // Reactor's Accept and Content-Type are added by the executor on Reactor hosts; elsewhere none is implied.
        headers: command.headers.map((row) => ({ ...row, enabled: true })),
        ...(body ? { body } : {})
      })
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    return fail('usage', error.message, EXIT.usage)
  }

  let stopListening = () => {}
  try {
    await mkdir(command.dataDir, { recursive: true })
    const [{ createCoreServices }, { keytarCandidate }, { SANDBOX_PROFILE_ID }] = await Promise.all([
      import('../main/core/app/create-app-core'),
      import('../main/core/secrets/keytar-secret-store'),
      import('../main/core/profiles/profile-service')
    ])
    services = createCoreServices({
      dataDir: command.dataDir,
      secrets,
      sandbox: deps.sandbox,
      secretStores: deps.secretStores ?? [keytarCandidate()],
      proactiveRefresh: false
    })

    let profileId: string | undefined
    if (command.sandbox) {
      profileId = SANDBOX_PROFILE_ID
    } else if (command.profile !== undefined) {
      profileId = services.credentials.profiles.findByName(command.profile)
      if (!profileId) {
        const names = (await services.credentials.profiles.list()).profiles.map((profile) => profile.name)
        return fail('profile-not-found', `no profile named "${command.profile}" in ${command.dataDir}. Profiles: ${names.join(', ') || '(none)'}.`, EXIT.usage)
      }
    }

    const controller = new AbortController()
    stopListening = io.onInterrupt?.(() => controller.abort()) ?? stopListening
    const response = await services.requests.pipeline.send(spec, {
      requestId: randomUUID(),
      profileId,
      variables: { runtime: command.variables },
      maxInlineBodyBytes: deps.maxInlineBodyBytes ?? CLI_MAX_INLINE_BODY_BYTES,
      signal: controller.signal,
      source: 'cli'
    })
    stopListening()
    await printResponse(response, command, services, io)
    say(summaryLine(response))
    for (const note of responseNotes(response)) say(note)
    return response.status >= 200 && response.status < 300 ? EXIT.ok : EXIT.httpStatus
  } catch (error) {
    stopListening()
    if (error instanceof AppError) {
      return fail(error.code, error.code === 'http-cancelled' ? 'cancelled; nothing more was received.' : error.message, exitCodeForError(error.code))
    }
    return fail('internal', `the request failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`, EXIT.httpStatus)
  } finally {
    await services?.dispose()
  }
}

function summaryLine(response: HttpResponse): string {
  const parts = [`${response.status} ${response.statusText}`.trim(), `${Math.round(response.timing.totalMs)} ms`, `${response.body.bytes} bytes`]
  if (response.adobeRequestId) parts.push(`request id ${response.adobeRequestId}`)
  return `${response.method} ${response.url} → ${parts.join(' · ')}`
}

function responseNotes(response: HttpResponse): string[] {
  const notes: string[] = []
  for (const hop of response.redirects) {
    notes.push(`redirected (${hop.status}) to ${hop.to}${hop.credentialsDropped ? '; the credential was not sent to that other host' : ''}`)
  }
  if (response.attempts > 1) notes.push(`answered on attempt ${response.attempts}`)
  const jsonProblem = jsonProblemOfResponse(response)
  if (jsonProblem) notes.push(`${jsonProblem}; printed as received.`)
  return notes
}

/** The response's media type says JSON and the text really is JSON (then it is pretty-printed / embedded). */
function isJsonText(response: HttpResponse, text: string): boolean {
  if (!response.contentType || !/[/+]json\b/i.test(response.contentType)) return false
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

async function printResponse(response: HttpResponse, command: ParsedCommand, services: CoreServices, io: SendIo): Promise<void> {
  const redact = (text: string) => services.secrets.redact(text)
  const body = response.body
  const bodyFile = body.kind === 'file' ? services.requests.bodies.info(body.bodyId)?.path : undefined
  if (body.kind === 'file' && !bodyFile) throw new Error('the response body file is gone before it could be printed.')

  if (command.json) {
    const text = body.kind === 'inline' ? body.text : bodyFile ? await readFile(bodyFile, 'utf8') : ''
    const envelope = {
      status: response.status,
      statusText: response.statusText,
      headers: headerObject(response.headers),
      timing: response.timing,
      requestId: response.adobeRequestId ?? null,
      url: response.url,
      method: response.method
    }
    const head = JSON.stringify(envelope, null, 2).replace(/\n}$/, '')
    // The body is spliced in as received (re-indented), so a large number in it is not rounded by JSON.parse.
    const bodyJson = isJsonText(response, text) ? indentJson(text, 1) : JSON.stringify(text)
    io.out(`${redact(`${head},\n  "body": ${bodyJson}\n}`)}\n`)
    return
  }

  if (command.include) {
    const lines = [`HTTP/1.1 ${response.status} ${response.statusText}`.trim(), ...response.headers.map(([name, value]) => `${name}: ${value}`)]
    io.out(`${redact(lines.join('\r\n'))}\r\n\r\n`)
  }
  if (body.kind === 'inline') {
    io.out(redact(isJsonText(response, body.text) ? `${indentJson(body.text)}\n` : body.text))
  } else if (bodyFile) {
    // Too large to hold as one string: copied from the body file as received (not re-indented).
    await streamRedacted(bodyFile, io, redact)
  }
}

/** Header pairs as an object for --json; a header received more than once (set-cookie) becomes an array. */
function headerObject(pairs: ReadonlyArray<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [rawName, value] of pairs) {
    const name = rawName.toLowerCase()
    const existing = out[name]
    out[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  return out
}

/**
 * Streams a body file to stdout with every known secret masked. Each chunk is redacted together with the
 * held-back tail of the previous one, and the last MAX_SECRET_CHARS characters are held back again, so a
 * secret split across two chunks is still whole in one redaction.
 */
async function streamRedacted(path: string, io: SendIo, redact: (text: string) => string): Promise<void> {
  let carry = ''
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 })) {
    const redacted = redact(carry + (chunk as string))
    const cut = Math.max(0, redacted.length - MAX_SECRET_CHARS)
    if (cut > 0) io.out(redacted.slice(0, cut))
    carry = redacted.slice(cut)
  }
  if (carry) io.out(redact(carry))
}

/**
 * Valid JSON text re-indented by 2 spaces per level, the same text JSON.stringify(JSON.parse(text), null, 2)
 * gives, except that numbers stay exactly as received: JSON.parse rounds integers above 2^53 (9007199254740993
 * becomes …992) and prints 1.0 as 1, which would make the CLI misreport what the server sent. `level` indents
 * the whole value (for embedding it in --json's object).
 */
export function indentJson(text: string, level = 0): string {
  const out: string[] = []
  let depth = level
  const newline = () => `\n${'  '.repeat(depth)}`
  const length = text.length
  let i = 0
  while (i < length) {
    const char = text[i]!
    if (char === '"') {
      let end = i + 1
      for (;;) {
        end = text.indexOf('"', end)
        if (end < 0) {
          end = length
          break
        }
        let backslashes = 0
        for (let k = end - 1; text[k] === '\\'; k--) backslashes++
        if (backslashes % 2 === 0) break
        end++
      }
      out.push(text.slice(i, end + 1))
      i = end + 1
    } else if (char === '{' || char === '[') {
      let next = i + 1
      while (next < length && /\s/.test(text[next]!)) next++
      if (text[next] === (char === '{' ? '}' : ']')) {
        out.push(char === '{' ? '{}' : '[]')
        i = next + 1
      } else {
        depth++
        out.push(char, newline())
        i++
      }
    } else if (char === '}' || char === ']') {
      depth--
      out.push(newline(), char)
      i++
    } else if (char === ',') {
      out.push(',', newline())
      i++
    } else if (char === ':') {
      out.push(': ')
      i++
    } else if (char === ' ' || char === '\n' || char === '\r' || char === '\t') {
      i++
    } else {
      let end = i
      while (end < length && !' \n\r\t,:{}[]"'.includes(text[end]!)) end++
      out.push(text.slice(i, end))
      i = end
    }
  }
  return out.join('')
}
