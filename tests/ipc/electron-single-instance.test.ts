import { describe, expect, it, vi } from 'vitest'

// A second launch must not start a second core on the same data folder: it hands over to the first
// instance and quits. src/main/index.ts is loaded with a mocked electron whose lock is already held.
const lock = vi.hoisted(() => ({ held: false }))
const calls: string[] = []
const listeners = new Map<string, (...args: unknown[]) => void>()
const focused: string[] = []
vi.mock('electron', () => ({
  app: {
    requestSingleInstanceLock: () => lock.held,
    quit: () => calls.push('quit'),
    exit: () => calls.push('exit'),
    enableSandbox: () => calls.push('enableSandbox'),
    setPath: () => undefined,
    getPath: () => '/nonexistent',
    whenReady: () => {
      calls.push('whenReady')
      return new Promise(() => undefined)
    },
    on: (name: string, listener: (...args: unknown[]) => void) => listeners.set(name, listener),
    isPackaged: true,
    getVersion: () => '0.0.0'
  },
  BrowserWindow: { getAllWindows: () => [{ isMinimized: () => true, restore: () => focused.push('restore'), focus: () => focused.push('focus') }] },
  protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
  ipcMain: { handle: () => undefined, removeHandler: () => undefined },
  session: { defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined } },
  shell: { openExternal: () => undefined },
  clipboard: { writeText: () => undefined },
  Menu: { setApplicationMenu: () => undefined, buildFromTemplate: (template: unknown) => template },
  dialog: { showSaveDialog: async () => ({ canceled: true }) },
  safeStorage: { isEncryptionAvailable: () => false }
}))

describe('single-instance lock', () => {
  it('a second instance quits at once and never starts a core', async () => {
    lock.held = false
    await import('../../src/main/index')
    expect(calls[0]).toBe('quit')
    expect(calls).not.toContain('whenReady')
    expect(listeners.has('second-instance')).toBe(false)
  })

  it('the first instance starts, and focuses (restoring) its window when a second launch happens', async () => {
    vi.resetModules()
    calls.length = 0
    lock.held = true
    await import('../../src/main/index')
    expect(calls).not.toContain('quit')
    expect(calls).toContain('whenReady')
    listeners.get('second-instance')!()
    expect(focused).toEqual(['restore', 'focus'])
  })
})
