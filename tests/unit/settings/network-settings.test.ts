import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { effectiveProxy } from '../../../src/main/core/http/executor'
import { EventHub } from '../../../src/main/core/rpc/event-hub'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import {
  createSettingsCapability,
  NetworkSettingsStore,
  proxyEnvironment,
  toHttpSettings
} from '../../../src/main/core/settings/network-settings'
import type { StoreNotice } from '../../../src/main/core/storage/versioned-json-file'
import { DEFAULT_NETWORK_SETTINGS, NetworkSettings } from '../../../src/shared/ipc/settings.contract'

let dir: string
let notices: StoreNotice[]
const open = () => new NetworkSettingsStore({ dataDir: dir, onNotice: (notice) => notices.push(notice), now: () => new Date('2025-03-04T05:06:07.890Z') })

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rx-settings-'))
  notices = []
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('network settings persistence', () => {
  it('starts with the defaults and no file, then persists an update for the next start', async () => {
    const store = open()
    expect(store.network()).toEqual(DEFAULT_NETWORK_SETTINGS)
    expect(store.network()).toEqual({ proxy: { mode: 'system-env' }, defaultTimeoutMs: 30_000, retryIdempotentByDefault: false, maxInlineBodyMB: 50 })
    await expect(stat(store.path)).rejects.toThrow()

    store.update({ proxy: { mode: 'manual', url: ' http://proxy.corp.example:8080 ', noProxy: '.corp.example, intranet:8443' }, defaultTimeoutMs: 2_000 })
    const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))
    expect(onDisk).toEqual({
      schemaVersion: 1,
      network: {
        proxy: { mode: 'manual', url: 'http://proxy.corp.example:8080', noProxy: '.corp.example, intranet:8443' },
        defaultTimeoutMs: 2_000,
        retryIdempotentByDefault: false,
        maxInlineBodyMB: 50
      }
    })
    expect((await stat(store.path)).mode & 0o777).toBe(0o600)
    expect(open().network().proxy.url).toBe('http://proxy.corp.example:8080')
    expect(notices).toEqual([])
  })

  it('keeps other values when one changes, and drops a cleared URL', () => {
    const store = open()
    store.update({ proxy: { mode: 'manual', url: 'http://p.example:3128' }, retryIdempotentByDefault: true })
    store.update({ maxInlineBodyMB: 120 })
    expect(store.network()).toMatchObject({ retryIdempotentByDefault: true, maxInlineBodyMB: 120, proxy: { mode: 'manual' } })
    store.update({ proxy: { mode: 'none', url: '', noProxy: '  ' } })
    expect(store.network().proxy).toEqual({ mode: 'none' })
  })

  it('gives the executor its own units (ms, bytes) and the proxy choice', () => {
    const store = open()
    store.update({ proxy: { mode: 'manual', url: 'http://p.example:3128', noProxy: 'a.example' }, maxInlineBodyMB: 2, retryIdempotentByDefault: true })
    expect(store.httpSettings()).toEqual({
      proxy: { mode: 'manual', url: 'http://p.example:3128', noProxy: 'a.example' },
      timeoutMs: 30_000,
      retryIdempotentByDefault: true,
      maxInlineBodyBytes: 2 * 1024 * 1024
    })
    expect(toHttpSettings({ ...DEFAULT_NETWORK_SETTINGS, proxy: { mode: 'none' } }).proxy).toEqual({ mode: 'none' })
  })
})

describe('network settings validation', () => {
  const invalid = (patch: Parameters<NetworkSettingsStore['update']>[0]) => {
    const store = open()
    try {
      store.update(patch)
    } catch (error) {
      expect(store.network()).toEqual(DEFAULT_NETWORK_SETTINGS) // nothing half-applied
      return error as { code: string; message: string }
    }
    throw new Error('expected a refusal')
  }

  it('refuses credentials in the proxy URL with a clear sentence, without echoing them', () => {
    const error = invalid({ proxy: { mode: 'manual', url: 'http://alice:s3cret@proxy.example:8080' } })
    expect(error.code).toBe('settings-invalid')
    expect(error.message).toMatch(/^Proxy URL: Remove the user name and password from the proxy URL/)
    expect(error.message).not.toContain('s3cret')
    expect(error.message).not.toContain('alice')
  })

  it.each([
    [{ proxy: { mode: 'manual' as const } }, /^Proxy URL: Enter the proxy URL/],
    [{ proxy: { mode: 'manual' as const, url: 'proxy.example:8080' } }, /^Proxy URL: (Not a URL|A proxy URL starts with http)/],
    [{ proxy: { mode: 'manual' as const, url: 'socks5://proxy.example:1080' } }, /SOCKS proxies are not supported/],
    [{ proxy: { mode: 'manual' as const, url: 'http://proxy.example:8080/path' } }, /no path or query/],
    [{ proxy: { mode: 'manual' as const, url: 'http://p.example:1', noProxy: 'ok.example, bad/host, ???' } }, /^Bypass list: Not a host name: "bad\/host", "\?\?\?"/],
    [{ defaultTimeoutMs: 999 }, /^Default timeout: The timeout is at least 1 s\./],
    [{ defaultTimeoutMs: 600_001 }, /^Default timeout: The timeout is at most 10 minutes\./],
    [{ maxInlineBodyMB: 0 }, /^Largest body shown in the app: The size is at least 1 MB\./],
    [{ maxInlineBodyMB: 201 }, /at most 200 MB/],
    [{ maxInlineBodyMB: 1.5 }, /whole number/]
  ])('refuses %j', (patch, message) => {
    expect(invalid(patch).message).toMatch(message)
  })

  it('accepts the ends of each range, and bypass entries in every usual form', () => {
    const store = open()
    store.update({ defaultTimeoutMs: 1_000, maxInlineBodyMB: 1 })
    store.update({ defaultTimeoutMs: 600_000, maxInlineBodyMB: 200 })
    store.update({ proxy: { mode: 'manual', url: 'https://p.example', noProxy: 'localhost .corp.example *.example.org host:8080 [::1] 10.0.0.1' } })
    expect(NetworkSettings.safeParse({ ...DEFAULT_NETWORK_SETTINGS, proxy: { mode: 'manual', url: 'http://p:1', noProxy: '*' } }).success).toBe(true)
  })

  it('does not check the manual URL while another mode is chosen (switching mode never blocks a save)', () => {
    const store = open()
    store.update({ proxy: { mode: 'none', url: 'not a url' } })
    expect(store.network().proxy).toEqual({ mode: 'none', url: 'not a url' })
  })
})

