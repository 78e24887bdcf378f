// What the one HTTP layer trusts: Node's bundled roots, plus a PEM file the person chose (a TLS-inspecting
// corporate proxy's root), plus, when asked, the operating system's bundle where Node can read it, and the
// exact hosts whose certificates are not checked at all. Read in main, from files only, and turned into one
// secure context that every connection shares.
//
// Why one secure context: giving `ca` to tls.connect replaces Node's bundled roots (so they are added back
// from tls.rootCertificates) and makes Node parse every certificate again for each connection: a context of
// the 144 bundled roots took 20 ms to build here, with Debian's 144-certificate system bundle added 50 ms
// (Node 20, 2 loaded cores, mean of 20). Built once per version of the settings, connections share it.
import { X509Certificate } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls'
import type { TlsSettings, TlsStatus } from '../../../shared/ipc/settings.contract'
import { AppError } from '../../../shared/errors'

/** Where Linux distributions (and macOS's OpenSSL) keep the system bundle, first found wins. */
export const SYSTEM_CA_BUNDLES: readonly string[] = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Arch, Alpine
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL
  '/etc/ssl/ca-bundle.pem', // openSUSE
  '/etc/ssl/cert.pem' // macOS (the OpenSSL copy, not the Keychain), some BSDs
]

/** A certificate bundle is kilobytes; a system one about 200 KB. A larger file is not a bundle. */
const MAX_BUNDLE_BYTES = 5 * 1024 * 1024

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/** The trust in effect for one version of the settings. */
export interface TlsTrust {
  /** Shared by every verified connection; absent = Node's defaults (no extra certificates). */
  secureContext?: SecureContext
  /** Exact host names (or host:port), lower-case, whose certificates are not checked. */
  noVerifyHosts: readonly string[]
  /** Identifies this trust for the connection pools (a change retires them). */
  key: string
  status: TlsStatus
}

export const DEFAULT_TLS_TRUST: TlsTrust = Object.freeze({ noVerifyHosts: [], key: 'default', status: { problems: [] } })

export class TlsSettingError extends AppError {
  constructor(message: string) {
    super('settings-invalid', message)
    this.name = 'TlsSettingError'
  }
}

export interface CertificateBundle {
  path: string
  pems: string[]
  subjects: string[]
  /** The earliest expiry among the certificates (ISO). */
  expiresAt?: string
}

function readText(path: string, what: string): string {
  let size: number
  try {
    const stats = statSync(path)
    if (stats.isDirectory()) throw new TlsSettingError(`${path} is a folder. Choose the certificate file itself (a .pem or .crt file).`)
    size = stats.size
  } catch (error) {
    if (error instanceof TlsSettingError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new TlsSettingError(`The ${what} ${path} does not exist. Was it moved? Choose the file again in Settings → Certificates.`)
    if (code === 'EACCES' || code === 'EPERM') throw new TlsSettingError(`The ${what} ${path} cannot be read: this user has no permission to open it.`)
    throw new TlsSettingError(`The ${what} ${path} cannot be read (${code ?? (error as Error).message}).`)
  }
  if (size > MAX_BUNDLE_BYTES) throw new TlsSettingError(`The ${what} ${path} is ${Math.round(size / 1024 / 1024)} MB, too large to be a certificate bundle (5 MB at most).`)
  try {
    return readFileSync(path, 'latin1')
  } catch (error) {
    throw new TlsSettingError(`The ${what} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`)
  }
}

/** The certificate's own name, readable: "CN=Corp Root CA, O=Example". */
export function distinguishedName(text: string): string {
  return text
    .split('\n')
    .filter(Boolean)
    .reverse()
    .join(', ')
}

/**
 * Reads and checks a PEM file of CA certificates. Every way it can be unusable is a sentence naming the file:
 * missing, a folder, unreadable, no certificate in it (a key, a DER file, something else), a damaged
 * certificate, or one outside its validity.
 */
export function readCertificateFile(path: string, now: Date = new Date(), options: { what?: string; allowExpired?: boolean } = {}): CertificateBundle {
  const what = options.what ?? 'certificate file'
  if (!isAbsolute(path)) throw new TlsSettingError(`Give the full path of the certificate file (e.g. /home/me/corp-root.pem), not "${path.slice(0, 200)}".`)
  const text = readText(path, what)
  const blocks = text.match(PEM_CERTIFICATE) ?? []
  if (blocks.length === 0) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
      throw new TlsSettingError(`${path} holds a private key, not a certificate. Choose the CA certificate (-----BEGIN CERTIFICATE-----); a key is never needed here.`)
    }
    // DER starts with a SEQUENCE tag (0x30) and a long length (0x82): a binary certificate, common on Windows (.cer).
    if (text.charCodeAt(0) === 0x30 && text.charCodeAt(1) === 0x82) {
      throw new TlsSettingError(
        `${path} is a binary (DER) certificate. Export it as "Base-64 encoded X.509" (PEM), or convert it: openssl x509 -inform der -in ${path} -out corp-root.pem`
      )
    }
    throw new TlsSettingError(`${path} contains no certificate: a PEM file has blocks that start with -----BEGIN CERTIFICATE-----.`)
  }
  const subjects: string[] = []
  let earliest: Date | undefined
  blocks.forEach((pem, index) => {
    let certificate: X509Certificate
    try {
      certificate = new X509Certificate(pem)
    } catch (error) {
      const which = blocks.length === 1 ? 'The certificate' : `Certificate ${index + 1} of ${blocks.length}`
      throw new TlsSettingError(`${which} in ${path} is damaged and cannot be read (${(error as Error).message}). Export it again.`)
    }
    const subject = distinguishedName(certificate.subject)
    const validTo = new Date(certificate.validTo)
    const validFrom = new Date(certificate.validFrom)
    if (!options.allowExpired) {
      if (validTo.getTime() < now.getTime()) {
        throw new TlsSettingError(`The certificate "${subject}" in ${path} expired on ${validTo.toISOString().slice(0, 10)}. Ask IT for the current one.`)
      }
      if (validFrom.getTime() > now.getTime()) {
        throw new TlsSettingError(
          `The certificate "${subject}" in ${path} is valid only from ${validFrom.toISOString().slice(0, 10)}. Check the system clock, or ask IT for the current certificate.`
        )
      }
    }
    subjects.push(subject)
    if (!earliest || validTo < earliest) earliest = validTo
  })
  return { path, pems: blocks, subjects, ...(earliest ? { expiresAt: earliest.toISOString() } : {}) }
}

