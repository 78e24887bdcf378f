import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { ImsError, requestAccessToken } from '../../../src/main/core/auth/ims-client'
import { ProfileCredentialProvider } from '../../../src/main/core/auth/profile-credential-provider'
import { decodeTokenClaims, tokenExpiry } from '../../../src/main/core/auth/token-claims'
import { TokenError, TokenManager } from '../../../src/main/core/auth/token-manager'
import { startSandbox, type RunningSandbox } from '../../../src/sandbox'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { closedPort, FixedSource, sleep } from './helpers'

let sandbox: RunningSandbox | undefined
let manager: TokenManager | undefined
afterEach(async () => {
  manager?.dispose()
  await sandbox?.close()
  sandbox = undefined
})

async function setup(tokenLifetimeSeconds?: number, options: { proactive?: boolean } = {}) {
  sandbox = await startSandbox(tokenLifetimeSeconds ? { tokenLifetimeSeconds } : {})
  const source = new FixedSource()
  source.add('p', { imsUrl: sandbox.imsUrl, reactorUrl: sandbox.reactorUrl }, sandbox.credentials.working)
  const registry = new SecretRegistry()
  manager = new TokenManager({ source, registry, proactive: options.proactive })
  const provider = new ProfileCredentialProvider(source, manager)
  const running = sandbox
  const getCompanies = async (retryOn401 = true): Promise<number> => {
    const url = new URL('/companies', running.reactorUrl)
    const headers = (await provider.authHeadersFor('p', url))!
    const first = await request(url, { headers: { ...headers, accept: 'application/vnd.api+json;revision=1' } })
    await first.body.dump()
    if (first.statusCode !== 401 || !retryOn401) return first.statusCode
    await provider.refreshAfterUnauthorized('p', headers.Authorization)
    const again = await request(url, { headers: { ...(await provider.authHeadersFor('p', url))!, accept: 'application/vnd.api+json;revision=1' } })
    await again.body.dump()
    return again.statusCode
  }
  return { sandbox: running, source, registry, manager, provider, getCompanies }
}

