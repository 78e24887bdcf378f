import { describe, expect, it } from 'vitest'
import { createDispatcher, type Handlers } from '../../../src/main/core/rpc/dispatcher'
import { EventHub } from '../../../src/main/core/rpc/event-hub'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'

// The guard that stands between main and everything outside it. Each case below passed the old guard
// (a substring test on JSON.stringify of the answer, raw forms only, secrets of 8+ characters).
const ADOBE_SECRET = 'p8e-Ab+Cd/Ef=Gh"Ij\\KlMnOpQrStUvWx 012'

function registry(...values: string[]) {
  const secrets = new SecretRegistry()
  for (const value of values) secrets.add(value)
  return secrets
}

describe('SecretRegistry finds a secret in every form it can leave in', () => {
  const secrets = registry(ADOBE_SECRET)
  const forms: Record<string, string> = {
    raw: ADOBE_SECRET,
    'JSON-escaped': JSON.stringify(ADOBE_SECRET).slice(1, -1),
    'URL-encoded (%20)': encodeURIComponent(ADOBE_SECRET),
    'form-encoded (+)': new URLSearchParams({ client_secret: ADOBE_SECRET }).toString(),
    base64: Buffer.from(ADOBE_SECRET).toString('base64'),
    base64url: Buffer.from(ADOBE_SECRET).toString('base64url'),
    'base64 inside Basic auth (unaligned)': `Basic ${Buffer.from(`client-id:${ADOBE_SECRET}`).toString('base64')}`,
    'base64url at offset 2': Buffer.from(`xy${ADOBE_SECRET}`).toString('base64url'),
    'inside a JSON document': JSON.stringify({ echoed: { deep: [`body ${ADOBE_SECRET} end`] } })
  }
  for (const [name, text] of Object.entries(forms)) {
    it(name, () => {
      expect(secrets.containsSecret(`before ${text} after`)).toBe(true)
      const masked = secrets.redact(`before ${text} after`)
      expect(secrets.containsSecret(masked)).toBe(false)
      expect(masked).toContain('••••••')
    })
  }

  it('walks values: an answer whose string holds a quote-and-backslash secret is caught (JSON text would escape it)', () => {
    expect(secrets.containsSecretIn({ a: [{ b: `x${ADOBE_SECRET}y` }] })).toBe(true)
    expect(secrets.containsSecretIn({ [ADOBE_SECRET]: 1 })).toBe(true)
    let deep: unknown = ADOBE_SECRET
    for (let i = 0; i < 200; i++) deep = { next: deep }
    expect(secrets.containsSecretIn(deep)).toBe(true)
    expect(secrets.containsSecretIn({ fine: 'nothing here', n: 3, ok: true, none: null })).toBe(false)
  })

  it('tracks short secrets as whole tokens without flagging innocent text', () => {
    const short = registry('s3cr')
    expect(short.containsSecret('token=s3cr&x=1')).toBe(true)
    expect(short.containsSecret('"s3cr"')).toBe(true)
    expect(short.containsSecret('words like s3cret or as3cr are not it')).toBe(false)
    expect(short.redact('a s3cr b s3cret')).toBe('a •••••• b s3cret')
  })

  it('redactDeep masks in keys and values and counts changed strings', () => {
    let changed = 0
    const out = secrets.redactDeep({ [`k-${ADOBE_SECRET}`]: [encodeURIComponent(ADOBE_SECRET), 'clean'] }, () => changed++)
    expect(JSON.stringify(out)).not.toContain('p8e-')
    expect(changed).toBe(2)
  })
})

describe('the dispatcher and the event hub block what the registry finds', () => {
  it('an answer echoing the secret URL-encoded or base64 is blocked; events carrying it are dropped', async () => {
    const secrets = registry(ADOBE_SECRET)
    const handlers = {
      'app:info': () => ({ name: 'x', version: encodeURIComponent(ADOBE_SECRET), platform: 'linux', transport: 'loopback' as const })
    } as unknown as Handlers
    const logs: string[] = []
    const dispatcher = createDispatcher({ handlers, secrets, log: (line) => logs.push(line) })
    expect(await dispatcher.dispatch('app:info', undefined)).toMatchObject({ ok: false, error: { code: 'secret-leak-blocked' } })
    const hub = new EventHub(secrets)
    const seen: unknown[] = []
    hub.subscribe((event) => seen.push(event))
    hub.emit('app:notice', { level: 'info', message: Buffer.from(`u:${ADOBE_SECRET}`).toString('base64') })
    hub.emit('app:notice', { level: 'info', message: 'harmless' })
    expect(seen).toHaveLength(1)
    expect(logs.join('\n')).not.toContain(ADOBE_SECRET)
  })
})