describe('corrupted or foreign settings files', () => {
  async function asideFiles(): Promise<string[]> {
    return (await readdir(dir)).filter((name) => name.startsWith('settings.corrupt-'))
  }

  it('moves a file that is not JSON aside, uses defaults with a notice, and saves normally afterwards', async () => {
    await writeFile(join(dir, 'settings.json'), '{"schemaVersion": 1, "network": {')
    const store = open()
    expect(store.network()).toEqual(DEFAULT_NETWORK_SETTINGS)
    expect(await asideFiles()).toEqual(['settings.corrupt-2025-03-04T05-06-07-890Z.json'])
    expect(await readFile(join(dir, 'settings.corrupt-2025-03-04T05-06-07-890Z.json'), 'utf8')).toBe('{"schemaVersion": 1, "network": {')
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ level: 'warning', message: expect.stringMatching(/^Your settings could not be read because it is not valid JSON.*settings\.corrupt-.*\.json.*default network settings/) })
    expect(store.state().notices).toEqual(notices)
    store.update({ defaultTimeoutMs: 5_000 })
    expect(open().network().defaultTimeoutMs).toBe(5_000)
  })

  it('moves aside a file whose values are out of range, naming the field', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, network: { ...DEFAULT_NETWORK_SETTINGS, defaultTimeoutMs: 5 } }))
    expect(open().network()).toEqual(DEFAULT_NETWORK_SETTINGS)
    expect(notices[0]!.message).toMatch(/does not match the expected format \(network\.defaultTimeoutMs: The timeout is at least 1 s\.\)/)
    expect(await asideFiles()).toHaveLength(1)
  })

  it('moves aside a file written by a newer version rather than guessing at it', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 7, network: {} }))
    expect(open().network()).toEqual(DEFAULT_NETWORK_SETTINGS)
    expect(notices[0]!.message).toMatch(/written by a newer reactor explorer \(schema 7/i)
  })
})

describe('settings capability', () => {
  it('answers settings:get and settings:update, emits settings:changed and reports startup notices as app:notice', async () => {
    await writeFile(join(dir, 'settings.json'), 'not json')
    const events = new EventHub(new SecretRegistry())
    const seen: string[] = []
    events.subscribe((event) => seen.push(event.name))
    const capability = createSettingsCapability({ dataDir: dir, events, env: { HTTPS_PROXY: 'http://bob:pw@proxy.example:3128', NO_PROXY: 'localhost' } })
    const state = await capability.handlers['settings:get'](undefined)
    expect(state.notices).toHaveLength(1)
    expect(state.environment).toEqual({ httpsProxy: 'http://%E2%80%A2%E2%80%A2%E2%80%A2@proxy.example:3128', noProxy: 'localhost' })
    expect(JSON.stringify(state)).not.toContain('pw@')
    const updated = await capability.handlers['settings:update']({ network: { defaultTimeoutMs: 2_000 } })
    expect(updated.network.defaultTimeoutMs).toBe(2_000)
    expect(seen).toEqual(['app:notice', 'settings:changed'])
    expect(capability.store.httpSettings().timeoutMs).toBe(2_000)
  })

  it('masks credentials in environment proxy variables', () => {
    expect(proxyEnvironment({ HTTP_PROXY: 'http://u:p@h:1', https_proxy: 'nonsense' })).toEqual({ httpProxy: 'http://%E2%80%A2%E2%80%A2%E2%80%A2@h:1', httpsProxy: '(not a URL)' })
  })
})

describe('which proxy a URL uses', () => {
  const manual = { proxy: { mode: 'manual' as const, url: 'http://p.example:3128', noProxy: '.corp.example, intranet:8443' } }
  it.each([
    ['https://reactor.adobe.io/companies', manual, 'http://p.example:3128'],
    ['https://build.corp.example/x', manual, undefined],
    ['https://intranet:8443/x', manual, undefined],
    ['https://intranet:9443/x', manual, 'http://p.example:3128'],
    ['http://127.0.0.1:4000/companies', manual, undefined],
    ['http://localhost:4000/', manual, undefined],
    ['https://reactor.adobe.io/', { proxy: { mode: 'none' as const } }, undefined]
  ])('%s', (url, settings, expected) => {
    expect(effectiveProxy(new URL(url), settings, {})).toBe(expected)
  })

  it('system-env follows the variables', () => {
    const env = { HTTPS_PROXY: 'http://env.example:1', NO_PROXY: 'adobe.io' }
    expect(effectiveProxy(new URL('https://ims-na1.adobelogin.com/'), { proxy: { mode: 'system-env' } }, env)).toBe('http://env.example:1')
    expect(effectiveProxy(new URL('https://reactor.adobe.io/'), { proxy: { mode: 'system-env' } }, env)).toBeUndefined()
  })
})
