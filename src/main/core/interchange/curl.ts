// cURL in and out.
//
// In: a real parser, curlconverter (Bash grammar through tree-sitter, and all 255 curl options), not a
// hand-written tokenizer. Around it, what it gets wrong on these machines (collections-and-interchange.md,
// "Verified"): Windows cmd.exe commands (`^` continuations, `^"` quoting) are split by
// windows-command-line.ts and handed over as argv; a trailing ` \` is dropped as a shell at the end of input
// would; unterminated quotes (which it sometimes accepts) are found here first, with their position;
// `--data @file` is a file to send, not the text "@file"; the query is read from its parsed list, not the
// HAR url (which drops it). Every error names a line and column in our own words: curlconverter's messages
// quote the command, and the command may hold the customer's token.
//
// Out: Adobe's documentation convention (`curl -X GET \`, one `-H '…'` per line, `Authorization: Bearer
// {ACCESS_TOKEN}`, `x-api-key: {API_KEY}`, `x-gw-ims-org-id: {ORG_ID}` for inherited auth), the Reactor host
// written out. Real values are only ever passed in by main for the clipboard (history:copyCurl).
//
// curlconverter is ESM with top-level await and loads native tree-sitter: it is imported on first use only.
import type { Request as CurlRequest, RequestUrl } from 'curlconverter/dist/src/Request.js'
import type { Word as CurlWord } from 'curlconverter/dist/src/shell/Word.js'
import { AppError } from '../../../shared/errors'
import { impliedContentType, sendsBody, type RequestSpec } from '../../../shared/requests/request-spec'
import { resolveSpec, type VariableScopes } from '../../../shared/requests/variables'
import { isKnownReactorHost } from '../reactor/reactor-headers'
import { ImportCollector, specFromImportedRequest, type ImportedBody, type ImportedPair, type ImportResult } from './imported-request'
import { looksLikeWindowsCommand, positionOf, splitWindowsCommandLine, CommandLineError, type SourcePosition } from './windows-command-line'

export type CurlImport = ImportResult

/** A cURL command that cannot be read; `line`/`column` point at the problem (1-based). */
export class CurlParseError extends AppError {
  constructor(
    readonly reason: string,
    readonly position: SourcePosition | undefined
  ) {
    super('curl-invalid', position ? `Line ${position.line}, column ${position.column}: ${reason}.` : `${reason[0]!.toUpperCase()}${reason.slice(1)}.`)
    this.name = 'CurlParseError'
  }
  get line(): number | undefined {
    return this.position?.line
  }
  get column(): number | undefined {
    return this.position?.column
  }
}

/** A pasted command longer than this is refused before parsing (a 50 MB body fits a tab, not a paste). */
export const MAX_CURL_CHARS = 10 * 1024 * 1024

type CurlModules = {
  tokenize: typeof import('curlconverter/dist/src/shell/tokenizer.js').tokenize
  opts: typeof import('curlconverter/dist/src/curl/opts.js')
  buildRequests: typeof import('curlconverter/dist/src/Request.js').buildRequests
  Word: typeof import('curlconverter/dist/src/shell/Word.js').Word
  CCError: typeof import('curlconverter/dist/src/utils.js').CCError
}

let modules: Promise<CurlModules> | undefined

function curlconverter(): Promise<CurlModules> {
  modules ??= Promise.all([
    import('curlconverter/dist/src/shell/tokenizer.js'),
    import('curlconverter/dist/src/curl/opts.js'),
    import('curlconverter/dist/src/Request.js'),
    import('curlconverter/dist/src/shell/Word.js'),
    import('curlconverter/dist/src/utils.js')
  ]).then(([tokenizer, opts, request, word, utils]) => ({
    tokenize: tokenizer.tokenize,
    opts,
    buildRequests: request.buildRequests,
    Word: word.Word,
    CCError: utils.CCError
  }))
  return modules
}

export interface CurlToSpecOptions {
  /** Origins (besides Adobe's Reactor hosts) whose URLs become paths: the active profile's Reactor host. */
  reactorOrigins?: readonly string[]
}

