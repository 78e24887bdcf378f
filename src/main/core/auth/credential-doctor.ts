// The Credential Doctor: the checks of Adobe's getting-started guide, one step at a time, each outcome in
// plain words with the next step to take. IMS reachable -> token issued -> claims match the profile ->
// GET /companies. The report never holds a secret or a token; its text is redacted again before it leaves.
// It talks to the network only through the app's own layers: the probe through the network layer the token
// client uses, GET /companies through the send pipeline a person's request takes.
import type { DoctorReport, DoctorStep, DoctorStepId, TokenInfo } from '../../../shared/ipc/profiles.contract'
import type { HttpResponse } from '../../../shared/ipc/requests.contract'
import { newRequestSpec, REACTOR_ACCEPT, type RequestSpec } from '../../../shared/requests/request-spec'
import { AppError } from '../../../shared/errors'
import { defaultNetworkClient, type NetworkClient } from '../net/network-client'
import { addressKind } from '../net/address-kind'
import { NetworkError } from '../net/network-errors'
import { speaksPlainHttp } from '../net/tls-words'
import type { SecretRegistry } from '../security/secret-registry'
import { ImsError, tokenEndpoint } from './ims-client'
import { reactorAuthHeaders } from './reactor-auth-headers'
import { TokenError, type IssuedToken, type ResolvedCredential, type TokenManager } from './token-manager'

/** How the doctor sends its request document: the send pipeline (SendPipeline.send fits). */
export type DoctorSend = (
  spec: RequestSpec,
  context: { requestId: string; source: 'doctor'; maxInlineBodyBytes?: number; signal?: AbortSignal }
) => Promise<HttpResponse>

export interface DoctorOptions {
  tokens: TokenManager
  /** Sends GET /companies through the same pipeline as a person's request. */
  sendRequest: DoctorSend
  /** The network layer for the "IMS reachable" probe; default: the process-wide one. */
  network?: NetworkClient
  registry?: SecretRegistry
  /** Budget of each network step; default: the network settings' timeout. */
  timeoutMs?: number
  onStep?: (step: DoctorStep) => void
  now?: () => number
  environmentLabel?: string
  environment: DoctorReport['environment']
}

/** A companies list is a few KB; a larger answer is kept as a file by the pipeline and not parsed here. */
const DOCTOR_MAX_BODY_BYTES = 64 * 1024

/** What a failure says about the scheme: https to a plain-http server, or http to a port that wants https. */
function schemeMismatch(error: NetworkError, url: URL): 'speaks-http' | 'wants-https' | undefined {
  if (url.protocol === 'https:' && error.kind === 'tls' && speaksPlainHttp(error.causeCode, error.detail ?? error.message)) return 'speaks-http'
  // A TLS server drops a plain request unanswered: reset or closed, never an HTTP status.
  if (url.protocol === 'http:' && error.kind === 'reset') return 'wants-https'
  return undefined
}

function withScheme(url: URL, protocol: 'http:' | 'https:'): string {
  return `${protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`
}

/**
 * One sentence per kind of network failure, with the code: the shared classification (net/network-errors.ts)
 * decides the kind, the doctor words it for someone testing a credential. A host on this computer or a
 * private network gets advice about that server (is it running, on that port, speaking that scheme?), not
 * about corporate proxies, antivirus or the clock, which sit between a person and the internet.
 */
function unreachable(error: NetworkError, url: URL): string {
  const code = error.causeCode
  const host = url.host
  const local = addressKind(url.hostname) !== 'public'
  const mismatch = schemeMismatch(error, url)
  if (mismatch === 'speaks-http') {
    return `The secure connection to ${host} failed (${code}): this server speaks http, not https. Use ${withScheme(url, 'http:')} if it is meant to be plain http.`
  }
  if (mismatch === 'wants-https') {
    return `${host} closed the connection without answering the http request (${code}): this port probably speaks https, not http. Try ${withScheme(url, 'https:')}.`
  }
  switch (error.kind) {
    case 'timeout':
      return local
        ? `${host} did not answer in time (${code}). Is the local server running and answering on that port?`
        : `${host} did not answer in time (${code}). Check your network or proxy, then try again.`
    case 'dns':
      return `The name ${host} could not be resolved (${code}). Check the host name, your DNS or VPN.`
    case 'tls':
      return local
        ? `The secure connection to ${host} failed (${code}). Check that the local server speaks https on that port and that its certificate is trusted (Settings → Certificates).`
        : `The secure connection to ${host} failed (${code}). A proxy or antivirus that inspects HTTPS, or a wrong system clock, usually causes this.`
    case 'refused':
      return local
        ? `Could not connect to ${host} (${code}): nothing is listening there. Is the local server running on that port?`
        : `Could not connect to ${host} (${code}): the server refused the connection. Check the host and port, and that a firewall is not blocking it.`
    case 'proxy':
    case 'too-large':
    case 'cancelled':
      return error.message
    default:
      return local
        ? `Could not connect to ${host} (${code}). Is the local server running on that port?`
        : `Could not connect to ${host} (${code}). Check that you are online and that a firewall or proxy is not blocking it.`
  }
}