/** The operating system's bundle, where Node can read one (Linux; macOS's OpenSSL copy); else a sentence why not. */
export function readSystemCertificates(candidates: readonly string[] = SYSTEM_CA_BUNDLES, platform: NodeJS.Platform = process.platform): CertificateBundle {
  for (const path of candidates) {
    let exists = false
    try {
      exists = statSync(path).isFile()
    } catch {
      exists = false
    }
    // A system bundle keeps expired roots around for a while; OpenSSL skips them itself.
    if (exists) return readCertificateFile(path, new Date(), { what: 'system certificate bundle', allowExpired: true })
  }
  if (platform === 'win32') {
    throw new TlsSettingError(
      'Node (which sends this app’s requests) cannot read the Windows certificate store. Export your company’s root certificate as Base-64 X.509 (.cer/.pem) and choose it as the certificate file.'
    )
  }
  throw new TlsSettingError(`No system certificate bundle was found (looked for ${candidates.join(', ')}). Choose your company’s root certificate as a PEM file instead.`)
}

/** Whether `url` is on the "do not verify" list: exact host, or host:port (names as the URL writes them). */
export function skipsVerification(url: URL, noVerifyHosts: readonly string[]): boolean {
  if (url.protocol !== 'https:' || noVerifyHosts.length === 0) return false
  const host = url.hostname.toLowerCase()
  const port = url.port || '443'
  return noVerifyHosts.some((entry) => entry === host || entry === `${host}:${port}`)
}

/**
 * Builds the trust for these settings. Never throws: a source that cannot be used now (its file was moved,
 * its certificate expired since it was chosen) is named in `status.problems`, and the rest still applies.
 */
export function loadTlsTrust(settings: TlsSettings | undefined, now: Date = new Date(), systemBundles: readonly string[] = SYSTEM_CA_BUNDLES): TlsTrust {
  const noVerifyHosts = [...new Set(settings?.noVerifyHosts ?? [])]
  const status: TlsStatus = { problems: [] }
  const extra: string[] = []
  if (settings?.caFile) {
    try {
      const bundle = readCertificateFile(settings.caFile, now)
      extra.push(...bundle.pems)
      status.caFile = { path: bundle.path, certificates: bundle.pems.length, subjects: bundle.subjects.slice(0, 5), ...(bundle.expiresAt ? { expiresAt: bundle.expiresAt } : {}) }
    } catch (error) {
      status.problems.push((error as Error).message)
    }
  }
  if (settings?.useSystemCa) {
    try {
      const bundle = readSystemCertificates(systemBundles)
      extra.push(...bundle.pems)
      status.systemCa = { path: bundle.path, certificates: bundle.pems.length }
    } catch (error) {
      status.problems.push((error as Error).message)
    }
  }
  const key = `${extra.length}:${settings?.caFile ?? ''}:${status.systemCa?.path ?? ''}:${noVerifyHosts.join(',')}:${now.getTime()}`
  if (extra.length === 0) return { noVerifyHosts, key, status }
  return { secureContext: createSecureContext({ ca: [...rootCertificates, ...extra] }), noVerifyHosts, key, status }
}