/** Replaces a run of text by spaces, so offsets (and so error positions) stay where they were. */
function blank(text: string, from: number, to: number): string {
  return text.slice(0, from) + ' '.repeat(to - from) + text.slice(to)
}

/** The input as Bash would see it: no BOM, `\n` lines, no `$ ` prompt, no dangling `\` at the very end. */
function normalise(input: string): string {
  let text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const prompt = /^\s*\$\s+(?=curl\b)/.exec(text)
  if (prompt) text = blank(text, 0, prompt[0].length)
  const trailing = /\\\s*$/.exec(text)
  if (trailing) text = blank(text, trailing.index, text.length)
  return text.replace(/\s+$/, '')
}

/**
 * Finds an unterminated quote the way Bash reads them (single, double with `\` escapes, `$'…'` with `\`
 * escapes, `\` outside quotes, `#` comments): curlconverter accepts some of these, silently dropping text.
 */
function checkQuotes(text: string): void {
  let i = 0
  while (i < text.length) {
    const char = text[i]!
    if (char === '\\') {
      i += 2
      continue
    }
    if (char === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i)
      i = end < 0 ? text.length : end
      continue
    }
    const ansi = char === '$' && text[i + 1] === "'"
    if (char === "'" || char === '"' || ansi) {
      const start = i
      const quote = ansi ? "'" : char
      const escapes = quote === '"' || ansi
      i += ansi ? 2 : 1
      while (i < text.length && text[i] !== quote) i += escapes && text[i] === '\\' ? 2 : 1
      if (i >= text.length) {
        const what = ansi ? "a $'…' string" : quote === "'" ? "a single quote (')" : 'a double quote (")'
        throw new CurlParseError(`${what} is opened here and never closed`, positionOf(text, start))
      }
    }
    i++
  }
}

/** Where curlconverter's "Bash parsing error on line N:\n<line>\n   ^^^" points, without repeating its text. */
function bashErrorPosition(message: string): SourcePosition | undefined {
  const line = /on line (\d+)/.exec(message)
  if (!line) return undefined
  const carets = message.split('\n').at(-1) ?? ''
  const at = carets.indexOf('^')
  return { line: Number(line[1]), column: at >= 0 ? at + 1 : 1 }
}

/** A safe-to-show option name (`--foo`), or undefined for anything else. */
function optionName(text: string | undefined): string | undefined {
  return text && /^-{1,2}[A-Za-z0-9][A-Za-z0-9-]{0,40}$/.test(text) ? text : undefined
}

