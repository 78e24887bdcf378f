import { describe, expect, it } from 'vitest'
import { displayValue, registryRedact } from '../../../src/main/core/runner/response-values'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'

// A shown value (an assertion's actual value, a capture) is masked before it is cut to 500 characters, on
// only as much past the cut as the registry's longest secret form: a secret that starts inside what is kept
// is still whole when it is masked, however long it is.
describe('shown values', () => {
  const token = `eyJ${'a'.repeat(1400)}.${'b'.repeat(300)}.${'c'.repeat(200)}`
  const longSecret = `p8e-${'Q'.repeat(12_000)}`

  function registry(...secrets: string[]): SecretRegistry {
    const secretsRegistry = new SecretRegistry()
    for (const secret of secrets) secretsRegistry.add(secret)
    return secretsRegistry
  }

  it('reaches as far as the longest form the registry masks', () => {
    const secrets = registry('short-secret-value', token)
    expect(registryRedact(secrets).reach).toBe(secrets.maskForms()[0]!.form.length)
    expect(registryRedact(secrets).reach).toBeGreaterThanOrEqual(token.length)
    expect(registryRedact(new SecretRegistry()).reach).toBe(0)
  })

  it('follows secrets added after it was made (a token minted mid-run)', () => {
    const secrets = new SecretRegistry()
    const redact = registryRedact(secrets)
    secrets.add(longSecret)
    const value = { data: [`${'x'.repeat(490)}${longSecret}`, 'tail'] }
    const shown = displayValue(value, 500, redact)!
    expect(shown).not.toContain('QQQQQQQQ')
    expect(shown).toMatch(/… \(\d+ characters\)$/)
  })

  it('masks a secret that straddles the cut, longer than the old 8 KB margin', () => {
    const secrets = registry(longSecret)
    const text = `${'y'.repeat(495)}${longSecret}${'z'.repeat(20_000)}`
    const shown = displayValue(text, 500, registryRedact(secrets))!
    expect(shown.startsWith('y'.repeat(495))).toBe(true)
    expect(shown).not.toContain('p8e-Q')
    expect(shown).not.toContain('QQQQQQQQ')
    expect(shown).toContain(`(${text.length} characters)`)
  })

  it('shows the same text as masking the whole value would', () => {
    const secrets = registry(token, 'another-secret-1234')
    const text = JSON.stringify({ a: 'x'.repeat(300), token, b: 'another-secret-1234', rest: 'r'.repeat(30_000) })
    const whole = secrets.redact(text)
    const shown = displayValue(text, 500, registryRedact(secrets))!
    expect(shown.slice(0, 500)).toBe(whole.slice(0, 500))
  })
})
