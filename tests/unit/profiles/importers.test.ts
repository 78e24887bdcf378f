import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ImportError, JWT_EXPLANATION, parseCredentialFile } from '../../../src/main/core/profiles/importers/credential-import'
import { createCredentials, type Credentials } from '../../../src/main/core/profiles/credentials-core'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { MemorySecretStore } from '../../../src/main/core/secrets/memory-secret-store'

// Real Adobe bodies, copied from the team's shared reference data (shared/reactor/ims).
const IMS_DIR = join(__dirname, '../../fixtures/ims')
const real = (name: string) => readFileSync(join(IMS_DIR, name), 'utf8')
const ORG = '1234567890ABCDEF12345678@AdobeOrg'

const postmanS2S = JSON.stringify({
  id: 'c0ffee',
  name: 'My Project - OAuth Server-to-Server',
  values: [
    { key: 'API_KEY', value: 'abc123client', type: 'text', enabled: true },
    { key: 'CLIENT_SECRET', value: 'p8e-postman-secret-value', type: 'text', enabled: true },
    { key: 'IMS_ORG', value: ORG, type: 'text', enabled: true },
    { key: 'IMS', value: 'ims-na1.adobelogin.com', type: 'text', enabled: true },
    { key: 'TECHNICAL_ACCOUNT_ID', value: 'ABC@techacct.adobe.com', type: 'text', enabled: true },
    { key: 'SCOPES', value: ['AdobeID', 'openid', 'read_organizations', 'additional_info.projectedProductContext'], type: 'text', enabled: true },
    { key: 'ACCESS_TOKEN', value: 'stale-token-in-file', type: 'text', enabled: true }
  ],
  _postman_variable_scope: 'environment'
})

describe('credential file recognition (real Adobe samples + Developer Console shapes)', () => {
  it('Developer Console project JSON (the real workspace.json example)', () => {
    const { preview, clientSecret } = parseCredentialFile('workspace.json', real('adobe-developer-console_project-json_oauth-s2s_example.json'))
    expect(preview.kind).toBe('developer-console-project')
    expect(preview.draft).toMatchObject({ clientId: 'client_id', orgId: 'ims_id', technicalAccountId: 'technical_account_id', environment: 'production' })
    expect(preview.draft.scopes).toContain('additional_info.projectedProductContext')
    expect(preview.hasClientSecret).toBe(true)
    expect(clientSecret).toBe('secret')
    // The sample's org id is a placeholder: said plainly, before anything is saved.
    expect(preview.warnings.join(' ')).toMatch(/"ims_id" does not look like an Adobe Organization ID/)
    expect(JSON.stringify(preview)).not.toContain('"secret"')
  })

  it('Postman environment from Developer Console: SCOPES as an array, or as a comma string', () => {
    const { preview, clientSecret } = parseCredentialFile('oauth_server_to_server.postman_environment.json', postmanS2S)
    expect(preview).toMatchObject({ kind: 'postman-environment', hasClientSecret: true, draft: { clientId: 'abc123client', orgId: ORG, environment: 'production', technicalAccountId: 'ABC@techacct.adobe.com' } })
    expect(preview.draft.scopes).toEqual(['AdobeID', 'openid', 'read_organizations', 'additional_info.projectedProductContext'])
    expect(clientSecret).toBe('p8e-postman-secret-value')
    expect(preview.warnings.join(' ')).toMatch(/ACCESS_TOKEN in the file was ignored/)
    const comma = JSON.parse(postmanS2S) as { values: Array<{ key: string; value: unknown }> }
    comma.values.find((v) => v.key === 'SCOPES')!.value = 'openid,session,AdobeID,read_organizations'
    comma.values.find((v) => v.key === 'IMS')!.value = 'https://ims-na1-stg1.adobelogin.com'
    const second = parseCredentialFile('env.json', JSON.stringify(comma)).preview
    expect(second.draft.scopes).toEqual(['openid', 'session', 'AdobeID', 'read_organizations'])
    expect(second.draft.environment).toBe('stage')
  })

  it('legacy JWT: Postman env with META_SCOPE / PRIVATE_KEY, aio JWT context, and JWT claims are recognised and explained', () => {
    const jwtEnv = JSON.stringify({
      name: 'JWT env',
      values: [
        { key: 'API_KEY', value: 'jwt-client', enabled: true },
        { key: 'CLIENT_SECRET', value: 'jwt-secret-value', enabled: true },
        { key: 'IMS_ORG', value: ORG, enabled: true },
        { key: 'META_SCOPE', value: 'ent_reactor_sdk', enabled: true },
        { key: 'PRIVATE_KEY', value: '-----BEGIN PRIVATE KEY-----', enabled: true }
      ]
    })
    const fromEnv = parseCredentialFile('jwt.postman_environment.json', jwtEnv).preview
    expect(fromEnv).toMatchObject({ kind: 'jwt-service-account', draft: { clientId: 'jwt-client', orgId: ORG } })
    expect(fromEnv.jwtMigration).toBe(JWT_EXPLANATION)
    expect(JWT_EXPLANATION).toMatch(/2025-06-30/)
    expect(JWT_EXPLANATION).toMatch(/same Client ID/)

    const aio = JSON.parse(real('aio-lib-ims_context_config_examples.json')).sample_jwt
    const fromAio = parseCredentialFile('aio.json', JSON.stringify(aio)).preview
    expect(fromAio).toMatchObject({ kind: 'jwt-service-account', draft: { clientId: '<jwt-clientid>' } })

    const claims = parseCredentialFile('claims.json', real('ims_jwt_service-account_claims_example.json')).preview
    expect(claims).toMatchObject({ kind: 'jwt-service-account', hasClientSecret: false, draft: { clientId: 'a64f5f10849a410a97ffdac8ae1.....', environment: 'production' } })
    expect(claims.draft.technicalAccountId).toMatch(/@techacct\.adobe\.com$/)
  })

  it.each([
    ['empty', '   ', 'empty', /is empty/],
    ['truncated project', real('adobe-developer-console_project-json_oauth-s2s_example.json').slice(0, 400), 'truncated', /truncated/],
    ['truncated postman', postmanS2S.slice(0, postmanS2S.length - 30), 'truncated', /truncated/],
    ['malformed', '{"project": {"org": nope}}', 'malformed', /not valid JSON/],
    ['a list', '[1,2]', 'unrecognised', /expected a JSON object/],
    ['unrelated JSON', '{"hello":"world"}', 'unrecognised', /not a file Reactor Explorer can import/],
    ['postman env without API_KEY', '{"name":"x","values":[{"key":"FOO","value":"1"}]}', 'incomplete', /no API_KEY/],
    ['project with no credentials', '{"project":{"org":{"ims_org_id":"A@AdobeOrg"},"workspace":{"details":{"credentials":[]}}}}', 'incomplete', /no credentials/]
  ])('%s -> a clear, specific error', (_name, content, code, message) => {
    let caught: unknown
    try {
      parseCredentialFile('file.json', content)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ImportError)
    expect(caught).toMatchObject({ code, message: expect.stringMatching(message) })
  })
})