/** Where `token` first stands as a word of its own in `text` (for options curl's parser refused). */
function tokenPosition(text: string, token: string | undefined): SourcePosition | undefined {
  if (!token) return undefined
  let at = text.indexOf(token)
  while (at >= 0) {
    const before = at === 0 ? ' ' : text[at - 1]!
    const after = text[at + token.length] ?? ' '
    if (/[\s'"^]/.test(before) && /[\s'"=^]/.test(after)) return positionOf(text, at)
    at = text.indexOf(token, at + 1)
  }
  return undefined
}

/** curlconverter's option errors in our words; the command's text is never quoted. */
function optionError(message: string, text: string): CurlParseError {
  const unknown = /^option (\S+): is unknown/.exec(message)
  if (unknown) {
    const name = optionName(unknown[1])
    return new CurlParseError(name ? `curl has no option ${name}` : 'curl has no such option', tokenPosition(text, name))
  }
  const needs = /^option (\S+): requires parameter/.exec(message)
  if (needs) {
    const name = optionName(needs[1])
    return new CurlParseError(name ? `${name} needs a value after it` : 'an option needs a value after it', tokenPosition(text, name))
  }
  const ambiguous = /^option (\S+): is ambiguous/.exec(message)
  if (ambiguous) {
    const name = optionName(ambiguous[1])
    return new CurlParseError(name ? `${name} is the start of several curl options; write it out in full` : 'an option is ambiguous', tokenPosition(text, name))
  }
  const shell = /^this (variable|command) could (?:be|return) anything/.exec(message)
  if (shell) return new CurlParseError(`a shell ${shell[1]} stands where curl expects an option`, undefined)
  if (/missing "="/.test(message)) return new CurlParseError('-F needs a value of the form name=value', tokenPosition(text, '-F') ?? tokenPosition(text, '--form'))
  if (/no URL specified/.test(message)) return new CurlParseError('the command has no URL', positionOf(text, text.length))
  return new CurlParseError('curl could not read the command', undefined)
}

class WordReader {
  private commands = 0
  readonly shellVariables = new Set<string>()

  constructor(private readonly collect: ImportCollector) {}

  /** A curlconverter Word as text: `$NAME`/`${NAME}` become `{{NAME}}`; `$(…)` is not run. */
  text(word: CurlWord | undefined | null): string {
    if (!word) return ''
    let out = ''
    for (const token of word.tokens) {
      if (typeof token === 'string') out += token
      else if (token.type === 'variable' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(token.value)) {
        this.shellVariables.add(token.value)
        out += `{{${token.value}}}`
      } else {
        this.commands++
        out += `{{COMMAND_OUTPUT_${this.commands}}}`
        this.collect.note(`A command substitution $(…) in the command was not run: its place is {{COMMAND_OUTPUT_${this.commands}}}.`)
      }
    }
    return out
  }
}

/** Options read into the request, or reported in a note (never listed as unmapped). */
const MAPPED_OPTIONS = new Set([
  'url',
  'request',
  'header',
  'data',
  'form',
  'form-string',
  'get',
  'user',
  'url-query',
  'location',
  'location-trusted',
  'max-redirs',
  'max-time',
  'retry',
  'upload-file',
  'head',
  'user-agent',
  'referer',
  'cookie',
  'oauth2-bearer',
  'insecure',
  'compressed',
  'globoff',
  'authtype',
  'proxyauthtype',
  'warnings',
  'configs',
  'json'
])
/** What curl prints or saves; the app shows the whole response instead. */
const OUTPUT_OPTIONS = new Set([
  'silent',
  'show-error',
  'verbose',
  'include',
  'output',
  'write-out',
  'fail',
  'fail-with-body',
  'progress-bar',
  'no-progress-meter',
  'remote-name',
  'remote-name-all',
  'dump-header',
  'trace',
  'trace-ascii',
  'trace-time',
  'stderr',
  'styled-output',
  'create-dirs'
])

function unmappedOptions(global: Record<string, unknown>, config: Record<string, unknown>, collect: ImportCollector): void {
  for (const key of [...Object.keys(global), ...Object.keys(config)]) {
    if (MAPPED_OPTIONS.has(key)) continue
    if (OUTPUT_OPTIONS.has(key)) collect.notMapped(`--${key}: output options do not apply; the app shows the whole response.`)
    else collect.notMapped(`--${key}: not used by Reactor Explorer.`)
  }
}

function isFileData(part: unknown): part is { filetype: string; name?: CurlWord; filename: CurlWord } {
  return typeof part === 'object' && part !== null && 'filetype' in part
}

function bodyOf(request: CurlRequest, url: RequestUrl, words: WordReader, collect: ImportCollector): ImportedBody {
  if (request.multipartUploads?.length) {
    return {
      kind: 'multipart',
      parts: request.multipartUploads.map((part) => {
        const contentType = part.contentType ? words.text(part.contentType) : undefined
        if ('contentFile' in part && part.contentFile) {
          const file = words.text(part.contentFile)
          if (file === '-') collect.notMapped(`-F ${words.text(part.name)}=@-: a form part read from stdin is not available.`)
          return { name: words.text(part.name), file, ...(contentType ? { contentType } : {}) }
        }
        return { name: words.text(part.name), value: 'content' in part ? words.text(part.content) : '' }
      })
    }
  }
  if (url.uploadFile) return { kind: 'file', path: words.text(url.uploadFile) }
  const parts = request.dataArray ?? []
  if (parts.length === 1 && isFileData(parts[0]) && parts[0].filetype !== 'urlencode') {
    const path = words.text(parts[0].filename)
    if (path === '-') {
      collect.notMapped('--data @-: a body read from stdin is not available; paste the body into the request.')
      return { kind: 'text', text: '' }
    }
    return { kind: 'file', path }
  }
  if (parts.some(isFileData)) {
    for (const part of parts) if (isFileData(part)) collect.notMapped(`--data ${part.name ? `${words.text(part.name)}=` : ''}@${words.text(part.filename)}: the file is not read; its name stays in the body as text.`)
  }
  if (request.data) return { kind: 'text', text: words.text(request.data) }
  return { kind: 'none' }
}

/**
 * A cURL command (Bash or Windows cmd.exe, one or several lines) as a request document that uses the
 * profile's own credential; `notes` say what changed, `unmapped` what the command had that the request does
 * not. Throws CurlParseError (with a line and column where known) for anything that is not a curl command.
 */
export async function curlToSpec(input: string, options: CurlToSpecOptions = {}): Promise<CurlImport> {
  if (input.length > MAX_CURL_CHARS) throw new CurlParseError(`the command is ${Math.round(input.length / 1048576)} MB; at most ${MAX_CURL_CHARS / 1048576} MB can be imported`, undefined)
  const text = normalise(input)
  const first = /\S/.exec(text)
  if (!first) throw new CurlParseError('there is no command: paste a line that starts with curl', undefined)
  if (!/^curl(?:\.exe)?\b/i.test(text.slice(first.index))) {
    throw new CurlParseError('a cURL command starts with curl', positionOf(text, first.index))
  }
  const cc = await curlconverter()
  const collect = new ImportCollector()
  const warnings: Array<[string, string]> = []

  let argv: CurlWord[]
  if (looksLikeWindowsCommand(text)) {
    let args: string[]
    try {
      args = splitWindowsCommandLine(text)
    } catch (error) {
      if (error instanceof CommandLineError) throw new CurlParseError(error.message, error.position)
      throw error
    }
    args[0] = 'curl'
    argv = args.map((arg) => new cc.Word(arg))
    collect.note('Read as a Windows command prompt (cmd.exe) command.')
  } else {
    checkQuotes(text)
    let commands: ReturnType<typeof cc.tokenize>
    try {
      commands = cc.tokenize(text, warnings)
    } catch (error) {
      if (error instanceof cc.CCError) {
        const position = bashErrorPosition(error.message)
        if (position) throw new CurlParseError('the shell cannot read the command from here', position)
        const joint = /&&|\|\||[;|&]/.exec(text)
        throw new CurlParseError('this is more than one curl command (commands joined with &&, || or ; are not read)', joint ? positionOf(text, joint.index) : undefined)
      }
      throw error
    }
    if (commands.length === 0) throw new CurlParseError('there is no curl command in the text', undefined)
    if (commands.length > 1) collect.note(`Only the first of ${commands.length} commands was imported.`)
    argv = commands[0]![0]
  }

  let request: CurlRequest
  let global: Record<string, unknown>
  try {
    const [parsed] = cc.opts.parseArgs(argv, cc.opts.curlLongOpts, cc.opts.curlLongOptsShortened, cc.opts.curlShortOpts, undefined, warnings)
    global = parsed as unknown as Record<string, unknown>
    const requests = cc.buildRequests(parsed)
    request = requests[0]!
    if (requests.length > 1 || request.urls.length > 1) collect.note('The command has several URLs: only the first was imported.')
  } catch (error) {
    if (error instanceof cc.CCError) throw optionError(error.message, text)
    throw error
  }
  const config = ((global['configs'] as Array<Record<string, unknown>> | undefined)?.[0] ?? {}) as Record<string, unknown>
  unmappedOptions(global, config, collect)

  const words = new WordReader(collect)
  const url = request.urls[0]!
  const rawHeaders = (config['header'] as CurlWord[] | undefined)?.map((header) => header.toString()) ?? []
  const headers: ImportedPair[] = []
  for (const [name, value] of request.headers.headers) {
    if (value === null || value === undefined) continue
    headers.push({ name: words.text(name), value: words.text(value) })
  }
  if (config['oauth2-bearer'] !== undefined) headers.push({ name: 'Authorization', value: 'Bearer {{ACCESS_TOKEN}}' })
  if (url.auth) {
    if (isReactorLike(words.text(url.urlWithoutQueryList), options)) headers.push({ name: 'Authorization', value: 'Basic {{ACCESS_TOKEN}}' })
    else collect.note('-u: the user name and password were not kept; add an Authorization header by hand if this host needs one.')
  }
  if (request.insecure) collect.note('-k/--insecure is not applied: certificates are always checked.')
  if (request.compressed) collect.note('--compressed is not needed: the app asks for uncompressed responses.')

  // curlconverter gives no query list when it cannot re-encode the query exactly (raw brackets, commas):
  // then the URL's own query is split here, `+` read as a space as Reactor's server does.
  let urlText = words.text(url.queryList ? url.urlWithoutQueryList : url.url)
  let query: ImportedPair[] = (url.queryList ?? []).map(([name, value]) => ({ name: words.text(name), value: words.text(value) }))
  if (!url.queryList && urlText.includes('?')) {
    const split = splitQuery(urlText)
    urlText = split.url
    query = split.query
  }
  const options_: RequestSpec['options'] = {}
  if (request.followRedirects !== undefined) options_.followRedirects = request.followRedirects
  const maxRedirs = Number(request.maxRedirects?.toString())
  if (Number.isInteger(maxRedirs) && maxRedirs >= 0 && maxRedirs <= 50) options_.maxRedirects = maxRedirs
  const maxTime = Number(request.timeout?.toString())
  if (Number.isFinite(maxTime) && maxTime > 0) options_.timeoutMs = Math.min(600_000, Math.max(100, Math.round(maxTime * 1000)))
  const retry = Number(request.retry?.toString())
  if (Number.isInteger(retry)) options_.retries = retry > 0

  const body = bodyOf(request, url, words, collect)
  const explicitType = rawHeaders.some((header) => /^\s*content-type\s*:/i.test(header))
  let result: ImportResult
  try {
    result = specFromImportedRequest(
      {
        method: words.text(url.method),
        url: urlText,
        query,
        headers,
        body,
        contentTypeImplied: !explicitType && body.kind !== 'none',
        options: options_
      },
      { source: 'command', reactorOrigins: options.reactorOrigins, collect }
    )
  } catch (error) {
    if (error instanceof AppError) {
      const url = /[a-z][a-z0-9+.-]*:\/\//i.exec(text)
      const position = error.code === 'import-unsupported-method' ? (tokenPosition(text, '-X') ?? tokenPosition(text, '--request')) : url ? positionOf(text, url.index) : undefined
      throw new CurlParseError(error.message.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase()), position)
    }
    throw error
  }
  const document = JSON.stringify(result.spec)
  const kept = [...words.shellVariables].filter((name) => document.includes(`{{${name}}}`))
  if (kept.length > 0) collect.note(`Shell variables became request variables: ${kept.map((name) => `{{${name}}}`).join(', ')}.`)
  return { spec: result.spec, notes: collect.notes, unmapped: collect.unmapped }
}

function splitQuery(text: string): { url: string; query: ImportedPair[] } {
  const hash = text.indexOf('#')
  const withoutHash = hash < 0 ? text : text.slice(0, hash)
  const at = withoutHash.indexOf('?')
  const query: ImportedPair[] = []
  for (const part of withoutHash.slice(at + 1).split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const decode = (value: string) => {
      try {
        return decodeURIComponent(value.replace(/\+/g, ' '))
      } catch {
        return value
      }
    }
    query.push({ name: decode(eq < 0 ? part : part.slice(0, eq)), value: eq < 0 ? '' : decode(part.slice(eq + 1)) })
  }
  return { url: withoutHash.slice(0, at), query }
}

function isReactorLike(url: string, options: CurlToSpecOptions): boolean {
  try {
    const parsed = new URL(url.replace(/\{\{[^}]*\}\}/g, 'x'))
    return isKnownReactorHost(parsed) || (options.reactorOrigins ?? []).some((origin) => new URL(origin).origin === parsed.origin)
  } catch {
    return false
  }
}

