import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCoreServices, type CoreServices } from '../../../src/main/core/app/create-app-core'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { SandboxHost } from '../../../src/sandbox'

// `reactor-explorer run` with the REACTOR_* credential works in a throw-away data folder, deleted at exit, so
// it composes the core with recordHistory: false: nobody could read that history, and recording it was about
// half of the runner's own CPU per request. Everything else keeps recording every send.
describe('recording sends in the history', () => {
  let dir: string
  let services: CoreServices | undefined
  const sandbox = new SandboxHost()

  afterEach(async () => {
    await services?.dispose()
    services = undefined
    await rm(dir, { recursive: true, force: true })
  })

  async function sendOnce(recordHistory: boolean | undefined): Promise<CoreServices> {
    dir = await mkdtemp(join(tmpdir(), 'rx-run-history-'))
    services = createCoreServices({ dataDir: dir, sandbox, secretStores: [], proactiveRefresh: false, ...(recordHistory === undefined ? {} : { recordHistory }) })
    const response = await services.requests.pipeline.send(newRequestSpec({ url: '/companies' }), { requestId: 'one', profileId: 'sandbox', source: 'runner' })
    expect(response.status).toBe(200)
    await services.history.flush()
    return services
  }

  it('records every send by default', async () => {
    const core = await sendOnce(undefined)
    expect((await core.history.store.stats()).entries).toBe(1)
    expect(await readdir(dir)).toContain('history')
  })

  it('records nothing, and creates no history folder, with recordHistory: false', async () => {
    const core = await sendOnce(false)
    expect((await core.history.store.stats()).entries).toBe(0)
    expect(await readdir(dir)).not.toContain('history')
  })
})
