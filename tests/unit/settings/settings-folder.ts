// The set-up the settings store's tests share: a throw-away data folder per test, a store opened on it, the
// notices it raises, and the network part of a settings file written before the newer settings existed.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { NetworkSettingsStore } from '../../../src/main/core/settings/network-settings'
import type { StoreNotice } from '../../../src/main/core/storage/versioned-json-file'

export const OLD_NETWORK = { proxy: { mode: 'none' }, defaultTimeoutMs: 5000, retryIdempotentByDefault: false, maxInlineBodyMB: 20 }

/** Call at the top of a test file: `folder.dir` and `folder.notices` are fresh in every test. */
export function useSettingsFolder(prefix: string) {
  const folder = { dir: '', notices: [] as StoreNotice[] }
  beforeEach(async () => {
    folder.dir = await mkdtemp(join(tmpdir(), prefix))
    folder.notices = []
  })
  afterEach(async () => {
    await rm(folder.dir, { recursive: true, force: true })
  })
  return {
    folder,
    open: () => new NetworkSettingsStore({ dataDir: folder.dir, onNotice: (notice) => folder.notices.push(notice) }),
    settingsFile: () => join(folder.dir, 'settings.json')
  }
}