// ---------------------------------------------------------------------------------------------------------
// Out

/** Adobe's documentation placeholders, written for inherited auth unless main passes the real values. */
export const DOC_AUTH_HEADERS: ReadonlyArray<[string, string]> = [
  ['Authorization', 'Bearer {ACCESS_TOKEN}'],
  ['x-api-key', '{API_KEY}'],
  ['x-gw-ims-org-id', '{ORG_ID}']
]

export const DEFAULT_REACTOR_BASE_URL = 'https://reactor.adobe.io'

export interface SpecToCurlOptions {
  /** The profile the request would be sent with: its Reactor host expands paths and receives the auth headers. */
  profile?: { reactorBaseUrl: string }
  /**
   * The profile's real auth headers, for the clipboard only (main calls this with `withRealValues`); absent,
   * inherited auth is written as Adobe's documentation placeholders.
   */
  authHeaders?: ReadonlyArray<readonly [string, string]>
  /** Scopes to resolve `{{variables}}` with first (unresolved ones stay as written). */
  variables?: VariableScopes
}

/** A single-quoted shell word (`'` written as `'\''`). */
export function shellQuote(text: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(text)) return text
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/** Encodes a query component but leaves `{{variables}}` readable (curl gets -g so it does not glob them). */
function encodeComponent(text: string): string {
  return text
    .split(/(\{\{[^}]*\}\})/)
    .map((part, index) => (index % 2 === 1 ? part : encodeURIComponent(part)))
    .join('')
}

