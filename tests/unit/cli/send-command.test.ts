import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exitCodeForError, indentJson, runSendCommand, type SendCommandDeps, type SendIo } from '../../../src/cli/send-command'
import { createCredentials } from '../../../src/main/core/profiles/credentials-core'
import { MemorySecretStore } from '../../../src/main/core/secrets/memory-secret-store'
import type { SecretStoreCandidate } from '../../../src/main/core/secrets/secret-service'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../../src/sandbox'

/** Remembers every value the core registers as secret: the access tokens it obtained and the client secrets it read. */
class RecordingRegistry extends SecretRegistry {
  readonly seen = new Set<string>()
  override add(value: string | undefined | null): void {
    if (value) this.seen.add(value)
    super.add(value)
  }
}

/** Every secret any run of this file has touched: no output of any run may contain one. */
const everySecret = new Set<string>(Object.values(SANDBOX_CREDENTIALS).map((credential) => credential.clientSecret))
const looksLikeToken = (value: string) => value.split('.').length === 3 && value.length > 100

interface Run {
  code: number
  stdout: string
  stderr: string
  registered: Set<string>
}

function assertNoSecret(run: Run): void {
  for (const secret of [...everySecret, ...run.registered]) {
    expect(run.stdout.includes(secret), `stdout contains a secret (${secret.slice(0, 6)}…)`).toBe(false)
    expect(run.stderr.includes(secret), `stderr contains a secret (${secret.slice(0, 6)}…)`).toBe(false)
  }
}