describe('profiles:import through the handlers: all or nothing', () => {
  let dir: string
  let credentials: Credentials
  let keychain: MemorySecretStore
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 're-import-'))
    keychain = new MemorySecretStore({ backend: 'keychain', persistent: true, label: 'kc' })
    credentials = createCredentials({ dataDir: dir, registry: new SecretRegistry(), secretStores: [{ name: 'kc', load: async () => keychain }] })
  })
  afterEach(async () => {
    await credentials.dispose()
    await rm(dir, { recursive: true, force: true })
  })
  const stored = async () => (await credentials.profiles.list()).profiles.filter((p) => !p.builtIn)

  it('creates the profile and stores its secret in the keychain', async () => {
    const result = await credentials.handlers['profiles:import']({ filename: 'env.json', content: postmanS2S, mode: 'create' })
    expect(result.profile).toMatchObject({ clientId: 'abc123client', secret: { stored: true, backend: { backend: 'keychain' } } })
    expect(keychain.size).toBe(1)
    expect(JSON.stringify(result)).not.toContain('p8e-postman-secret-value')
  })

  it('malformed, truncated or invalid files leave nothing behind', async () => {
    for (const content of [postmanS2S.slice(0, 200), '{oops', real('adobe-developer-console_project-json_oauth-s2s_example.json')]) {
      await expect(credentials.handlers['profiles:import']({ filename: 'f.json', content, mode: 'create' })).rejects.toMatchObject({
        code: expect.stringMatching(/^import-|invalid-profile/)
      })
    }
    expect(await stored()).toHaveLength(0)
    expect(keychain.size).toBe(0)
  })

  it('JWT: preview explains; create needs the explicit migration choice, then makes an OAuth S2S profile with the same client id', async () => {
    const aio = JSON.stringify({ client_id: 'jwt-client-id', client_secret: 'jwt-secret-1234', technical_account_id: 'T@techacct.adobe.com', meta_scopes: ['ent_reactor_sdk'], ims_org_id: ORG, private_key: 'XXX' })
    const preview = await credentials.handlers['profiles:import']({ filename: 'aio.json', content: aio, mode: 'preview' })
    expect(preview.preview.jwtMigration).toMatch(/end of life on 2025-06-30/)
    await expect(credentials.handlers['profiles:import']({ filename: 'aio.json', content: aio, mode: 'create' })).rejects.toMatchObject({ code: 'jwt-migration-needed' })
    expect(await stored()).toHaveLength(0)
    const created = await credentials.handlers['profiles:import']({ filename: 'aio.json', content: aio, mode: 'create', acceptJwtMigration: true })
    expect(created.profile).toMatchObject({ clientId: 'jwt-client-id', authKind: 'oauth-s2s', orgId: ORG })
  })
})
