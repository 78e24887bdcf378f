// `reactor-explorer convert <input> --to curl|har|postman|opencollection [--from curl|har|postman]`: the
// app's converters on the command line. The input is a file or `-` for stdin; without --from its kind is read
// from what it is (a line starting with curl, a HAR's log.entries, a Postman collection's schema). Every
// request goes through the same import rules as in the app (a customer's Authorization, x-api-key,
// x-gw-ims-org-id, cookies and client secrets are dropped; the profile's auth is written as Adobe's
// documentation placeholders), and the output is checked once more for anything credential-looking before it
// is printed. The converted text goes to stdout; notes go to stderr.
//
// Only node:util is imported up front: usage errors must not pay for curlconverter and the collection model.
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'

export const CONVERT_USAGE = `usage: reactor-explorer convert <input> --to curl|har|postman|opencollection [--from curl|har|postman]

  <input>               a file, or - to read stdin
  --to curl             one cURL command per request, in Adobe's documentation style
  --to har              HAR 1.2 (requests only, unless the input was a HAR with responses)
  --to postman          a Postman Collection v2.1
  --to opencollection   one OpenCollection YAML file (bundled)
  --from KIND           curl, har or postman; detected from the input when left out

The input's credentials never reach the output: Authorization, x-api-key and x-gw-ims-org-id become
{ACCESS_TOKEN}, {API_KEY} and {ORG_ID} (or the collection's variables), cookies and client secrets are dropped.
Exit codes: 0 converted, 1 the input cannot be read (with line and column where known), 2 usage error.`

export interface ConvertIo {
  out(text: string): void
  err(line: string): void
  /** All of stdin as text. */
  readStdin(): Promise<string>
}

const processIo: ConvertIo = {
  out: (text) => void process.stdout.write(text),
  err: (line) => console.error(line),
  async readStdin() {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }
}

const TARGETS = ['curl', 'har', 'postman', 'opencollection'] as const
const SOURCES = ['curl', 'har', 'postman'] as const
type Target = (typeof TARGETS)[number]
type Source = (typeof SOURCES)[number]

/** The most read from a file or stdin (a HAR of a long session runs to tens of MB). */
const MAX_INPUT_BYTES = 100 * 1024 * 1024

class UsageError extends Error {}
/** The input could not be read or converted (exit 1). */
class InputError extends Error {}

function parse(args: string[]): { input: string; to: Target; from?: Source; help: boolean } {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: { to: { type: 'string' }; from: { type: 'string' }; help: { type: 'boolean'; short: 'h' } } }>>
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { to: { type: 'string' }, from: { type: 'string' }, help: { type: 'boolean', short: 'h' } } })
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^Unknown option '([^']+)'.*$/s, 'there is no option $1.'))
  }
  const { values, positionals } = parsed
  if (values.help) return { input: '', to: 'curl', help: true }
  if (positionals.length === 0) throw new UsageError('name the input: a file, or - for stdin.')
  if (positionals.length > 1) throw new UsageError(`convert takes one input, not ${positionals.length}.`)
  if (values.to === undefined) throw new UsageError('--to is required: curl, har, postman or opencollection.')
  if (!(TARGETS as readonly string[]).includes(values.to)) throw new UsageError(`--to takes curl, har, postman or opencollection, not "${values.to.slice(0, 40)}".`)
  if (values.from !== undefined && !(SOURCES as readonly string[]).includes(values.from)) throw new UsageError(`--from takes curl, har or postman, not "${values.from.slice(0, 40)}".`)
  return { input: positionals[0]!, to: values.to as Target, ...(values.from ? { from: values.from as Source } : {}), help: false }
}