/** The next step after IMS or Reactor could not be reached, matched to where that host is and what failed. */
function networkNextStep(error: NetworkError, baseUrl: string, which: 'IMS' | 'Reactor'): string {
  const url = new URL(baseUrl)
  const local = addressKind(url.hostname) !== 'public'
  const mismatch = schemeMismatch(error, url)
  if (mismatch === 'speaks-http') return `Change the profile’s ${which} URL to ${withScheme(url, 'http:')} (the server there is plain http).`
  if (mismatch === 'wants-https') return `Change the profile’s ${which} URL to ${withScheme(url, 'https:')}.`
  if (error.kind === 'dns') return `Check the ${which} host in the profile (${baseUrl}) and your DNS/VPN.`
  if (local) {
    return error.kind === 'tls'
      ? `Check that ${url.host} speaks https (else use http:// in the profile’s ${which} URL), and trust its certificate in Settings → Certificates.`
      : `Start the local server on ${url.host}, or correct the host and port in the profile’s ${which} URL (${baseUrl}), then run the test again.`
  }
  if (error.kind === 'tls') {
    const allow = url.hostname.endsWith('adobelogin.com') ? 'adobelogin.com' : url.hostname.endsWith('adobe.io') ? 'adobe.io' : url.hostname
    return `If your company inspects HTTPS traffic, ask IT for its root certificate and choose it in Settings → Certificates (or ask IT to allow ${allow}), and check the system clock. Settings → Test connection shows the certificate.`
  }
  return 'Check your internet connection, proxy and firewall (Settings → Test connection names the layer that fails), then run the test again.'
}

const TITLES: Record<DoctorStepId, string> = {
  'ims-reachable': 'Adobe IMS is reachable',
  token: 'An access token is issued',
  claims: 'The token matches the profile',
  companies: 'Reactor accepts the token (GET /companies)'
}

// Gateway (Adobe I/O) error codes seen in front of Adobe APIs (reference reactor-api.md §3.9).
const GATEWAY_CODES: Record<string, string> = {
  '401013': 'the OAuth token is not valid',
  '403010': 'the OAuth token is missing',
  '403000': 'the API key (Client ID) is required',
  '403003': 'the API key (Client ID) is invalid',
  '400003': 'a required header is missing (often x-gw-ims-org-id)',
  '403025': 'the profile is not valid for this API'
}

