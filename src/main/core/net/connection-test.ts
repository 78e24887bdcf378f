// Settings → Test connection: one URL tested the way a request reaches it, one layer at a time, so the first
// layer that fails is named: DNS (the name resolves), TCP (something accepts the connection; through the
// proxy, the proxy opens a tunnel), TLS (the handshake, the certificate shown and whether it is trusted,
// checked for its host name separately from its chain), HTTP (a GET through the app's own network layer,
// with the same proxy, login and trust as every request). It never sends a credential: no profile header,
// only the proxy's own login to the proxy.
import { X509Certificate } from 'node:crypto'
import { lookup as dnsLookup } from 'node:dns/promises'
import { connect as tcpConnect, isIP, type Socket } from 'node:net'
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls'
import type { CertificateSummary, ConnectionTestStep, ConnectionTestTarget } from '../../../shared/ipc/settings.contract'
import { addressKind } from './address-kind'
import { DNS_ERROR_CODES, errorCodes } from './error-codes'
import { effectiveProxy, type ConnectionSettings, type NetworkClient } from './network-client'
import { NetworkError, seconds } from './network-errors'
import { distinguishedName, DEFAULT_TLS_TRUST, skipsVerification } from './tls-trust'
import { speaksPlainHttp, tlsProblemOf, tlsProblemSentence } from './tls-words'

export interface ConnectionTestOptions {
  network: NetworkClient
  /** The settings to test with (the store's, certificate files just read again). */
  settings: ConnectionSettings
  env?: NodeJS.ProcessEnv
  /** The budget of each step; default: the settings' connect timeout. */
  stepTimeoutMs?: number
  lookup?: (hostname: string) => Promise<Array<{ address: string; family: number }>>
}

const TITLES: Record<ConnectionTestStep['id'], string> = {
  dns: 'DNS: the name resolves',
  tcp: 'TCP: a connection is accepted',
  tls: 'TLS: the certificate is trusted',
  http: 'HTTP: the server answers'
}

class StepFailure extends Error {
  constructor(
    message: string,
    readonly details: string[] = []
  ) {
    super(message)
  }
}

function step(id: ConnectionTestStep['id']): ConnectionTestStep {
  return { id, title: TITLES[id], status: 'skip', summary: 'Not run.', details: [] }
}

function codeOf(error: unknown): string | undefined {
  return errorCodes(error)[0]
}

/** Resolves after `ms`, rejecting with a sentence: every step has its own budget. */
function withTimeout<T>(work: Promise<T>, ms: number, sentence: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.()
      reject(new StepFailure(sentence))
    }, ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

function openSocket(host: string, port: number, ms: number): Promise<Socket> {
  const socket = tcpConnect({ host, port })
  const opened = new Promise<Socket>((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('error', reject)
  })
  return withTimeout(opened, ms, `No answer from ${host}:${port} within ${seconds(ms)}: the host is unreachable from this network, or a firewall drops the connection.`, () => socket.destroy())
}

/** Asks an http proxy for a tunnel (what undici does for every request through it) and reads its answer. */
async function openTunnel(socket: Socket, target: string, proxyAuthorization: string | undefined, ms: number): Promise<number> {
  const lines = [`CONNECT ${target} HTTP/1.1`, `Host: ${target}`]
  if (proxyAuthorization) lines.push(`Proxy-Authorization: ${proxyAuthorization}`)
  socket.write(`${lines.join('\r\n')}\r\n\r\n`)
  const answer = new Promise<number>((resolve, reject) => {
    let text = ''
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1')
      const end = text.indexOf('\r\n\r\n')
      if (end < 0 && text.length < 16_384) return
      socket.off('data', onData)
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)
      if (!status) return reject(new StepFailure('The proxy answered something that is not HTTP. Is the proxy address right (an http proxy, not a SOCKS one)?'))
      // Whatever followed the header belongs to the tunnel; a CONNECT answer has none.
      resolve(Number(status[1]))
    }
    socket.on('data', onData)
    socket.once('error', reject)
    socket.once('end', () => reject(new StepFailure('The proxy closed the connection without answering the tunnel request.')))
  })
  return withTimeout(answer, ms, `The proxy did not answer the tunnel request within ${seconds(ms)}.`)
}

