import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import { SANDBOX_PROFILE_ID } from '../../../src/main/core/profiles/profile-service'
import { SandboxHost } from '../../../src/sandbox'
import type { HistoryPage } from '../../../src/shared/contract'
import { tempDir } from './support'

// A burst of sends (the runner at --concurrency 8, fetch-all) is written in batches, not one file write per
// call: recording was 40% of a 500-request run when each entry opened, wrote and closed the segment.
describe('history records bursts in batches', () => {
  let core: AppCore
  beforeAll(async () => {
    core = createAppCore({ transport: 'loopback', version: 't', dataDir: await tempDir('rx-history-batch-'), log: () => {}, secretStores: [], sandbox: new SandboxHost({ seed: 5 }) })
  })
  afterAll(async () => {
    await core.dispose()
  })

  it('40 concurrent sends: every one recorded, in far fewer writes', async () => {
    const store = core.services.history.store
    const writes = vi.spyOn(store, 'appendMany')
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        core.dispatcher.dispatch('requests:send', { requestId: `b${i}`, profileId: SANDBOX_PROFILE_ID, spec: { method: 'GET', url: '/companies', params: [{ name: 'n', value: String(i), enabled: true }] } })
      )
    )
    await core.services.history.flush()
    const page = (await core.dispatcher.dispatch('history:list', { limit: 100 })) as { ok: true; value: HistoryPage }
    expect(page.value.total).toBe(40)
    expect(new Set(page.value.items.map((item) => item.url)).size).toBe(40)
    expect(writes.mock.calls.reduce((sum, call) => sum + call[0].length, 0)).toBe(40)
    expect(writes.mock.calls.length).toBeLessThan(20)
  })
})