async function readInput(input: string, io: ConvertIo): Promise<{ text: string; name: string }> {
  if (input === '-') return { text: await io.readStdin(), name: 'stdin' }
  let buffer: Buffer
  try {
    buffer = await readFile(input)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(code === 'ENOENT' ? `${input} does not exist.` : code === 'EISDIR' ? `${input} is a folder; convert reads one file (use \`import\` for a collection folder).` : `${input} cannot be read (${code ?? 'unknown error'}).`)
  }
  if (buffer.length > MAX_INPUT_BYTES) throw new InputError(`${input} is ${Math.round(buffer.length / 1048576)} MB; convert reads at most ${MAX_INPUT_BYTES / 1048576} MB.`)
  return { text: buffer.toString('utf8').replace(/^\uFEFF/, ''), name: input }
}

/** What the input is, from its content. */
export function detectSource(text: string): Source | undefined {
  const trimmed = text.trimStart()
  if (/^(?:\$\s+)?curl(?:\.exe)?\b/i.test(trimmed)) return 'curl'
  if (!trimmed.startsWith('{')) return undefined
  try {
    const value = JSON.parse(trimmed) as { log?: { entries?: unknown }; info?: { schema?: unknown }; item?: unknown }
    if (Array.isArray(value?.log?.entries)) return 'har'
    if (typeof value?.info?.schema === 'string' && /schema\.getpostman\.com/.test(value.info.schema)) return 'postman'
    if (Array.isArray(value?.item)) return 'postman'
  } catch {
    // Not JSON: the parser of the kind given with --from says where.
  }
  return undefined
}

export async function runConvertCommand(args: string[], io: ConvertIo = processIo): Promise<number> {
  let options: ReturnType<typeof parse>
  try {
    options = parse(args)
  } catch (error) {
    io.err(`convert: ${(error as Error).message}\n\n${CONVERT_USAGE}`)
    return 2
  }
  if (options.help) {
    io.out(`${CONVERT_USAGE}\n`)
    return 0
  }
  try {
    const { text, name } = await readInput(options.input, io)
    const source = options.from ?? detectSource(text)
    if (!source) throw new InputError(`${name} is not something convert reads: expected a cURL command, a HAR file or a Postman collection (or say which with --from).`)
    const { output, notes } = await convert(text, name, source, options.to)
    io.out(output.endsWith('\n') ? output : `${output}\n`)
    for (const note of notes) io.err(`note: ${note}`)
    return 0
  } catch (error) {
    const { AppError } = await import('../shared/errors')
    if (error instanceof InputError || error instanceof AppError) {
      const { maskCredentialPatterns } = await import('../main/core/security/secret-patterns')
      io.err(`convert: ${maskCredentialPatterns(error.message)}`)
      return 1
    }
    throw error
  }
}

interface ConvertedItem {
  spec: import('../shared/requests/request-spec').RequestSpec
  response?: import('../shared/ipc/history.contract').HarImportItem['response']
}