function blankStep(id: DoctorStepId): DoctorStep {
  return { id, title: TITLES[id], status: 'pending', summary: 'Waiting…', details: [] }
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

export async function runCredentialDoctor(credential: ResolvedCredential, options: DoctorOptions): Promise<DoctorReport> {
  const now = options.now ?? Date.now
  const started = now()
  const steps: Record<DoctorStepId, DoctorStep> = {
    'ims-reachable': blankStep('ims-reachable'),
    token: blankStep('token'),
    claims: blankStep('claims'),
    companies: blankStep('companies')
  }
  const network = options.network ?? defaultNetworkClient()
  const timeoutMs = options.timeoutMs ?? network.settings().timeoutMs
  // Step text quotes remote words (IMS's error_description, Reactor's and the gateway's messages, network
  // errors): masked here, so a server that echoes a secret costs that word, not the whole report (the guard
  // in front of every answer would otherwise block it and the person would see nothing).
  const redact = (text: string) => (options.registry ? options.registry.redact(text) : text)
  const mask = (step: DoctorStep): DoctorStep => {
    step.summary = redact(step.summary)
    step.details = step.details.map(redact)
    if (step.nextStep !== undefined) step.nextStep = redact(step.nextStep)
    return step
  }
  const emit = (step: DoctorStep) => options.onStep?.({ ...mask(step), details: [...step.details] })

  async function run(id: DoctorStepId, work: (step: DoctorStep) => Promise<void>): Promise<boolean> {
    const step = steps[id]
    step.status = 'running'
    step.summary = 'Checking…'
    emit(step)
    const t0 = now()
    try {
      await work(step)
    } catch (error) {
      step.status = 'fail'
      step.summary = `Unexpected failure: ${(error as Error).message}`
    }
    step.durationMs = now() - t0
    emit(step)
    const final = step.status as DoctorStep['status']
    return final === 'pass' || final === 'warn'
  }

  function skipRest(from: DoctorStepId[], reason: string): void {
    for (const id of from) {
      const step = steps[id]
      if (step.status !== 'pending') continue
      step.status = 'skip'
      step.summary = reason
      emit(step)
    }
  }

  const manual = credential.authKind === 'manual-token'
  const imsHost = new URL(credential.imsBaseUrl).host
  let token: IssuedToken | undefined
  let companies: string[] = []

  // 1. IMS reachable: any HTTP answer from the token endpoint proves DNS, TCP and TLS work.
  let ok = true
  if (manual) {
    steps['ims-reachable'].status = 'skip'
    steps['ims-reachable'].summary = 'Not needed: this profile uses a pasted access token.'
    emit(steps['ims-reachable'])
  } else {
    ok = await run('ims-reachable', async (step) => {
      try {
        // Headers are the proof; the body is dropped unread.
        const exchange = await network.open(tokenEndpoint(credential.imsBaseUrl), { method: 'GET', timeoutMs })
        await exchange.discard()
        step.status = 'pass'
        step.summary = `${imsHost} answered (HTTP ${exchange.status}).`
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error
        const failure = error
        step.status = 'fail'
        step.summary = unreachable(failure, new URL(credential.imsBaseUrl))
        step.details.push(`cause: ${failure.kind} (${failure.causeCode})`)
        step.nextStep = networkNextStep(failure, credential.imsBaseUrl, 'IMS')
      }
    })
  }

  // 2. Token issued (or the pasted token is still valid).
  if (ok) {
    ok = await run('token', async (step) => {
      try {
        token = await options.tokens.getToken(credential.profileId, { force: !manual, credential })
      } catch (error) {
        step.status = 'fail'
        if (error instanceof ImsError) {
          step.summary = error.message
          if (error.details.description) step.details.push(`IMS said: ${error.details.description}`)
          switch (error.kind) {
            case 'invalid_client':
              step.summary = 'IMS refused the Client ID and Client Secret (invalid_client): one of them is wrong.'
              step.nextStep =
                'Open your project in Adobe Developer Console → OAuth Server-to-Server → copy the Client ID and "Retrieve client secret" again, then paste them into this profile. A rotated or deleted secret stops working at once.'
              break
            case 'invalid_scope':
              step.nextStep = `Remove or correct ${error.details.scopes?.length ? `these scopes: ${error.details.scopes.join(', ')}` : 'the scopes IMS refused'}. Use exactly the scopes listed on the credential's page in Developer Console.`
              break
            case 'dns':
            case 'tls':
            case 'network':
            case 'timeout':
              step.nextStep = 'IMS could not be reached for the token request; check the network and try again.'
              break
            case 'server_error':
              step.nextStep = 'This is on Adobe’s side. Wait a minute and run the test again; check status.adobe.com if it persists.'
              break
            default:
              step.nextStep = `Check that the IMS host (${credential.imsBaseUrl}) is right for this credential.`
          }
        } else if (error instanceof TokenError) {
          step.summary = error.message
          step.nextStep =
            error.code === 'no-secret'
              ? 'Enter the Client Secret in the profile and save.'
              : 'Paste a current access token (Developer Console → your credential → "Generate access token").'
        } else {
          throw error
        }
        return
      }
      const remainingMin = token.expiresAt !== undefined ? Math.round((token.expiresAt - now()) / 60_000) : undefined
      step.status = 'pass'
      step.summary =
        token.source === 'manual'
          ? `The pasted token is usable${remainingMin !== undefined ? ` for about ${formatMinutes(remainingMin)}` : ' (its expiry could not be read)'}.`
          : `IMS issued a token valid for about ${remainingMin !== undefined ? formatMinutes(remainingMin) : 'an unknown time'}.`
      step.details.push(`fingerprint ${token.fingerprint}`)
      if (token.expiresAt !== undefined) step.details.push(`expires at ${new Date(token.expiresAt).toISOString()}`)
    })
  }

  // 3. The token's claims match the profile (client id = x-api-key; org when the token names it).
  if (ok && token) {
    const issued = token
    ok = await run('claims', async (step) => {
      const claims = issued.claims
      if (!claims) {
        step.status = 'warn'
        step.summary = 'The token is not a readable IMS JWT, so its client and expiry cannot be checked here.'
        step.nextStep = 'If the next step fails with 401, the token is probably not an IMS access token.'
        return
      }
      const problems: string[] = []
      const warnings: string[] = []
      if (claims.clientId && claims.clientId !== credential.clientId) {
        problems.push(`The token was issued to client "${claims.clientId}", but this profile sends x-api-key "${credential.clientId}".`)
      }
      if (claims.orgId && claims.orgId !== credential.orgId) {
        problems.push(`The token belongs to org ${claims.orgId}, but this profile sends x-gw-ims-org-id ${credential.orgId}.`)
      }
      if (claims.type && claims.type !== 'access_token') warnings.push(`The token's type is "${claims.type}", not access_token.`)
      const missing = credential.scopes.filter((scope) => claims.scopes.length > 0 && !claims.scopes.includes(scope))
      if (missing.length) warnings.push(`The token lacks requested scopes: ${missing.join(', ')}.`)
      step.details.push(`client_id ${claims.clientId ?? '(none)'}`)
      if (claims.userId) step.details.push(`technical account ${claims.userId}`)
      if (claims.scopes.length) step.details.push(`scopes ${claims.scopes.join(', ')}`)
      if (!claims.orgId) step.details.push('IMS tokens do not name the org; Reactor checks x-gw-ims-org-id in the next step.')
      if (problems.length) {
        step.status = 'fail'
        step.summary = problems.join(' ')
        step.nextStep =
          issued.source === 'manual'
            ? 'Paste a token generated for this profile’s credential, or correct the Client ID / Org ID in the profile.'
            : 'Correct the Client ID / Org ID in the profile to the values on the same Developer Console credential.'
      } else if (warnings.length) {
        step.status = 'warn'
        step.summary = warnings.join(' ')
        step.nextStep = 'Usually harmless; if Reactor refuses the token, compare the scopes with Developer Console.'
      } else {
        step.status = 'pass'
        step.summary = `Issued to this profile’s Client ID${claims.orgId ? ' and Org ID' : ''}.`
      }
    })
  }

  // 4. GET /companies with the three headers, as the guide does, through the send pipeline. The headers are
  // the ones of the token checked above, given explicitly: the pipeline's own 401 refresh would test another
  // token than the one whose claims were just read, and a retry would hide the first answer, which is the
  // diagnosis. The absolute URL needs no profile lookup, so a one-off credential (the CLI's flags) works too.
  if (ok && token) {
    const issued = token
    await run('companies', async (step) => {
      const url = `${credential.reactorBaseUrl.replace(/\/+$/, '')}/companies`
      const spec = newRequestSpec({
        name: 'Credential Doctor: GET /companies',
        method: 'GET',
        url,
        headers: [{ name: 'Accept', value: REACTOR_ACCEPT, enabled: true }],
        auth: { type: 'headers', headers: Object.entries(reactorAuthHeaders(credential, issued.accessToken)).map(([name, value]) => ({ name, value, enabled: true })) },
        options: { timeoutMs, retries: false }
      })
      let status: number
      let text: string | undefined
      try {
        const response = await options.sendRequest(spec, {
          requestId: `doctor-${credential.profileId}-${started}`,
          source: 'doctor',
          maxInlineBodyBytes: DOCTOR_MAX_BODY_BYTES
        })
        status = response.status
        text = response.body.kind === 'inline' ? response.body.text : response.body.kind === 'empty' ? '' : undefined
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        step.status = 'fail'
        step.summary = error instanceof NetworkError ? unreachable(error, new URL(credential.reactorBaseUrl)) : error.message
        if (error instanceof NetworkError) step.details.push(`cause: ${error.kind} (${error.causeCode})`)
        step.nextStep = error instanceof NetworkError ? networkNextStep(error, credential.reactorBaseUrl, 'Reactor') : `Check the Reactor host in the profile (${credential.reactorBaseUrl}) and your network.`
        return
      }
      if (text === undefined) step.details.push(`The answer was larger than ${DOCTOR_MAX_BODY_BYTES / 1024} KB, so its companies are not listed here.`)
      let body: Record<string, unknown> | undefined
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined
      } catch {
        body = undefined
      }
      const firstError = asArray(body?.errors)[0] as Record<string, unknown> | undefined
      const errorCode = typeof firstError?.code === 'string' ? firstError.code : undefined
      const errorTitle = typeof firstError?.title === 'string' ? firstError.title : undefined
      const errorDetail = typeof firstError?.detail === 'string' ? firstError.detail : undefined
      const gatewayCode = body && (typeof body.error_code === 'string' || typeof body.error_code === 'number') ? String(body.error_code) : undefined
      const gatewayMessage = typeof body?.message === 'string' ? body.message : undefined
      step.details.push(`HTTP ${status}${errorCode ? ` (${errorCode})` : gatewayCode ? ` (gateway ${gatewayCode})` : ''}`)
      if (errorDetail) step.details.push(`Reactor said: ${errorDetail}`)
      if (gatewayMessage) step.details.push(`Gateway said: ${gatewayMessage}`)

      if (status === 200) {
        companies = asArray(body?.data)
          .map((item) => (item as { attributes?: { name?: unknown } }).attributes?.name)
          .filter((name): name is string => typeof name === 'string')
        step.status = 'pass'
        step.summary = companies.length
          ? `The credential works. It can see ${companies.length} compan${companies.length === 1 ? 'y' : 'ies'}: ${companies.slice(0, 5).join(', ')}${companies.length > 5 ? '…' : ''}.`
          : 'The credential works (Reactor answered 200 with no companies).'
      } else if (status === 404) {
        step.status = 'pass'
        step.summary = 'The credential works. Reactor answered 404: this organization has no Tags companies yet.'
        step.details.push('Adobe’s getting-started guide: “As long as you do not get a 403, your credentials are valid.”')
        step.nextStep = 'Nothing to fix. Once someone creates a Tags property in this org, the company appears here.'
      } else if (status === 403) {
        step.status = 'fail'
        if (errorCode === 'invalid-org' || gatewayCode === '400003') {
          step.summary = 'Reactor refused the Org ID: it does not match the organization of the credential.'
          step.nextStep = 'Copy the Organization ID from the same Developer Console project (it ends in @AdobeOrg) into the profile.'
        } else if (gatewayCode === '403003' || gatewayCode === '403000' || /api key/i.test(errorTitle ?? '')) {
          step.summary = 'Reactor refused the API key: x-api-key must be the Client ID the token was issued to.'
          step.nextStep = 'Make the profile’s Client ID the one of the credential that issued the token.'
        } else {
          step.summary =
            'The token is valid, but the integration has no access to Experience Platform Tags (Reactor): it lacks a product profile.'
          step.nextStep =
            'Ask an Adobe Admin Console administrator to add the credential’s technical account to a Tags (Experience Platform Launch) product profile, or add the Reactor API with a product profile to the project in Developer Console.'
        }
      } else if (status === 401) {
        step.status = 'fail'
        step.summary = `Reactor rejected the token (401${gatewayCode ? `, gateway ${gatewayCode}: ${GATEWAY_CODES[gatewayCode] ?? gatewayMessage ?? ''}` : ''}).`
        step.nextStep =
          issued.source === 'manual'
            ? 'The pasted token is expired, revoked or for another environment. Paste a fresh one.'
            : 'The token was issued but Reactor does not accept it: check that IMS and Reactor hosts belong to the same environment (production with production, stage with stage).'
      } else if (status === 429) {
        step.status = 'warn'
        step.summary = 'Reactor is rate-limiting this credential (429). The credential itself is probably fine.'
        step.nextStep = 'Wait a minute and test again.'
      } else if (status >= 500 || gatewayCode) {
        step.status = 'fail'
        const known = gatewayCode ? GATEWAY_CODES[gatewayCode] : undefined
        step.summary = gatewayCode
          ? `Adobe's API gateway refused the call (HTTP ${status}, code ${gatewayCode}${known ? `: ${known}` : gatewayMessage ? `: ${gatewayMessage}` : ''}).`
          : `Reactor or Adobe's gateway failed (HTTP ${status}${status === 502 ? ' Bad Gateway' : status === 503 ? ' Service Unavailable' : status === 504 ? ' Gateway Timeout' : ''}).`
        step.nextStep = status >= 500 ? 'This is on Adobe’s side: wait a minute and test again; check status.adobe.com if it persists.' : 'Fix what the gateway names, then test again.'
      } else {
        step.status = 'fail'
        step.summary = `Reactor answered HTTP ${status}${errorTitle ? ` (${errorTitle})` : ''}, which the guide does not expect here.`
        step.nextStep = `Check that ${credential.reactorBaseUrl} is the Reactor API host for this environment.`
      }
    })
  }

  skipRest(['ims-reachable', 'token', 'claims', 'companies'], 'Not run: fix the step above first.')
  const ordered = [steps['ims-reachable'], steps.token, steps.claims, steps.companies].map(mask)
  const failed = ordered.find((step) => step.status === 'fail')
  const warned = ordered.some((step) => step.status === 'warn')
  const outcome: DoctorReport['outcome'] = failed ? 'fails' : warned ? 'works-with-warnings' : 'works'
  const headline = failed
    ? `The credential does not work yet: ${failed.summary}`
    : warned
      ? 'The credential works, with warnings below.'
      : 'The credential works.'
  const tokenInfo: TokenInfo | undefined = token ? options.tokens.info(credential.profileId) : undefined
  const report: DoctorReport = {
    profileId: credential.profileId,
    profileName: credential.profileName,
    environment: options.environment,
    simulated: credential.simulated,
    imsBaseUrl: credential.imsBaseUrl,
    reactorBaseUrl: credential.reactorBaseUrl,
    clientId: credential.clientId,
    orgId: credential.orgId,
    startedAt: new Date(started).toISOString(),
    durationMs: now() - started,
    outcome,
    headline,
    steps: ordered,
    companies,
    ...(tokenInfo ? { token: tokenInfo } : {}),
    text: ''
  }
  const text = reportText(report, credential.scopes, options.environmentLabel)
  report.text = options.registry ? options.registry.redact(text) : text
  return report
}