/** The full URL a document is sent to: a path joins the profile's Reactor host; enabled params become the query. */
export function absoluteUrl(spec: Pick<RequestSpec, 'url' | 'params'>, reactorBaseUrl = DEFAULT_REACTOR_BASE_URL): string {
  const base = reactorBaseUrl.replace(/\/+$/, '')
  const url = spec.url.trim().startsWith('/') ? `${base}${spec.url.trim()}` : spec.url.trim()
  const query = spec.params
    .filter((row) => row.enabled && row.name !== '')
    .map((row) => `${encodeComponent(row.name)}=${encodeComponent(row.value)}`)
    .join('&')
  return query ? `${url}?${query}` : url
}

/** Whether inherited auth goes to this URL: a path, or the profile's own Reactor origin. */
export function goesToProfileHost(spec: Pick<RequestSpec, 'url'>, reactorBaseUrl = DEFAULT_REACTOR_BASE_URL): boolean {
  if (spec.url.trim().startsWith('/')) return true
  try {
    return new URL(spec.url.replace(/\{\{[^}]*\}\}/g, 'x')).origin === new URL(reactorBaseUrl).origin
  } catch {
    return false
  }
}

/**
 * The header rows a document sends, in the documentation's order: inherited auth first (the placeholders, or
 * the real values main passes in, and only for the profile's own host), then the document's rows, typed auth
 * headers, and the Content-Type its body implies. Shared by cURL, code snippets and HAR.
 */
