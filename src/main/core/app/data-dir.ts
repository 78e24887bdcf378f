import { homedir } from 'node:os'
import { join } from 'node:path'

/** The folder name under the OS's per-user application data folder (Electron's userData for our package). */
export const APP_DATA_FOLDER = 'reactor-explorer'

/**
 * Where profiles and settings live. The desktop app, browser mode and the CLI all use this one folder so
 * a profile saved in the app is the profile `reactor-explorer check --profile` finds. It is the path
 * Electron would pick for userData; the app sets it explicitly so the two can never drift.
 * REACTOR_EXPLORER_DATA_DIR overrides it (tests, portable setups).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  const override = env['REACTOR_EXPLORER_DATA_DIR']
  if (override) return override
  const appData =
    platform === 'win32'
      ? (env['APPDATA'] ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env['XDG_CONFIG_HOME'] ?? join(home, '.config'))
  return join(appData, APP_DATA_FOLDER)
}
