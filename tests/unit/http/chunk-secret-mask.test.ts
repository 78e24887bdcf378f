// The byte masker of streamed bodies: whatever the chunking, what it lets out equals the registry's own
// redaction of the whole body, and a body without secrets passes through unchanged.
import { describe, expect, it } from 'vitest'
import { ChunkSecretMask } from '../../../src/main/core/http/chunk-secret-mask'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'

function masked(registry: SecretRegistry, parts: readonly Buffer[]): Buffer {
  const mask = new ChunkSecretMask(registry)
  const out: Buffer[] = []
  for (const part of parts) {
    const safe = mask.push(part)
    if (safe) out.push(safe)
  }
  const rest = mask.flush()
  if (rest) out.push(rest)
  return Buffer.concat(out)
}

/** A deterministic pseudo-random cut of `bytes` into pieces of 1..maxPiece bytes. */
function randomCuts(bytes: Buffer, seed: number, maxPiece: number): Buffer[] {
  let state = seed
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648)
  const parts: Buffer[] = []
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + (next() % maxPiece)
    parts.push(bytes.subarray(at, at + size))
    at += size
  }
  return parts
}

describe('ChunkSecretMask', () => {
  it('equals SecretRegistry.redact of the whole body for any chunking, every form of the secret included', () => {
    const registry = new SecretRegistry()
    const secret = 'Sup3r-Secret/Value+with=odd&chars'
    const token = 'eyJhbGciOiJSUzI1NiJ9.' + 'a'.repeat(300)
    registry.add(secret, 'client secret')
    registry.add(token, 'access token')
    const text = [
      `{"raw":"${secret}"}`,
      `url=${encodeURIComponent(secret)}&x=1`,
      `basic ${Buffer.from(`user:${secret}`).toString('base64')}`,
      `{"json":${JSON.stringify(JSON.stringify({ s: secret }))}}`,
      `Bearer ${token} trailing ünïcödé 🚀`,
      'nothing secret here'
    ].join('\n')
    const expected = Buffer.from(registry.redact(text))
    expect(expected.toString()).not.toContain(secret)
    for (const [seed, maxPiece] of [[1, 3], [2, 17], [3, 64], [4, 500], [5, 5000]] as const) {
      expect({ seed, out: masked(registry, randomCuts(Buffer.from(text), seed, maxPiece)).toString() }).toEqual({ seed, out: expected.toString() })
    }
  })

  it('passes a body without secrets through byte for byte (binary included)', () => {
    const registry = new SecretRegistry()
    registry.add('a-known-secret-value', 'client secret')
    const binary = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256))
    const parts = randomCuts(binary, 9, 700)
    const out = masked(registry, parts)
    expect(out.equals(binary)).toBe(true)
    // No secrets known at all: each chunk goes out whole at once, after the caller's headroom.
    const bare = new ChunkSecretMask(new SecretRegistry())
    const framed = bare.push(parts[0]!, 5)!
    expect(framed.length).toBe(parts[0]!.length + 5)
    expect(framed.subarray(5).equals(parts[0]!)).toBe(true)
  })

  it('holds back only the longest form plus one byte, so the first bytes are not held up', () => {
    const registry = new SecretRegistry()
    registry.add('twelve-chars', 'client secret')
    const mask = new ChunkSecretMask(registry)
    const first = mask.push(Buffer.from('x'.repeat(1000)))
    const longest = registry.maskForms()[0]!.form.length
    expect(first?.length).toBe(1000 - longest - 1)
  })

  it('a short secret is masked as a whole word only, as the registry does', () => {
    const registry = new SecretRegistry()
    registry.add('abc', 'pin')
    const out = masked(registry, randomCuts(Buffer.from('abc xabcx "abc" abcd'), 7, 2)).toString()
    expect(out).toBe(registry.redact('abc xabcx "abc" abcd'))
  })
})