export function outgoingHeaders(spec: RequestSpec, options: Pick<SpecToCurlOptions, 'profile' | 'authHeaders'> = {}): Array<[string, string]> {
  const reactorBaseUrl = options.profile?.reactorBaseUrl ?? DEFAULT_REACTOR_BASE_URL
  const headers: Array<[string, string]> = []
  const enabled = spec.headers.filter((row) => row.enabled && row.name.trim() !== '')
  const typed = spec.auth.type === 'headers' ? spec.auth.headers.filter((row) => row.enabled && row.name.trim() !== '') : []
  const typedNames = new Set(typed.map((row) => row.name.trim().toLowerCase()))
  if (spec.auth.type === 'inherit' && goesToProfileHost(spec, reactorBaseUrl)) {
    for (const [name, value] of options.authHeaders ?? DOC_AUTH_HEADERS) headers.push([name, value])
  }
  for (const row of enabled) if (!typedNames.has(row.name.trim().toLowerCase())) headers.push([row.name.trim(), row.value])
  for (const row of typed) headers.push([row.name.trim(), row.value])

  const withBody = sendsBody(spec)
  const hasType = headers.some(([name]) => name.toLowerCase() === 'content-type')
  if (withBody && !hasType) {
    const reactor = goesToProfileHost(spec, reactorBaseUrl) || isKnownReactorHost(safeUrl(absoluteUrl(spec, reactorBaseUrl)))
    const implied = spec.body.type === 'binary' ? (spec.body.contentType ?? 'application/octet-stream') : impliedContentType(spec.body, reactor)
    // curl labels -d bodies x-www-form-urlencoded itself; other kinds say what they are.
    if (implied && spec.body.type !== 'form-urlencoded') headers.push(['Content-Type', implied])
  }
  return withBody ? headers : headers.filter(([name]) => name.toLowerCase() !== 'content-type')
}

