import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { classifyKeychainMessage } from '../../src/main/core/secrets/keychain-errors'
import { SecretService } from '../../src/main/core/secrets/secret-service'
import { keytarCandidate, KeytarSecretStore } from '../../src/main/core/secrets/keytar-secret-store'

// Layer "keychain": run by scripts/run-keychain-tests.mjs inside dbus-run-session with an unlocked
// gnome-keyring in a throwaway HOME. The locked / absent cases spawn their own children with real keytar
// and feed the real error text to our classifier.
const bus = process.env['DBUS_SESSION_BUS_ADDRESS']
if (!bus) console.warn('keychain: DBUS_SESSION_BUS_ADDRESS is unset (not inside dbus-run-session); real keytar tests skipped. Run npm run test:keychain.')

function has(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0
}
const canSpawnKeyrings = has('dbus-run-session') && has('gnome-keyring-daemon')
if (!canSpawnKeyrings) console.warn('keychain: dbus-run-session or gnome-keyring-daemon missing; locked/absent keyring cases skipped.')

const SET = "require('keytar').setPassword('reactor-explorer-test','k','v').then(()=>console.log('RESULT OK'),e=>console.log('RESULT ERR '+e.message))"

function keytarChild(command: string[], env: NodeJS.ProcessEnv): string {
  const run = spawnSync(command[0]!, command.slice(1), { env, encoding: 'utf8', timeout: 20_000, cwd: process.cwd() })
  const line = (run.stdout ?? '').split('\n').find((l) => l.startsWith('RESULT '))
  if (!line) throw new Error(`no result from child: ${run.stderr}`)
  return line.slice('RESULT '.length)
}

describe.skipIf(!bus)('keytar against a real Secret Service (gnome-keyring, unlocked)', () => {
  it('set / get / delete for real', async () => {
    const store = await KeytarSecretStore.create('Reactor Explorer (test)')
    await store.probe()
    const key = `profile:test-${Date.now()}:client-secret`
    await store.set(key, 'real-keychain-secret-1')
    expect(await store.get(key)).toBe('real-keychain-secret-1')
    expect(await store.delete(key)).toBe(true)
    expect(await store.get(key)).toBeUndefined()
    expect(store.describe()).toMatchObject({ backend: 'keychain', persistent: true })
  })

  it('the SecretService picks the keychain and deleting a profile removes its entries', async () => {
    const service = new SecretService({ candidates: [keytarCandidate('Reactor Explorer (test)')] })
    expect(await service.backendInfo()).toMatchObject({ backend: 'keychain', persistent: true })
    expect(await service.set('profile:p9:client-secret', 'svc-secret-value')).toMatchObject({ stored: true, backend: { backend: 'keychain' } })
    expect((await service.locate('profile:p9:client-secret')).stored).toBe(true)
    await service.deleteProfileSecrets('p9')
    expect((await service.locate('profile:p9:client-secret')).stored).toBe(false)
  })
})

describe.skipIf(!bus)('moving secrets between the real keychain and memory (settings:switchSecretBackend)', () => {
  it('keychain → memory empties the keychain entry; memory → keychain puts it back, read back from a fresh store', async () => {
    const service = new SecretService({ candidates: [keytarCandidate('Reactor Explorer (move test)')] })
    const key = `profile:move-${Date.now()}:client-secret`
    expect(await service.set(key, 'moved-keychain-secret-1')).toMatchObject({ stored: true, backend: { backend: 'keychain' } })
    const toMemory = await service.switchBackend('memory')
    expect(toMemory.moved).toContain(key)
    expect(await service.get(key)).toBe('moved-keychain-secret-1')
    const direct = await KeytarSecretStore.create('Reactor Explorer (move test)')
    expect(await direct.get(key)).toBeUndefined()
    const back = await service.switchBackend('keychain')
    expect(back.moved).toContain(key)
    expect(back.backend).toMatchObject({ backend: 'keychain', persistent: true })
    expect(await direct.get(key)).toBe('moved-keychain-secret-1')
    expect(await direct.delete(key)).toBe(true)
  })
})

describe.skipIf(!canSpawnKeyrings)('keyring failure cases with real keytar in child processes', () => {
  it('absent session bus -> no-session-bus', () => {
    const env = { ...process.env }
    delete env['DBUS_SESSION_BUS_ADDRESS']
    delete env['DISPLAY']
    const result = keytarChild(['node', '-e', SET], env)
    expect(result).toMatch(/^ERR /)
    expect(classifyKeychainMessage(result)).toBe('no-session-bus')
  })

  it('a keyring that exists but was not unlocked -> locked', () => {
    const home = mkdtempSync(join(tmpdir(), 're-locked-'))
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_RUNTIME_DIR: home, XDG_DATA_HOME: join(home, '.local/share') }
    delete env['DBUS_SESSION_BUS_ADDRESS']
    try {
      // First session: create the login keyring with a password (unlocked), store one item.
      const created = keytarChild(['dbus-run-session', '--', 'sh', '-c', `eval "$(printf %s pw | gnome-keyring-daemon --unlock --components=secrets)"; node -e "${SET.replace(/"/g, '\\"')}"`], env)
      expect(created).toBe('OK')
      // Second session: same keyring, nobody unlocks it (no prompter on a headless machine).
      const locked = keytarChild(['dbus-run-session', '--', 'node', '-e', SET], env)
      expect(locked).toMatch(/locked collection/)
      expect(classifyKeychainMessage(locked)).toBe('locked')
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })

  it('a bus with no keyring created yet -> no-keyring', () => {
    const home = mkdtempSync(join(tmpdir(), 're-nokeyring-'))
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_RUNTIME_DIR: home, XDG_DATA_HOME: join(home, '.local/share') }
    delete env['DBUS_SESSION_BUS_ADDRESS']
    try {
      const result = keytarChild(['dbus-run-session', '--', 'node', '-e', SET], env)
      expect(result).toMatch(/Object does not exist at path/)
      expect(classifyKeychainMessage(result)).toBe('no-keyring')
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })
})
