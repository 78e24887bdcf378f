import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCheckCommand } from '../../../src/cli/check-command'
import { runConvertCommand } from '../../../src/cli/convert-command'
import { runExportCommand } from '../../../src/cli/export-command'
import { runImportCommand } from '../../../src/cli/import-command'
import { runRunCommand } from '../../../src/cli/run-command'
import { runSendCommand } from '../../../src/cli/send-command'
import { encodedForms, SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { SANDBOX_CREDENTIALS, SandboxHost } from '../../../src/sandbox'
import { startRecorder } from '../http/support'

// The CLI half of the leak tripwire: every command, run in-process with planted secrets (a client secret full
// of the characters that fool naive guards, a pasted token, and the tokens the Sandbox mints along the way),
// must leave none of them in stdout, stderr, any file it wrote, or any request a foreign host received.
const PLANTED_SECRET = 'p8e-Plant"ed\\Sec+ret/With=Chars0123456789abcdef'
/** What a Developer Console secret really looks like (`p8e-` + 32): what pattern-based scrubbing must catch in files. */
const ADOBE_SECRET = 'p8e-Q7wZk2Lm9Xr4Tb6Vn1Hc8Yd3Fs5Gj0Pa'
const PLANTED_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJwbGFudGVkIjoidG9rZW4ifQ.cGxhbnRlZC1zaWduYXR1cmUtdmFsdWU'

/** Records every value registered as a secret along the way (the Sandbox tokens the commands mint). */
class RecordingRegistry extends SecretRegistry {
  readonly added = new Set<string>()
  override add(value: string | undefined | null): void {
    if (value) this.added.add(value)
    super.add(value)
  }
}

let root: string
let recorder: Awaited<ReturnType<typeof startRecorder>>
const registry = new RecordingRegistry()
const outputs: Array<{ command: string; text: string }> = []
const sandbox = new SandboxHost({ seed: 3 })

function io(command: string) {
  const record = (text: string) => void outputs.push({ command, text })
  return {
    out: record,
    err: record,
    env: { ...process.env, REACTOR_EXPLORER_DATA_DIR: join(root, 'data') } as NodeJS.ProcessEnv,
    cwd: root,
    readStdin: async () => undefined
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rx-cli-tripwire-'))
  recorder = await startRecorder()
})
afterAll(async () => {
  await recorder.close()
  await sandbox.stop()
  await rm(root, { recursive: true, force: true })
})

describe('CLI leak tripwire', () => {
  it('runs every command with planted secrets', async () => {
    const data = ['--data-dir', join(root, 'data')]
    expect(await runSendCommand(['GET', '/companies', '--env', 'sandbox', ...data], io('send') as never, { secrets: registry, sandbox, secretStores: [] })).toBe(0)
    // A pasted token typed as a header goes where the person sent it, and nowhere in the output.
    await runSendCommand(['GET', `${recorder.url}/echo`, '-H', `Authorization: Bearer ${PLANTED_TOKEN}`, '--include', ...data], io('send typed') as never, { secrets: registry, sandbox, secretStores: [] })
    // A wrong client secret: IMS refuses it, and the refusal must not repeat it.
    const checkIo = { ...io('check'), env: { ...io('check').env, REACTOR_CLIENT_SECRET: PLANTED_SECRET } }
    expect(await runCheckCommand(['--client-id', 'sandbox-working-client', '--org-id', 'SANDBOX@AdobeOrg', '--env', 'sandbox', ...data], checkIo as never)).toBe(1)

    const postman = {
      info: { name: 'Planted', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        {
          name: 'Companies',
          request: {
            method: 'GET',
            url: 'https://reactor.adobe.io/companies',
            header: [
              { key: 'Authorization', value: `Bearer ${PLANTED_TOKEN}` },
              { key: 'X-Secret', value: ADOBE_SECRET }
            ]
          }
        },
        {
          name: 'Token',
          request: { method: 'POST', url: `https://ims-na1.adobelogin.com/ims/token/v3?client_secret=${encodeURIComponent(ADOBE_SECRET)}` }
        }
      ]
    }
    await writeFile(join(root, 'planted.postman_collection.json'), JSON.stringify(postman))
    expect(await runImportCommand([join(root, 'planted.postman_collection.json'), '--into', join(root, 'imported'), '--json'], io('import'))).toBe(0)
    expect(await runExportCommand([join(root, 'imported'), '--to', 'postman', '--out', join(root, 'exported.json')], io('export'))).toBe(0)
    await writeFile(join(root, 'ticket.sh'), `curl -X POST https://reactor.adobe.io/companies \\\n  -H 'Authorization: Bearer ${PLANTED_TOKEN}' \\\n  -H 'x-api-key: abc' \\\n  --data-urlencode 'client_secret=${ADOBE_SECRET}'\n`)
    for (const to of ['har', 'postman', 'opencollection', 'curl']) await runConvertCommand([join(root, 'ticket.sh'), '--to', to], io(`convert ${to}`) as never)

    expect(await runImportCommand(['reactor:starter', '--into', join(root, 'starter')], io('import starter'))).toBe(0)
    const runIo = io('run')
    const code = await runRunCommand([join(root, 'starter'), '--env', 'sandbox', '--reporter', 'cli,json,junit,html', '--out', join(root, 'reports'), ...data], runIo as never, { secrets: registry, sandbox, secretStores: [] })
    expect(code).toBe(0)
  }, 120_000)

  it('no secret, in any encoding, in any output, file or foreign request', async () => {
    const minted = [...registry.added].filter((value) => value.startsWith('eyJ') && value !== PLANTED_TOKEN)
    expect(minted.length).toBeGreaterThan(0)
    const secrets = [PLANTED_SECRET, ADOBE_SECRET, PLANTED_TOKEN, ...minted, SANDBOX_CREDENTIALS.working.clientSecret]
    // The inputs the test wrote itself hold the planted values on purpose.
    const inputs = new Set(['planted.postman_collection.json', 'ticket.sh'])
    const forms = secrets.flatMap((secret) => encodedForms(secret).map((form) => ({ secret: secret.slice(0, 10), form })))
    const hits: string[] = []
    const scan = (where: string, text: string) => {
      for (const { secret, form } of forms) if (form.length >= 8 && text.includes(form)) hits.push(`${where}: ${secret}… (${form.slice(0, 16)}…)`)
    }
    for (const { command, text } of outputs) scan(`${command} output`, text)
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue
      const path = join(entry.parentPath, entry.name)
      if (inputs.has(path.slice(root.length + 1))) continue
      scan(path.slice(root.length + 1), await readFile(path, 'latin1'))
    }
    // The foreign host got the typed header (the person sent it there), and nothing else of ours.
    for (const seen of recorder.seen) {
      const { authorization: _typed, ...rest } = seen.headers
      scan(`request to ${seen.url}`, JSON.stringify(rest) + seen.body)
      for (const token of minted) expect(JSON.stringify(seen.headers)).not.toContain(token)
    }
    expect(hits).toEqual([])
  })
})