/** The headers and body a document sends, as curl arguments in the documentation's order. */
export function specToCurl(input: RequestSpec, options: SpecToCurlOptions = {}): string {
  const spec = options.variables ? resolveSpec(input, options.variables).spec : input
  const reactorBaseUrl = options.profile?.reactorBaseUrl ?? DEFAULT_REACTOR_BASE_URL
  const url = absoluteUrl(spec, reactorBaseUrl)
  // -g: curl would read {…} and […] in the URL as globs (filter[name], {{variables}}).
  const args: string[] = [`curl -X ${spec.method}${/[{}[\]]/.test(url) ? ' -g' : ''}`, shellQuote(url)]
  const headers = outgoingHeaders(spec, options)
  const withBody = sendsBody(spec)
  for (const [name, value] of headers) args.push(`-H ${shellQuote(`${name}: ${value}`)}`)

  if (withBody) {
    const body = spec.body
    switch (body.type) {
      case 'json':
      case 'text':
        args.push(`${body.text.startsWith('@') ? '--data-raw' : '-d'} ${shellQuote(body.text)}`)
        break
      case 'form-urlencoded':
        for (const field of body.fields) if (field.enabled && field.name !== '') args.push(`-d ${shellQuote(`${encodeComponent(field.name)}=${encodeComponent(field.value)}`)}`)
        break
      case 'multipart':
        for (const part of body.parts) {
          if (!part.enabled || part.name === '') continue
          if (part.kind === 'text') args.push(`--form-string ${shellQuote(`${part.name}=${part.value}`)}`)
          else args.push(`-F ${shellQuote(`${part.name}=@${part.path}${part.contentType ? `;type=${part.contentType}` : ''}`)}`)
        }
        break
      case 'binary':
        args.push(`--data-binary ${shellQuote(`@${body.path}`)}`)
        break
    }
  }
  const opts = spec.options
  if (opts.followRedirects === true) args.push('-L')
  if (opts.followRedirects === false) args.push('--no-location')
  if (opts.maxRedirects !== undefined) args.push(`--max-redirs ${opts.maxRedirects}`)
  if (opts.timeoutMs !== undefined) args.push(`-m ${opts.timeoutMs / 1000}`)
  if (opts.retries !== undefined) args.push(`--retry ${opts.retries ? 3 : 0}`)
  return args.join(' \\\n  ')
}

function safeUrl(url: string): URL {
  try {
    return new URL(url.replace(/\{\{[^}]*\}\}/g, 'x'))
  } catch {
    return new URL('about:blank')
  }
}