function summarize(certificate: PeerCertificate): CertificateSummary | undefined {
  if (!certificate?.raw) return undefined
  const x509 = new X509Certificate(certificate.raw)
  const names = (x509.subjectAltName ?? '')
    .split(/,\s*/)
    .map((entry) => entry.replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean)
  return {
    subject: distinguishedName(x509.subject),
    issuer: distinguishedName(x509.issuer),
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    names,
    selfSigned: x509.checkIssued(x509),
    fingerprint256: x509.fingerprint256
  }
}

function day(iso: string): string {
  return iso.slice(0, 10)
}

/** The TLS handshake on an open socket, without rejecting: the certificate is read whatever it is. */
function handshake(socket: Socket, servername: string | undefined, settings: ConnectionSettings, ms: number): Promise<TLSSocket> {
  const tls = settings.tls ?? DEFAULT_TLS_TRUST
  const secure = tlsConnect({
    socket,
    ...(servername ? { servername } : {}),
    ...(tls.secureContext ? { secureContext: tls.secureContext } : {}),
    rejectUnauthorized: false,
    ALPNProtocols: ['http/1.1']
  })
  const done = new Promise<TLSSocket>((resolve, reject) => {
    secure.once('secureConnect', () => resolve(secure))
    secure.once('error', reject)
  })
  return withTimeout(done, ms, `The TLS handshake did not finish within ${seconds(ms)}.`, () => secure.destroy())
}

/** Whether `host:port` completes a TLS handshake (any certificate): an http:// URL aimed at an https port. */
async function answersTls(host: string, port: number, ms: number): Promise<boolean> {
  let socket: Socket | undefined
  try {
    socket = await openSocket(host, port, ms)
    const secure = await handshake(socket, isIP(host) ? undefined : host, {} as ConnectionSettings, ms)
    secure.destroy()
    return true
  } catch {
    socket?.destroy()
    return false
  }
}