describe('tokens against the sandbox IMS', () => {
  it('reuses a token while enough life remains; registers it as a secret', async () => {
    const { sandbox, manager, registry } = await setup()
    const a = await manager.getToken('p')
    const b = await manager.getToken('p')
    expect(b.accessToken).toBe(a.accessToken)
    expect(sandbox.stats().imsTokenRequests).toBe(1)
    expect(registry.containsSecret(a.accessToken)).toBe(true)
    expect(registry.containsSecret(sandbox.credentials.working.clientSecret)).toBe(true)
    // 24 h token: expiry from the token's own created_at + expires_in claims.
    expect(a.expiresAt! - a.obtainedAt).toBeGreaterThan(86_000_000)
    expect(manager.info('p')).toMatchObject({ state: 'valid', source: 'ims', clientId: sandbox.credentials.working.clientId })
    expect(JSON.stringify(manager.info('p'))).not.toContain(a.accessToken)
  })

  it('refreshes ahead of expiry with a seconds-long token, never handing out an expired one', async () => {
    const { sandbox, manager } = await setup(4)
    const first = await manager.getToken('p')
    await sleep(3300) // inside the last quarter of its life, not yet expired
    const second = await manager.getToken('p')
    expect(second.fingerprint).not.toBe(first.fingerprint)
    expect(first.expiresAt!).toBeGreaterThan(Date.now() - 1000)
    expect(sandbox.stats().imsTokenRequests).toBe(2)
  })

  it('proactively renews a token that was used, without a request waiting', async () => {
    const { sandbox, manager } = await setup(3, { proactive: true })
    await manager.getToken('p')
    await sleep(20)
    await manager.getToken('p') // used since obtained
    await sleep(2600)
    expect(sandbox.stats().imsTokenRequests).toBe(2)
  })

  it('100 concurrent requests on an expired token cause exactly one IMS call', async () => {
    const { sandbox, manager, getCompanies } = await setup(1)
    await manager.getToken('p')
    await sleep(1100) // now expired
    const before = sandbox.stats().imsTokenRequests
    const statuses = await Promise.all(Array.from({ length: 100 }, () => getCompanies(false)))
    expect(statuses.every((s) => s === 200)).toBe(true)
    expect(sandbox.stats().imsTokenRequests - before).toBe(1)
  })

  it('401 from Reactor -> one refresh -> one retry succeeds', async () => {
    const { sandbox, getCompanies, manager } = await setup()
    await manager.getToken('p')
    sandbox.faults.add({ match: { path: '/companies' }, kind: 'status', status: 401, times: 1 })
    const before = sandbox.stats().imsTokenRequests
    expect(await getCompanies()).toBe(200)
    expect(sandbox.stats().imsTokenRequests - before).toBe(1)
  })

  it('20 concurrent 401s on the same old token share one refresh', async () => {
    const { sandbox, provider, manager } = await setup()
    await manager.getToken('p')
    sandbox.faults.add({ match: { path: '/companies' }, kind: 'status', status: 401, times: 20 })
    const url = new URL('/companies', sandbox.reactorUrl)
    const before = sandbox.stats().imsTokenRequests
    const rejected = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const headers = (await provider.authHeadersFor('p', url))!
        const response = await request(url, { headers: { ...headers, accept: 'application/vnd.api+json;revision=1' } })
        await response.body.dump()
        return { status: response.statusCode, authorization: headers.Authorization }
      })
    )
    expect(rejected.every((r) => r.status === 401)).toBe(true)
    // Each waiter reports which header was refused; only the first causes an IMS call.
    const refreshed = await Promise.all(rejected.map((r) => provider.refreshAfterUnauthorized('p', r.authorization)))
    expect(refreshed.every(Boolean)).toBe(true)
    const retried = await Promise.all(
      rejected.map(async () => {
        const response = await request(url, { headers: { ...(await provider.authHeadersFor('p', url))!, accept: 'application/vnd.api+json;revision=1' } })
        await response.body.dump()
        return response.statusCode
      })
    )
    expect(retried.every((s) => s === 200)).toBe(true)
    expect(sandbox.stats().imsTokenRequests - before).toBe(1)
  })

  it('auth headers go only to the profile’s own Reactor origin', async () => {
    const { provider, sandbox } = await setup()
    const own = await provider.authHeadersFor('p', new URL('/companies', sandbox.reactorUrl))
    expect(Object.keys(own!)).toEqual(['Authorization', 'x-api-key', 'x-gw-ims-org-id'])
    expect(await provider.authHeadersFor('p', new URL('https://evil.example/companies'))).toBeUndefined()
    const otherPort = new URL(sandbox.reactorUrl)
    otherPort.port = String(Number(otherPort.port) + 1)
    expect(await provider.authHeadersFor('p', otherPort)).toBeUndefined()
    expect(await provider.authHeadersFor('p', new URL(sandbox.reactorUrl.replace('http:', 'https:')))).toBeUndefined()
    expect(sandbox.stats().imsTokenRequests).toBe(1)
  })

  it('an IMS failure is shared by every waiter and not cached', async () => {
    const { sandbox, source, manager } = await setup()
    source.add('bad', { imsUrl: sandbox.imsUrl, reactorUrl: sandbox.reactorUrl }, sandbox.credentials.wrongSecret)
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => manager.getToken('bad')))
    expect(results.every((r) => r.status === 'rejected' && (r.reason as ImsError).kind === 'invalid_client')).toBe(true)
    expect(sandbox.stats().imsTokenRequests).toBe(1)
    await expect(manager.getToken('bad')).rejects.toBeInstanceOf(ImsError)
    expect(sandbox.stats().imsTokenRequests).toBe(2)
  })

  it('manual token mode: decoded expiry, and no IMS call', async () => {
    const { sandbox, source, manager } = await setup()
    const pasted = (await requestAccessToken({ imsBaseUrl: sandbox.imsUrl, ...sandbox.credentials.working })).accessToken
    source.add('m', { imsUrl: sandbox.imsUrl, reactorUrl: sandbox.reactorUrl }, { ...sandbox.credentials.working, authKind: 'manual-token', manualToken: pasted })
    const before = sandbox.stats().imsTokenRequests
    const token = await manager.getToken('m')
    expect(token.source).toBe('manual')
    expect(token.expiresAt).toBe(decodeTokenClaims(pasted)!.expiresAt)
    expect(await manager.refreshAfterUnauthorized('m')).toBe(false)
    expect(sandbox.stats().imsTokenRequests).toBe(before)
    source.add('none', { imsUrl: sandbox.imsUrl, reactorUrl: sandbox.reactorUrl }, { authKind: 'manual-token' })
    await expect(manager.getToken('none')).rejects.toMatchObject({ code: 'no-token' })
    await expect(manager.getToken('none')).rejects.toBeInstanceOf(TokenError)
  })
})

describe('IMS client error classification', () => {
  it('invalid_client, invalid_scope (which), invalid_request', async () => {
    sandbox = await startSandbox()
    const base = { imsBaseUrl: sandbox.imsUrl, ...sandbox.credentials.working }
    await expect(requestAccessToken({ ...base, clientSecret: 'nope-nope' })).rejects.toMatchObject({ kind: 'invalid_client', details: { status: 401 } })
    await expect(requestAccessToken({ ...base, scopes: ['openid', 'made_up', 'also_bad'] })).rejects.toMatchObject({
      kind: 'invalid_scope',
      details: { scopes: ['made_up', 'also_bad'] }
    })
    await expect(requestAccessToken({ ...base, clientSecret: '' })).rejects.toMatchObject({ kind: 'invalid_request' })
  })

  it('network and DNS failures', async () => {
    const port = await closedPort()
    await expect(requestAccessToken({ imsBaseUrl: `http://127.0.0.1:${port}`, clientId: 'a', clientSecret: 'b', scopes: [] })).rejects.toMatchObject({
      kind: 'network',
      details: { network: { code: 'ECONNREFUSED' } }
    })
    await expect(requestAccessToken({ imsBaseUrl: 'http://nowhere.invalid', clientId: 'a', clientSecret: 'b', scopes: [] })).rejects.toMatchObject({ kind: 'dns' })
  })

  it('expiry falls back to the response expires_in (seconds) when the token has no claims', () => {
    expect(tokenExpiry(decodeTokenClaims('opaque-token'), 86399, 1000)).toBe(1000 + 86_399_000)
    const claims = decodeTokenClaims(`h.${Buffer.from(JSON.stringify({ created_at: '5000', expires_in: '10000' })).toString('base64url')}.s`)
    expect(tokenExpiry(claims, 1, 0)).toBe(15_000)
  })
})
