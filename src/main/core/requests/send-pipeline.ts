// The one path from "send this request document" to the network. The app (requests:send), fetch-all, the
// CLI's `send`, the Credential Doctor's `GET /companies` and (next) the runner all come through here:
//
//   RequestSpec + variable scopes + profile
//     → resolve {{variables}} (secret ones only here, in main)   → refuse with every unresolved name
//     → encode the body (files read here, never in the renderer)
//     → HttpExecutor.send: the profile resolved once, its auth only on its own origin, redirects, retries
//     → observers (history subscribes; nothing else changes when it does)
//
// Bruno's CLI and app each carry a copy of request preparation; this module is the only copy we have.
import { openAsBlob } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { FormData } from 'undici'
import { AppError, type AppErrorShape } from '../../../shared/errors'
import type { HttpResponse, RequestProgress } from '../../../shared/ipc/requests.contract'
import { impliedContentType, sendsBody, type RequestSpec } from '../../../shared/requests/request-spec'
import { describeUnresolved, resolveSpec, type VariableScope, type VariableScopes } from '../../../shared/requests/variables'
import { isKnownReactorHost } from '../reactor/reactor-headers'
import type { SecretRegistry } from '../security/secret-registry'
import type { HttpBody, HttpExecutor, HttpSendInput, ResponseHead } from '../http/executor'

/** Who sent it: history and reports say so. */
export type SendSource = 'app' | 'cli' | 'runner' | 'doctor' | 'fetch-all'

export interface SendContext {
  requestId: string
  profileId?: string
  /** Scopes above the request's own variables; see src/shared/requests/variables.ts. */
  variables?: VariableScopes
  maxInlineBodyBytes?: number
  signal?: AbortSignal
  onProgress?: (progress: RequestProgress) => void
  /**
   * A streamed body (issue 12, requests:send with streamBody): the final response head before its body, with
   * secret variable values already back to their placeholders; `send` resolves (and observers hear of the
   * exchange) only once the body is complete.
   */
  onHead?: (head: ResponseHead) => void
  /** Every decoded body chunk of the final response, unmasked: the caller masks before anything leaves main. */
  onBodyChunk?: (chunk: Buffer) => void
  source: SendSource
}

/** What observers are told about each send. Secret variable values never appear in it (they stay `{{name}}`). */
export interface SentExchange {
  source: SendSource
  requestId: string
  profileId: string | undefined
  /** The request as sent: variables resolved except secret ones, which keep their `{{placeholder}}`. */
  spec: RequestSpec
  startedAt: number
  response?: HttpResponse
  error?: AppErrorShape
}

export type ExchangeObserver = (exchange: SentExchange) => void

export interface SendPipelineDeps {
  executor: HttpExecutor
  secrets: SecretRegistry
  /** The value of a secret variable (from the keychain), asked only in main; none until collections land. */
  secretVariable?: (name: string, scope: VariableScope, context: SendContext) => string | undefined
}

const MAX_FILE_BODY_BYTES = 200 * 1024 * 1024

export class SendPipeline {
  private readonly observers = new Set<ExchangeObserver>()

  constructor(private readonly deps: SendPipelineDeps) {}

  /** Subscribes to every exchange (success or failure); returns the unsubscribe function. */
  observe(observer: ExchangeObserver): () => void {
    this.observers.add(observer)
    return () => this.observers.delete(observer)
  }