export async function testConnection(target: URL, label: string, options: ConnectionTestOptions): Promise<ConnectionTestTarget> {
  const { settings } = options
  const ms = options.stepTimeoutMs ?? settings.connectTimeoutMs
  const https = target.protocol === 'https:'
  const port = Number(target.port) || (https ? 443 : 80)
  const hostname = target.hostname.replace(/^\[|\]$/g, '')
  const local = addressKind(hostname) !== 'public'
  const proxyUrl = effectiveProxy(target, settings, options.env)
  const proxy = proxyUrl ? new URL(proxyUrl) : undefined
  const proxyHost = proxy?.hostname.replace(/^\[|\]$/g, '')
  const proxyPort = proxy ? Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80) : undefined
  const noVerify = skipsVerification(target, (settings.tls ?? DEFAULT_TLS_TRUST).noVerifyHosts)
  const dns = step('dns')
  const tcp = step('tcp')
  const tls = step('tls')
  const http = step('http')
  const result: ConnectionTestTarget = { url: target.href, label, ok: false, steps: [dns, tcp, tls, http], headline: '', ...(proxy ? { proxy: proxy.host } : {}) }
  const lookup = options.lookup ?? ((name: string) => dnsLookup(name, { all: true }))
  let socket: Socket | undefined

  const finish = (): ConnectionTestTarget => {
    socket?.destroy()
    const failed = result.steps.find((item) => item.status === 'fail')
    result.ok = failed === undefined
    for (const item of result.steps) if (item.status === 'skip' && item.summary === 'Not run.') item.summary = failed ? `Not run: ${failed.title.split(':')[0]} failed.` : 'Not needed.'
    const warned = result.steps.find((item) => item.status === 'warn')
    result.headline = failed ? failed.summary : warned ? `${target.host} answers, with a warning: ${warned.summary}` : `${target.host} is reachable: ${http.summary}`
    return result
  }

  // 1. DNS: the proxy's name when a proxy applies (the proxy resolves the target), else the target's.
  const dnsName = proxyHost ?? hostname
  let address = dnsName
  if (isIP(dnsName)) {
    dns.status = 'pass'
    dns.summary = `Not needed: ${dnsName} is an address.`
  } else {
    try {
      const addresses = await withTimeout(lookup(dnsName), ms, `The name ${dnsName} did not resolve within ${seconds(ms)}: the DNS server is slow or unreachable.`)
      address = addresses[0]!.address
      dns.status = 'pass'
      dns.summary = `${dnsName} is ${addresses
        .slice(0, 3)
        .map((item) => item.address)
        .join(', ')}${addresses.length > 3 ? ` and ${addresses.length - 3} more` : ''}.`
    } catch (error) {
      dns.status = 'fail'
      const code = codeOf(error)
      dns.summary =
        error instanceof StepFailure
          ? error.message
          : code && DNS_ERROR_CODES.includes(code)
            ? `The name ${dnsName} does not resolve (${code}). Check its spelling${proxy ? ' (it is the proxy’s, in Settings → Network)' : ''}, and your network or VPN.`
            : `Looking up ${dnsName} failed (${code ?? (error as Error).message}).`
      return finish()
    }
  }
  if (proxy) dns.details.push(`Through the proxy ${proxy.host}: the proxy looks up ${hostname} itself.`)

  // 2. TCP, and through a proxy the tunnel.
  const tcpHost = proxyHost ?? hostname
  const tcpPort = proxyPort ?? port
  try {
    socket = await openSocket(address, tcpPort, ms)
    tcp.status = 'pass'
    tcp.summary = `${tcpHost}:${tcpPort} accepted the connection${address !== tcpHost ? ` (at ${address})` : ''}.`
  } catch (error) {
    tcp.status = 'fail'
    const code = codeOf(error)
    const where = proxy ? `the proxy ${proxy.host}` : `${tcpHost}:${tcpPort}`
    tcp.summary =
      error instanceof StepFailure
        ? error.message
        : code === 'ECONNREFUSED'
          ? local || (proxyHost && addressKind(proxyHost) !== 'public')
            ? `Nothing is listening on ${where} (connection refused). Is the local server running on that port?`
            : `${where} refused the connection (ECONNREFUSED): nothing listens on that port. Check the port${proxy ? ' of the proxy in Settings → Network' : ''}.`
          : `Could not connect to ${where} (${code ?? (error as Error).message}).`
    return finish()
  }
  if (proxy) {
    try {
      const credentials = settings.proxy?.mode === 'manual' ? settings.proxyCredentials : undefined
      const password = credentials?.password()
      const authorization = credentials && password ? `Basic ${Buffer.from(`${credentials.username}:${password}`, 'utf8').toString('base64')}` : undefined
      const status = await openTunnel(socket, `${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`, authorization, ms)
      if (status === 407) {
        tcp.status = 'fail'
        tcp.summary = authorization
          ? `The proxy ${proxy.host} refused the user name or password (HTTP 407). Check them in Settings → Network.`
          : `The proxy ${proxy.host} asks for a user name and password (HTTP 407). Enter them in Settings → Network (the password is kept in the system keychain).`
        return finish()
      }
      if (status !== 200) {
        tcp.status = 'fail'
        tcp.summary = `The proxy ${proxy.host} would not open a tunnel to ${hostname}:${port} (HTTP ${status}). It may block this host; ask whoever runs the proxy.`
        return finish()
      }
      tcp.summary = `The proxy ${proxy.host} opened a tunnel to ${hostname}:${port}${authorization ? ' (with the proxy login)' : ''}.`
    } catch (error) {
      tcp.status = 'fail'
      tcp.summary = error instanceof StepFailure ? error.message : `The proxy ${proxy.host} failed during the tunnel request (${codeOf(error) ?? (error as Error).message}).`
      return finish()
    }
  }

  // 3. TLS: read the certificate whatever it is, then judge host name and chain separately.
  if (!https) {
    tls.summary = 'Not used: this is an http:// URL (nothing is encrypted).'
  } else {
    let secure: TLSSocket
    try {
      secure = await handshake(socket, isIP(hostname) ? undefined : hostname, settings, ms)
      socket = secure
    } catch (error) {
      tls.status = 'fail'
      const code = codeOf(error)
      const message = (error as Error).message
      tls.summary =
        error instanceof StepFailure
          ? error.message
          : speaksPlainHttp(code, message)
            ? tlsProblemSentence('speaks-http', hostname, String(port), { code })
            : code === 'ECONNRESET' || /socket disconnected|socket hang up/i.test(message)
              ? `${hostname}:${port} closed the connection during the TLS handshake: it may not speak https on this port${local ? '' : ', or a firewall cut it'}.`
              : `The TLS handshake with ${hostname}:${port} failed (${code ?? message}).`
      tls.details.push(`${code ?? 'no code'}: ${message}`)
      return finish()
    }
    const certificate = summarize(secure.getPeerCertificate(true))
    if (certificate) {
      result.certificate = certificate
      tls.details.push(
        `Subject: ${certificate.subject}`,
        `Issuer: ${certificate.issuer}${certificate.selfSigned ? ' (self-signed)' : ''}`,
        `Valid ${day(certificate.validFrom)} to ${day(certificate.validTo)}`,
        ...(certificate.names.length ? [`For: ${certificate.names.slice(0, 8).join(', ')}`] : []),
        `SHA-256 fingerprint: ${certificate.fingerprint256}`
      )
    }
    const chainCode = secure.authorized ? undefined : String(secure.authorizationError ?? 'UNKNOWN')
    const hostError = certificate ? checkServerIdentity(hostname, secure.getPeerCertificate()) : undefined
    // The host name first: a certificate for another host is that, even when it is also self-signed.
    const problem = hostError ? 'wrong-host' : chainCode ? tlsProblemOf(chainCode) : undefined
    if (problem) {
      const sentence = tlsProblemSentence(problem, hostname, String(port), {
        code: hostError ? ((hostError as NodeJS.ErrnoException).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID') : chainCode,
        issuer: certificate?.issuer,
        names: certificate?.names,
        validTo: certificate && day(certificate.validTo),
        validFrom: certificate && day(certificate.validFrom)
      })
      if (hostError && chainCode) tls.details.push(`Also: ${chainCode} (${tlsProblemOf(chainCode)}).`)
      if (noVerify) {
        tls.status = 'warn'
        tls.summary = `Not checked: ${hostname} is on the “do not verify” list. Had it been checked: ${sentence}`
      } else {
        tls.status = 'fail'
        tls.summary = sentence
        return finish()
      }
    } else {
      tls.status = noVerify ? 'warn' : 'pass'
      tls.summary = noVerify
        ? `${hostname} is on the “do not verify” list, though its certificate would pass (issued by ${certificate?.issuer ?? 'a trusted authority'}): you can take it off the list.`
        : `Trusted: the certificate is for ${hostname}, issued by ${certificate?.issuer ?? 'a trusted authority'}, valid until ${certificate ? day(certificate.validTo) : 'its expiry'}.`
    }
  }
  socket?.destroy()
  socket = undefined

  // 4. HTTP through the app's own layer: the same pools, proxy login and trust as a person's request.
  try {
    const exchange = await options.network.open(target, { method: 'GET', headers: { accept: '*/*' }, settings, timeoutMs: Math.max(ms, 1_000), connectTimeoutMs: ms })
    await exchange.discard()
    http.status = exchange.status >= 500 ? 'warn' : 'pass'
    http.summary =
      exchange.status >= 500
        ? `${target.host} answered HTTP ${exchange.status}: reachable, but the server (or a gateway in front of it) failed.`
        : `${target.host} answered HTTP ${exchange.status} to GET ${target.pathname}.`
  } catch (error) {
    http.status = 'fail'
    http.summary = error instanceof NetworkError || error instanceof Error ? error.message : String(error)
    if (error instanceof NetworkError) http.details.push(`cause: ${error.kind} (${error.causeCode})`)
    // An http:// URL aimed at an https port: the server drops plain http, but completes a TLS handshake.
    if (!https && !proxy && error instanceof NetworkError && (error.kind === 'reset' || error.kind === 'failed') && (await answersTls(address, port, ms))) {
      http.summary = `${hostname}:${port} speaks https, not http: it dropped the plain http request but answers a TLS handshake. Use https://${target.host}${target.pathname}.`
    }
  }
  return finish()
}
