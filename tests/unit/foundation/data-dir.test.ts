import { describe, expect, it } from 'vitest'
import { defaultDataDir } from '../../../src/main/core/app/data-dir'
import { DEFAULT_DATA_DIR } from '../../../src/cli/check-command'

describe('defaultDataDir (one folder for the app, browser mode and the CLI)', () => {
  it('follows each OS’s per-user application data folder, as Electron’s userData does', () => {
    expect(defaultDataDir({}, 'linux', '/home/ana')).toBe('/home/ana/.config/reactor-explorer')
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/ana')).toBe('/xdg/reactor-explorer')
    expect(defaultDataDir({}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Application Support/reactor-explorer')
    expect(defaultDataDir({ APPDATA: 'C:/Users/ana/AppData/Roaming' }, 'win32', 'C:/Users/ana')).toMatch(/Roaming[\\/]reactor-explorer$/)
  })

  it('can be pointed elsewhere for tests and portable setups', () => {
    expect(defaultDataDir({ REACTOR_EXPLORER_DATA_DIR: '/tmp/portable' }, 'linux', '/home/ana')).toBe('/tmp/portable')
  })

  it('is what the CLI uses, so `check --profile` finds profiles saved in the app', () => {
    expect(DEFAULT_DATA_DIR).toBe(defaultDataDir())
  })
})