  async send(spec: RequestSpec, context: SendContext): Promise<HttpResponse> {
    const startedAt = Date.now()
    try {
      const { input, secretValues } = await this.prepareWithSecrets(spec, context)
      const onHead = context.onHead && secretValues.size > 0 ? (head: ResponseHead) => context.onHead!(withPlaceholders(head, secretValues)) : context.onHead
      const sent = await this.deps.executor.send(input, { signal: context.signal, onProgress: context.onProgress, onHead, onBodyChunk: context.onBodyChunk })
      // What was sent is shown back (URL, typed headers): secret variable values go back to their placeholders.
      const response = secretValues.size > 0 ? withPlaceholders(sent, secretValues) : sent
      this.notify(() => ({ source: context.source, requestId: context.requestId, profileId: context.profileId, spec: this.recorded(spec, context), startedAt, response: this.deps.secrets.redactDeep(response) }))
      return response
    } catch (error) {
      const shape = error instanceof AppError ? error.toShape() : { code: 'internal', message: 'The request failed unexpectedly.' }
      this.notify(() => ({ source: context.source, requestId: context.requestId, profileId: context.profileId, spec: this.recorded(spec, context), startedAt, error: shape }))
      throw error
    }
  }

  /**
   * The executor's input for a document: variables resolved (refused while any is unresolved), disabled rows
   * dropped, Content-Type only with a body, the body encoded. Fetch-all pages from this too.
   */
  async prepare(spec: RequestSpec, context: SendContext): Promise<HttpSendInput> {
    return (await this.prepareWithSecrets(spec, context)).input
  }

  private async prepareWithSecrets(spec: RequestSpec, context: SendContext): Promise<{ input: HttpSendInput; secretValues: Map<string, string> }> {
    const resolved = resolveSpec(spec, context.variables ?? {}, (name, scope) => this.deps.secretVariable?.(name, scope, context))
    if (resolved.unresolved.length > 0) throw new AppError('request-unresolved-variables', `Not sent. ${describeUnresolved(resolved.unresolved)}`)
    const doc = resolved.spec
    // Secret values reached this request: the guard must know them before anything can echo them.
    const secretValues = new Map<string, string>()
    for (const name of resolved.secretNames) {
      const value = this.deps.secretVariable?.(name, resolved.sources[name]!, context)
      if (value) {
        this.deps.secrets.add(value)
        secretValues.set(name, value)
      }
    }

    const withBody = sendsBody(doc)
    const enabled = (rows: RequestSpec['headers']) => rows.filter((row) => row.enabled && row.name.trim() !== '').map((row) => ({ name: row.name.trim(), value: row.value }))
    let headers = enabled(doc.headers)
    if (!withBody) headers = headers.filter((row) => row.name.toLowerCase() !== 'content-type')
    const auth = doc.auth
    // Typed auth headers win over a header row of the same name.
    if (auth.type === 'headers') headers = [...headers.filter((row) => !sameName(auth, row.name)), ...enabled(auth.headers)]

    const body = withBody ? await encodeBody(doc.body) : undefined
    if (body && !headers.some((row) => row.name.toLowerCase() === 'content-type')) {
      const reactorHost = doc.url.trim().startsWith('/') || isReactorUrl(doc.url)
      // JSON to a Reactor host gets the JSON:API media type from the executor's Reactor defaults.
      const implied = doc.body.type === 'json' && reactorHost ? undefined : impliedContentType(doc.body, reactorHost)
      if (implied) headers.push({ name: 'Content-Type', value: implied })
    }

    const input: HttpSendInput = {
      requestId: context.requestId,
      profileId: context.profileId,
      auth: doc.auth.type === 'inherit' ? 'inherit' : 'none',
      method: doc.method,
      url: doc.url,
      query: doc.params.filter((row) => row.enabled && row.name !== ''),
      headers,
      body,
      options: {
        timeoutMs: doc.options.timeoutMs,
        followRedirects: doc.options.followRedirects,
        maxRedirects: doc.options.maxRedirects,
        retryIdempotent: doc.options.retries,
        maxInlineBodyBytes: context.maxInlineBodyBytes
      }
    }
    return { input, secretValues }
  }

  /** The document for observers: resolved without secret values, and any known secret redacted. */
  private recorded(spec: RequestSpec, context: SendContext): RequestSpec {
    const { spec: withoutSecrets } = resolveSpec(spec, withoutSecretValues(context.variables ?? {}))
    return this.deps.secrets.redactDeep(withoutSecrets)
  }

