import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'

// Runs for real under `dbus-run-session` with an unlocked gnome-keyring-daemon, which
// scripts/run-keychain-tests.mjs sets up in a throwaway HOME. Anywhere else it says why it was skipped.
const unavailable = process.env['DBUS_SESSION_BUS_ADDRESS'] ? undefined : 'no D-Bus session bus (run npm run test:keychain)'
if (unavailable) console.warn(`keychain skipped: ${unavailable}`)

describe.skipIf(unavailable !== undefined)('keytar against the real Secret Service', () => {
  it('stores, reads and deletes a secret', async () => {
    const keytar = (await import('keytar')).default
    const service = 'reactor-explorer-test'
    const account = `roundtrip-${randomBytes(4).toString('hex')}`
    const secret = `p8e-${randomBytes(16).toString('hex')}`
    await keytar.setPassword(service, account, secret)
    expect(await keytar.getPassword(service, account)).toBe(secret)
    expect((await keytar.findCredentials(service)).map((c) => c.account)).toContain(account)
    expect(await keytar.deletePassword(service, account)).toBe(true)
    expect(await keytar.getPassword(service, account)).toBeNull()
  })
})
