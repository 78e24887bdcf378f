import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ACCEPT } from './helpers'

const bin = join(__dirname, '../../../bin/reactor-explorer.mjs')

function run(args: string[]): { child: ChildProcess; lines: string[]; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [bin, 'sandbox', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  let buffered = ''
  let err = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    const parts = buffered.split('\n')
    buffered = parts.pop() ?? ''
    lines.push(...parts)
  })
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, lines, stderr: () => err, exit }
}

async function waitFor(lines: string[], predicate: (line: string) => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now()
  while (!lines.some(predicate)) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out; got:\n${lines.join('\n')}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const value = (lines: string[], label: string) => lines.find((line) => line.startsWith(`${label}: `))?.slice(label.length + 2)

describe('reactor-explorer sandbox (CLI)', () => {
  it('issues tokens with the lifetime asked for, so expiry can be watched in seconds', async () => {
    const { child, lines, exit } = run(['--port', '0', '--token-lifetime', '5'])
    await waitFor(lines, (line) => line.startsWith('Press Ctrl+C'))
    expect(value(lines, 'token lifetime')).toBe('5 s')
    const response = await fetch(`${value(lines, 'base url')}/ims/token/v3`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: value(lines, 'client id')!, client_secret: value(lines, 'client secret')! })
    })
    expect(((await response.json()) as { expires_in: number }).expires_in).toBe(5)
    child.kill('SIGINT')
    expect(await exit).toBe(0)
  })


  it('prints the base url and demo credential, serves curl-style requests, stops cleanly on SIGINT', async () => {
    const { child, lines, exit } = run(['--port', '0', '--seed', '4'])
    await waitFor(lines, (line) => line.startsWith('Press Ctrl+C'))
    const baseUrl = value(lines, 'base url')!
    const clientId = value(lines, 'client id')!
    const clientSecret = value(lines, 'client secret')!
    const orgId = value(lines, 'org id')!
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(clientId).toBe('sandbox-working-client')
    expect(orgId).toMatch(/@AdobeOrg$/)

    const token = await fetch(`${baseUrl}/ims/token/v3`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: value(lines, 'scopes')! })
    })
    const { access_token } = (await token.json()) as { access_token: string }
    const companies = await fetch(`${baseUrl}/companies`, {
      headers: { authorization: `Bearer ${access_token}`, 'x-api-key': clientId, 'x-gw-ims-org-id': orgId, accept: ACCEPT }
    })
    expect(companies.status).toBe(200)

    child.kill('SIGINT')
    expect(await exit).toBe(0)
  })

  it('rejects a bad flag with a clear message', async () => {
    const bad = run(['--scale', 'huge'])
    expect(await bad.exit).toBe(2)
    expect(bad.stderr()).toMatch(/--scale must be "small" or "large"/)
    const unknown = run(['--colour', 'blue'])
    expect(await unknown.exit).toBe(2)
    expect(unknown.stderr()).toMatch(/usage: reactor-explorer sandbox/)
  })

  it('says so when the port is in use', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      const busy = run(['--port', String(port)])
      expect(await busy.exit).toBe(1)
      expect(busy.stderr()).toContain(`port ${port} is already in use`)
    } finally {
      blocker.close()
    }
  })
})