function formatMinutes(minutes: number): string {
  if (minutes < 1) return 'less than a minute'
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? '' : 's'}`
  return `${Math.round(minutes / 60)} hours`
}

const MARK: Record<DoctorStep['status'], string> = {
  pending: '[ ]',
  running: '[…]',
  pass: '[ok]',
  warn: '[warn]',
  fail: '[FAIL]',
  skip: '[skip]'
}

/** Plain text for a support ticket: hosts, ids and outcomes, never a secret or a token. */
export function reportText(report: DoctorReport, scopes: string[], environmentLabel?: string): string {
  const lines = [
    `Reactor Explorer — Credential Doctor report${report.simulated ? ' (SIMULATED: built-in sandbox, not Adobe)' : ''}`,
    `When:        ${report.startedAt} (${report.durationMs} ms)`,
    `Profile:     ${report.profileName}`,
    `Environment: ${environmentLabel ?? report.environment}`,
    `IMS:         ${report.imsBaseUrl}`,
    `Reactor:     ${report.reactorBaseUrl}`,
    `Client ID:   ${report.clientId}`,
    `Org ID:      ${report.orgId}`,
    `Scopes:      ${scopes.join(',')}`,
    `Client secret and access token: not included`,
    '',
    `Result: ${report.headline}`,
    ''
  ]
  report.steps.forEach((step, index) => {
    lines.push(`${index + 1}. ${MARK[step.status]} ${step.title}${step.durationMs !== undefined ? ` (${step.durationMs} ms)` : ''}`)
    lines.push(`   ${step.summary}`)
    for (const detail of step.details) lines.push(`   - ${detail}`)
    if (step.nextStep) lines.push(`   Next step: ${step.nextStep}`)
  })
  return lines.join('\n')
}