describe('reactor-explorer send', () => {
  let sandbox: RunningSandbox
  let dir: string
  let echo: Server
  let echoUrl: string
  // The "OS keychain" the app saved secrets into; the CLI reads from the same one.
  const keychain = new MemorySecretStore({ backend: 'keychain', persistent: true, label: 'test keychain' })
  const keychainCandidate: SecretStoreCandidate = { name: 'test keychain', load: async () => keychain }

  async function send(args: string[], options: { deps?: SendCommandDeps; stdin?: string; interruptAfterMs?: number } = {}): Promise<Run> {
    const registry = new RecordingRegistry()
    let stdout = ''
    const stderr: string[] = []
    const io: SendIo = {
      out: (text) => void (stdout += text),
      err: (line) => void stderr.push(line),
      env: {},
      readStdin: async () => (options.stdin === undefined ? undefined : Buffer.from(options.stdin)),
      onInterrupt: options.interruptAfterMs
        ? (cancel) => {
            const timer = setTimeout(cancel, options.interruptAfterMs)
            return () => clearTimeout(timer)
          }
        : undefined
    }
    const code = await runSendCommand([...args, '--data-dir', dir], io, { secrets: registry, secretStores: [keychainCandidate], ...options.deps })
    for (const value of registry.seen) everySecret.add(value)
    const run = { code, stdout, stderr: stderr.join('\n'), registered: registry.seen }
    assertNoSecret(run)
    return run
  }

  beforeAll(async () => {
    sandbox = await startSandbox()
    dir = await mkdtemp(join(tmpdir(), 're-send-'))
    // A "Reactor host" that echoes what it was sent: the real token reaches it, and the CLI must still mask it.
    echo = createServer((request, response) => {
      if (request.url === '/hang') return // never answers: for the Ctrl-C test
      const authorization = request.headers.authorization ?? ''
      if (request.url === '/big') {
        // The token straddles the CLI's 1 MiB read chunks of the body file.
        response.setHeader('content-type', 'text/plain')
        response.end(`${'a'.repeat(1024 * 1024 - 20)}${authorization}${'b'.repeat(1000)}`)
        return
      }
      response.setHeader('content-type', 'application/json')
      response.setHeader('x-echo-authorization', authorization)
      response.end(JSON.stringify({ youSent: request.headers }))
    })
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
    echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`

    const app = createCredentials({ dataDir: dir, registry: new SecretRegistry(), secretStores: [keychainCandidate] })
    const custom = (name: string, scenario: keyof typeof SANDBOX_CREDENTIALS, reactorBaseUrl = sandbox.reactorUrl) => ({
      name,
      environment: 'custom' as const,
      imsBaseUrl: sandbox.imsUrl,
      reactorBaseUrl,
      clientId: SANDBOX_CREDENTIALS[scenario].clientId,
      orgId: SANDBOX_CREDENTIALS[scenario].orgId
    })
    await app.profiles.create(custom('Working', 'working'), { value: SANDBOX_CREDENTIALS.working.clientSecret })
    await app.profiles.create(custom('Wrong secret', 'wrongSecret'), { value: SANDBOX_CREDENTIALS.wrongSecret.clientSecret })
    await app.profiles.create(custom('No secret', 'working'))
    await app.profiles.create(custom('Echo', 'working', echoUrl), { value: SANDBOX_CREDENTIALS.working.clientSecret })
    await app.dispose()
  })
  afterAll(async () => {
    await sandbox.close()
    await new Promise((resolve) => echo.close(resolve))
    await rm(dir, { recursive: true, force: true })
  })

  it('GET /companies --env sandbox works with no setup: exit 0, pretty JSON on stdout, the summary on stderr', async () => {
    const run = await send(['GET', '/companies', '--env', 'sandbox'])
    expect(run.code).toBe(0)
    const document = JSON.parse(run.stdout) as { data: Array<{ type: string }> }
    expect(document.data[0]!.type).toBe('companies')
    expect(run.stdout).toBe(`${JSON.stringify(document, null, 2)}\n`)
    expect(run.stderr).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/companies → 200 OK · \d+ ms · \d+ bytes · request id \w+/)
    // The no-secret assertions above are not vacuous: the run did obtain a token and read the secret.
    expect([...run.registered].some(looksLikeToken)).toBe(true)
    expect(run.registered.has(SANDBOX_CREDENTIALS.working.clientSecret)).toBe(true)
  })

  it('--json prints one object with status, statusText, headers, timing, requestId, url, method and the parsed body', async () => {
    const run = await send(['GET', '/companies', '--env', 'sandbox', '--json'])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(Object.keys(result)).toEqual(['status', 'statusText', 'headers', 'timing', 'requestId', 'url', 'method', 'body'])
    expect(result).toMatchObject({ status: 200, statusText: 'OK', method: 'GET' })
    expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/companies$/)
    expect(result.headers['content-type']).toBe('application/vnd.api+json')
    expect(result.requestId).toBe(result.headers['x-request-id'])
    expect(result.requestId).toMatch(/^[0-9a-f]{32}$/)
    expect(result.timing.totalMs).toBeGreaterThan(0)
    expect(result.body.data[0].type).toBe('companies')
  })

  it('--include puts the status line and response headers before the body, like curl -i', async () => {
    const run = await send(['GET', '/companies', '--env', 'sandbox', '--include'])
    expect(run.code).toBe(0)
    const [head, body] = [run.stdout.slice(0, run.stdout.indexOf('\r\n\r\n')), run.stdout.slice(run.stdout.indexOf('\r\n\r\n') + 4)]
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 200 OK')
    expect(head).toMatch(/\r\ncontent-type: application\/vnd\.api\+json(\r\n|$)/)
    expect(head).toMatch(/\r\nx-request-id: [0-9a-f]{32}/)
    expect(JSON.parse(body).data[0].type).toBe('companies')
  })

  it('a 404 exits 1 and still prints the JSON:API error', async () => {
    const run = await send(['GET', '/properties/PR00000000000000000000000000000000', '--env', 'sandbox'])
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout).errors[0]).toMatchObject({ status: '404', title: 'Record Not Found' })
    expect(run.stderr).toMatch(/404 Not Found/)
  })

  it('a POST that Reactor rejects exits 1 with its JSON:API error; --var fills {{placeholders}}', async () => {
    const run = await send(['POST', '/companies/{{company}}/properties', '--env', 'sandbox', '--var', `company=${sandbox.seeded.companyId}`, '--data', '{"data":{"type":"properties","attributes":{}}}'])
    expect(run.code).toBe(1)
    const error = JSON.parse(run.stdout).errors[0]
    expect(error).toMatchObject({ status: '422', code: 'invalid-attribute', source: { pointer: '/data/attributes/name' } })
  })

  it('--var substitution in the path and a ?query that becomes params', async () => {
    const run = await send(['GET', '/companies/{{co}}/properties?page[size]={{size}}', '--env', 'sandbox', '--var', `co=${sandbox.seeded.companyId}`, '--var', 'size=1', '--json'])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result.url).toContain(`/companies/${sandbox.seeded.companyId}/properties?page%5Bsize%5D=1`)
    expect(result.body.data).toHaveLength(1)
    expect(result.body.meta.pagination.total_count).toBeGreaterThan(1)
  })

  it('--data @file sends the file as JSON (201), and @- reads stdin', async () => {
    const file = join(dir, 'property.json')
    await writeFile(file, JSON.stringify({ data: { type: 'properties', attributes: { name: 'From a file', platform: 'web', domains: ['example.org'] } } }, null, 2))
    const path = `/companies/${sandbox.seeded.companyId}/properties`
    const fromFile = await send(['POST', path, '--env', 'sandbox', '--data', `@${file}`])
    expect(fromFile.code).toBe(0)
    expect(JSON.parse(fromFile.stdout).data.attributes.name).toBe('From a file')
    const stdin = JSON.stringify({ data: { type: 'properties', attributes: { name: 'From stdin', platform: 'web', domains: ['example.org'] } } })
    const fromStdin = await send(['POST', path, '--env', 'sandbox', '--data', '@-'], { stdin })
    expect(fromStdin.code).toBe(0)
    expect(JSON.parse(fromStdin.stdout).data.attributes.name).toBe('From stdin')
  })

  it('--profile sends with a saved profile and its secret from the keychain', async () => {
    const run = await send(['GET', '/companies', '--profile', 'working'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).data[0].type).toBe('companies')
    expect([...run.registered].some(looksLikeToken)).toBe(true)
  })

  it.each([
    [[], /give a METHOD and a URL/],
    [['FETCH', '/companies', '--env', 'sandbox'], /"FETCH" is not a method; use one of GET, POST/],
    [['GET', '--env', 'sandbox'], /give the URL after GET/],
    [['GET', '/companies', '--env', 'sandbox', '--bogus'], /Unknown option '--bogus'/],
    [['GET', '/companies', '--env', 'sandbox', '-H', 'no colon here'], /-H 'no colon here' is not a header: write it as 'Name: value'/],
    [['GET', '/companies', '--env', 'sandbox', '-H', 'Bad Name: x'], /"Bad Name" is not a header name/],
    [['GET', '/companies', '--env', 'sandbox', '--var', 'novalue'], /--var 'novalue' is not a variable: write it as name=value/],
    [['GET', '/companies', '--env', 'sandbox', '--var', 'a b=1'], /"a b" is not a variable name/],
    [['POST', '/companies', '--env', 'sandbox', '--data', '{"a": 1,\n}'], /--data is not valid JSON: .*position 9 \(line 2, column 1\)/],
    [['POST', '/companies', '--env', 'sandbox', '--data', `@${join(tmpdir(), 'no-such-body.json')}`], /there is no file/],
    [['GET', '/companies', '--env', 'sandbox', '--data', '{}'], /--data needs a method that sends a body .* GET sends none/],
    [['GET', '/companies'], /"\/companies" is a path: name a profile \(--profile NAME\) or use --env sandbox/],
    [['GET', 'companies', '--env', 'sandbox'], /"companies" is not a URL/],
    [['GET', '/companies', '--profile', 'Working', '--env', 'sandbox'], /choose one of --profile NAME and --env sandbox/],
    [['GET', '/companies', '--env', 'production'], /--env takes only "sandbox"/],
    [['GET', '/companies', '--profile', 'Nope'], /no profile named "Nope" in .*Profiles: .*Working/],
    [['GET', '/companies/{{companyId}}', '--env', 'sandbox'], /\{\{companyId\}\} in URL[\s\S]*--var name=value/]
  ])('usage error %j exits 2 with a sentence', async (args, message) => {
    const run = await send(args as string[])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stdout).toBe('')
  })

  it('--help prints the usage with the exit codes on stdout, exit 0', async () => {
    const run = await send(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/usage: reactor-explorer send METHOD URL[\s\S]*Exit codes:[\s\S]*3 +no credential could be obtained[\s\S]*4 +network failure/)
  })

  it("IMS refusing the credential exits 3, with IMS's reason; --json prints the error as an object", async () => {
    const run = await send(['GET', '/companies', '--profile', 'Wrong secret'])
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/IMS refused the Client ID and Client Secret \(invalid_client/)
    expect(run.stderr).toMatch(/reactor-explorer check --profile NAME/)
    expect(run.registered.has(SANDBOX_CREDENTIALS.wrongSecret.clientSecret)).toBe(true)
    const json = await send(['GET', '/companies', '--profile', 'Wrong secret', '--json'])
    expect(json.code).toBe(3)
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'ims-invalid-client', message: expect.stringMatching(/invalid_client/) } })
  })

  it('a profile without a saved secret exits 3', async () => {
    const run = await send(['GET', '/companies', '--profile', 'No secret'])
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/Profile "No secret" has no Client Secret saved/)
  })

  it('an unreachable host exits 4 (refused connection, unknown DNS name); a full URL needs no profile', async () => {
    const refused = await send(['GET', 'http://127.0.0.1:1/companies'])
    expect(refused.code).toBe(4)
    expect(refused.stderr).toMatch(/Nothing accepted the connection on 127\.0\.0\.1:1/)
    const dns = await send(['GET', 'https://reactor.example.invalid/companies', '--json'])
    expect(dns.code).toBe(4)
    expect(JSON.parse(dns.stdout).error.code).toBe('http-dns')
  })

  it('the token a server echoes back is masked in the body, the headers and --json', async () => {
    for (const mode of [[], ['--include'], ['--json']]) {
      const run = await send(['GET', `${echoUrl}/`, '--profile', 'Echo', ...mode])
      expect(run.code).toBe(0)
      const token = [...run.registered].find(looksLikeToken)
      expect(token).toBeDefined()
      expect(run.stdout).toMatch(/Bearer ••••••/)
      if (mode[0] === '--include') expect(run.stdout).toMatch(/x-echo-authorization: Bearer ••••••/)
    }
  })

  it('a body over the inline limit is streamed from its file, with a secret split across chunks still masked', async () => {
    const run = await send(['GET', `${echoUrl}/big`, '--profile', 'Echo'], { deps: { maxInlineBodyBytes: 1024 } })
    expect(run.code).toBe(0)
    expect(run.stdout.startsWith('a'.repeat(1000))).toBe(true)
    expect(run.stdout).toMatch(/a{100}Bearer ••••••b{1000}$/)
    expect(run.stdout.length).toBe(1024 * 1024 - 20 + 'Bearer ••••••'.length + 1000)
  })

  it('a typed Authorization header is never echoed either', async () => {
    const typed = 'Bearer typed-by-hand-0123456789abcdef'
    const run = await send(['GET', `${echoUrl}/`, '-H', `Authorization: ${typed}`, '--include'])
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('typed-by-hand-0123456789abcdef')
    expect(run.stdout).toMatch(/x-echo-authorization: ••••••/)
  })

  it('Ctrl-C cancels a request in flight: exit 130', async () => {
    const run = await send(['GET', `${echoUrl}/hang`], { interruptAfterMs: 100 })
    expect(run.code).toBe(130)
    expect(run.stderr).toMatch(/send: cancelled/)
  })

  it('the real binary: send GET /companies --env sandbox with an empty data folder', async () => {
    const data = await mkdtemp(join(tmpdir(), 're-send-bin-'))
    const started = Date.now()
    const child = spawn(process.execPath, ['bin/reactor-explorer.mjs', 'send', 'GET', '/companies', '--env', 'sandbox'], {
      env: { ...process.env, REACTOR_EXPLORER_DATA_DIR: data },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    const wallMs = Date.now() - started
    await rm(data, { recursive: true, force: true })
    expect(code, stderr).toBe(0)
    expect(JSON.parse(stdout).data[0].type).toBe('companies')
    expect(stdout + stderr).not.toContain(SANDBOX_CREDENTIALS.working.clientSecret)
    // The process exits on its own (services disposed, sandbox stopped); generous bound for a loaded CI machine.
    expect(wallMs).toBeLessThan(15_000)
  }, 20_000)
})

describe('indentJson', () => {
  it.each([
    '{"a":1,"b":[1,2,{"c":null}],"d":{},"e":[],"f":"x"}',
    '[]',
    '"just a string"',
    '{"esc":"quote \\" and backslash \\\\ and brackets {[,:]}","n":"line\\nbreak"}',
    ' { "spaced" : [ true , false ] , "nested" : { "deep" : { "deeper" : [ [ ] , { } ] } } } ',
    '{"trailing backslash\\\\":"v\\\\"}'
  ])('matches JSON.stringify(…, null, 2) for %s', (text) => {
    expect(indentJson(text)).toBe(JSON.stringify(JSON.parse(text), null, 2))
  })

  it('keeps escapes as received (\\u00e9 stays escaped, as the server sent it)', () => {
    expect(indentJson('["\\u00e9"]')).toBe('[\n  "\\u00e9"\n]')
  })

  it('keeps numbers exactly as received (JSON.parse would round them)', () => {
    expect(indentJson('{"id":9007199254740993,"ratio":1.0,"e":1E+2}')).toBe('{\n  "id": 9007199254740993,\n  "ratio": 1.0,\n  "e": 1E+2\n}')
  })

  it('indents a value embedded one level deep', () => {
    expect(indentJson('{"a":[1]}', 1)).toBe('{\n    "a": [\n      1\n    ]\n  }')
  })
})

describe('exit codes by error code', () => {
  it.each([
    ['ims-invalid-client', 3],
    ['ims-invalid-scope', 3],
    ['ims-dns', 3],
    ['no-secret', 3],
    ['no-token', 3],
    ['token-expired', 3],
    ['keychain-locked', 3],
    ['secret-store-unavailable', 3],
    ['sandbox-unavailable', 3],
    ['http-dns', 4],
    ['http-refused', 4],
    ['http-timeout', 4],
    ['http-tls', 4],
    ['http-reset', 4],
    ['http-proxy', 4],
    ['http-failed', 4],
    ['request-unresolved-variables', 2],
    ['request-file-unreadable', 2],
    ['http-invalid-url', 2],
    ['http-invalid-request', 2],
    ['profile-not-found', 2],
    ['http-cancelled', 130],
    ['http-too-many-redirects', 1]
  ])('%s → %i', (code, exit) => {
    expect(exitCodeForError(code)).toBe(exit)
  })
})