async function convert(text: string, name: string, source: Source, target: Target): Promise<{ output: string; notes: string[] }> {
  const notes: string[] = []
  const [{ curlToSpec, specToCurl }, har, { OutboundRedactor }, { SecretRegistry }, { maskCredentialPatterns }] = await Promise.all([
    import('../main/core/interchange/curl'),
    import('../main/core/interchange/har'),
    import('../main/core/security/outbound-redaction'),
    import('../main/core/security/secret-registry'),
    import('../main/core/security/secret-patterns')
  ])
  const redactor = new OutboundRedactor(new SecretRegistry())

  let items: ConvertedItem[]
  let collection: import('../shared/collections/collection-model').Collection | undefined
  if (source === 'curl') {
    const result = await curlToSpec(text)
    notes.push(...result.notes, ...result.unmapped.map((line) => `not mapped: ${line}`))
    items = [{ spec: result.spec }]
  } else if (source === 'har') {
    const result = har.harToRequests(text, { redactor })
    if (result.items.length === 0) throw new InputError(`${name} has no Reactor or IMS calls to convert (${result.total} entries, none to a Reactor or IMS host).`)
    if (result.skipped > 0) notes.push(`${result.skipped} of ${result.total} entries are not Reactor or IMS calls and were left out.`)
    for (const item of result.items) for (const line of [...item.notes, ...item.unmapped.map((u) => `not mapped: ${u}`)]) notes.push(`entry ${item.index + 1}: ${line}`)
    items = result.items.map((item) => ({ spec: item.spec, ...(item.response ? { response: item.response } : {}) }))
  } else {
    const { previewImportText } = await import('../main/core/interchange')
    const { requestsInOrder, effectiveSpec } = await import('../shared/collections/collection-model')
    const preview = previewImportText(text, name === 'stdin' ? 'stdin.json' : name)
    if (preview.source.kind !== 'postman-collection') throw new InputError(`${name} is a ${preview.source.label}, not a Postman collection.`)
    collection = preview.collection
    notes.push(...preview.report.notes, ...preview.report.unmapped.map((entry) => `not mapped: ${entry.item}: ${entry.reason}`))
    items = requestsInOrder(collection.items).map(({ item, folders }) => ({ spec: effectiveSpec(collection!, folders, item.spec) }))
  }

  let output: string
  switch (target) {
    case 'curl':
      output = items.map((item) => (items.length > 1 ? `# ${item.spec.name}\n` : '') + specToCurl(item.spec)).join('\n\n')
      break
    case 'har': {
      const document = {
        log: {
          version: '1.2',
          creator: { name: 'Reactor Explorer', version: 'cli' },
          entries: items.map((item) => ({
            startedDateTime: new Date(0).toISOString(),
            time: 0,
            request: har.specToHarRequest(item.spec),
            response: item.response
              ? { status: item.response.status, statusText: item.response.statusText, httpVersion: 'HTTP/1.1', cookies: [], headers: item.response.headers.map(([n, v]) => ({ name: n, value: v })), content: { size: item.response.text?.length ?? 0, mimeType: item.response.mimeType ?? 'application/octet-stream', ...(item.response.text !== undefined ? { text: item.response.text } : {}) }, redirectURL: '', headersSize: -1, bodySize: -1 }
              : { status: 0, statusText: '', httpVersion: 'HTTP/1.1', cookies: [], headers: [], content: { size: 0, mimeType: 'x-unknown' }, redirectURL: '', headersSize: -1, bodySize: -1, comment: 'Not sent: converted from a request.' },
            cache: {},
            timings: { send: 0, wait: 0, receive: 0 },
            _reactorExplorer: { name: item.spec.name }
          }))
        }
      }
      const check = har.validateHar(document)
      if (!check.valid) throw new InputError(`the HAR written from ${name} did not pass the HAR 1.2 schema (${check.errors.slice(0, 3).join('; ')}).`)
      output = JSON.stringify(redactor.deep(document), null, 2)
      break
    }
    case 'postman':
    case 'opencollection': {
      const { exportOpenCollectionBundle, exportPostmanCollection } = await import('../main/core/interchange')
      const { withFilePaths } = await import('../main/core/interchange/item-paths')
      collection ??= withFilePaths({
        root: '',
        name: source === 'curl' ? 'Converted from cURL' : `Converted from ${name}`,
        version: '1.0.0',
        defaults: { headers: [], variables: [] },
        items: items.map((item, index) => ({ kind: 'request' as const, path: '', seq: index + 1, spec: item.spec })),
        environments: []
      })
      if (target === 'postman') {
        const exported = exportPostmanCollection(collection)
        notes.push(...exported.notes)
        output = JSON.stringify(exported.document, null, 2)
      } else {
        output = exportOpenCollectionBundle(collection)
      }
      break
    }
  }
  // The converters already dropped the input's credentials; this is the last guard before stdout.
  const guarded = maskCredentialPatterns(output)
  if (guarded !== output) notes.push('Something in the output looked like a credential and was masked (••••••).')
  return { output: guarded, notes: notes.map((note) => maskCredentialPatterns(note)) }
}