  /**
   * The exchange is built only when someone observes: resolving the document again and redacting the whole
   * response (a 25-item page is ~30 KB of text) cost ~0.15 ms a send, paid for nothing by a run without history.
   */
  private notify(build: () => SentExchange): void {
    if (this.observers.size === 0) return
    const exchange = build()
    for (const observer of this.observers) {
      try {
        observer(exchange)
      } catch {
        // An observer (history) that fails must never fail the request the person sent.
      }
    }
  }
}

/** The response with each secret variable's value written back as `{{name}}` where the request is echoed. */
function withPlaceholders<R extends Pick<HttpResponse, 'url' | 'sentHeaders' | 'redirects'>>(response: R, secretValues: ReadonlyMap<string, string>): R {
  const put = (text: string) => {
    let out = text
    for (const [name, value] of secretValues) {
      out = out.split(value).join(`{{${name}}}`)
      const encoded = encodeURIComponent(value)
      if (encoded !== value) out = out.split(encoded).join(`{{${name}}}`)
    }
    return out
  }
  return {
    ...response,
    url: put(response.url),
    sentHeaders: response.sentHeaders.map(([name, value]) => [name, put(value)]),
    redirects: response.redirects.map((hop) => ({ ...hop, from: put(hop.from), to: put(hop.to) }))
  }
}

function sameName(auth: Extract<RequestSpec['auth'], { type: 'headers' }>, name: string): boolean {
  return auth.headers.some((row) => row.enabled && row.name.trim().toLowerCase() === name.toLowerCase())
}

function isReactorUrl(url: string): boolean {
  try {
    return isKnownReactorHost(new URL(url))
  } catch {
    return false
  }
}

/** Secret variables keep their placeholder in what observers see. */
function withoutSecretValues(scopes: VariableScopes): VariableScopes {
  const strip = (list: VariableScopes['runtime']) => list?.map((variable) => (variable.secret ? { ...variable, value: undefined } : variable))
  return { folder: strip(scopes.folder), collection: strip(scopes.collection), environment: strip(scopes.environment), runtime: strip(scopes.runtime) }
}

async function fileOf(path: string, what: string): Promise<{ size: number }> {
  try {
    const info = await stat(path)
    if (!info.isFile()) {
      throw new AppError('request-file-unreadable', `${what} "${path}" is ${info.isDirectory() ? 'a folder' : 'a device or special file'}, not a regular file.`)
    }
    if (info.size > MAX_FILE_BODY_BYTES) throw new AppError('request-file-too-large', `${what} "${basename(path)}" is ${Math.round(info.size / 1048576)} MB; at most ${MAX_FILE_BODY_BYTES / 1048576} MB can be sent.`)
    return info
  } catch (error) {
    if (error instanceof AppError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new AppError(
      'request-file-unreadable',
      code === 'ENOENT' ? `${what} "${path}" does not exist. Choose the file again.` : `${what} "${path}" cannot be read (${code ?? 'unknown error'}).`
    )
  }
}

/** The body as bytes on the wire; files are read here, in main, at send time. */
export async function encodeBody(body: RequestSpec['body']): Promise<HttpBody | undefined> {
  switch (body.type) {
    case 'none':
      return undefined
    case 'json':
    case 'text':
      return body.text
    case 'form-urlencoded': {
      const form = new URLSearchParams()
      for (const field of body.fields) if (field.enabled && field.name !== '') form.append(field.name, field.value)
      return form.toString()
    }
    case 'binary': {
      await fileOf(body.path, 'The body file')
      return new Uint8Array(await readFile(body.path))
    }
    case 'multipart': {
      const form = new FormData()
      for (const part of body.parts) {
        if (!part.enabled || part.name === '') continue
        if (part.kind === 'text') {
          form.append(part.name, part.value)
        } else {
          await fileOf(part.path, `The file for form part "${part.name}"`)
          const blob = await openAsBlob(part.path, part.contentType ? { type: part.contentType } : undefined)
          form.append(part.name, blob, basename(part.path))
        }
      }
      return form
    }
  }
}
