import { beforeEach, describe, expect, it, vi } from 'vitest'

// Electron's hardening as tests, with a mocked electron (the binary cannot run on the build machines):
// what every window is created with, what every webContents refuses, and who may be a trusted caller.
const created: Array<{ options: Record<string, any>; loaded: string[] }> = []
const appListeners = new Map<string, (...args: any[]) => void>()
const permission = { request: undefined as undefined | ((...args: any[]) => void), check: undefined as undefined | ((...args: any[]) => boolean) }
const opened: string[] = []
vi.mock('electron', () => {
  class BrowserWindow {
    constructor(readonly options: Record<string, any>) {
      created.push({ options, loaded: this.loaded })
    }
    loaded: string[] = []
    once() {}
    loadURL(url: string) {
      this.loaded.push(url)
      return Promise.resolve()
    }
  }
  return {
    BrowserWindow,
    app: { on: (name: string, listener: (...args: any[]) => void) => appListeners.set(name, listener) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: (...args: any[]) => void) => (permission.request = handler),
        setPermissionCheckHandler: (handler: (...args: any[]) => boolean) => (permission.check = handler)
      }
    },
    shell: { openExternal: (url: string) => opened.push(url) }
  }
})

const { createMainWindow, hardenAllWebContents } = await import('../../src/main/platform/window')
const { applicationMenuTemplate } = await import('../../src/main/platform/app-menu')
const { devServerUrl } = await import('../../src/main/platform/dev-server')

function fakeContents() {
  const events = new Map<string, (...args: any[]) => void>()
  let windowOpen: ((details: { url: string }) => { action: string }) | undefined
  const contents = {
    closed: 0,
    on: (name: string, listener: (...args: any[]) => void) => events.set(name, listener),
    setWindowOpenHandler: (handler: typeof windowOpen) => (windowOpen = handler),
    closeDevTools: () => (contents.closed += 1)
  }
  return { contents, events, open: (url: string) => windowOpen!({ url }) }
}

beforeEach(() => {
  created.length = 0
  appListeners.clear()
  opened.length = 0
})

describe('every window is created locked down', () => {
  it.each([true, false])('webPreferences (devTools %s)', (devTools) => {
    createMainWindow('app://reactor-explorer/index.html', { devTools })
    const prefs = created[0]!.options.webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools
    })
    expect(prefs.preload).toMatch(/preload[\\/]index\.js$/)
    expect(created[0]!.loaded).toEqual(['app://reactor-explorer/index.html'])
  })
})

describe('every webContents refuses navigation, new windows, webviews and permissions', () => {
  it('denies and only opens allow-listed https docs externally', () => {
    hardenAllWebContents({ allowDevTools: false })
    const { contents, events, open } = fakeContents()
    appListeners.get('web-contents-created')!({}, contents)
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() }
      events.get(name)!(event)
      expect(event.preventDefault, name).toHaveBeenCalled()
    }
    expect(open('https://evil.example/')).toEqual({ action: 'deny' })
    expect(open('https://experienceleague.adobe.com/docs/experience-platform/tags/api/overview.html')).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://experienceleague.adobe.com/docs/experience-platform/tags/api/overview.html'])
    const callback = vi.fn()
    permission.request!({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(permission.check!({}, 'clipboard-read')).toBe(false)
    // Packaged: DevTools close as soon as anything opens them.
    events.get('devtools-opened')!()
    expect(contents.closed).toBe(1)
  })

  it('leaves DevTools alone in development', () => {
    hardenAllWebContents({ allowDevTools: true })
    const { contents, events } = fakeContents()
    appListeners.get('web-contents-created')!({}, contents)
    expect(events.has('devtools-opened')).toBe(false)
  })
})

describe('ELECTRON_RENDERER_URL makes a trusted caller only in an electron-vite dev run', () => {
  const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' }
  it.each([
    ['a built, unpackaged app (npm start)', { isDevBuild: false, isPackaged: false, env }, undefined],
    ['a packaged app', { isDevBuild: false, isPackaged: true, env }, undefined],
    ['a dev build that is somehow packaged', { isDevBuild: true, isPackaged: true, env }, undefined],
    ['a dev run pointing at a remote page', { isDevBuild: true, isPackaged: false, env: { ELECTRON_RENDERER_URL: 'https://evil.example/' } }, undefined],
    ['a dev run with garbage', { isDevBuild: true, isPackaged: false, env: { ELECTRON_RENDERER_URL: 'not a url' } }, undefined],
    ['electron-vite dev', { isDevBuild: true, isPackaged: false, env }, 'http://localhost:5173/']
  ])('%s', (_name, inputs, expected) => {
    expect(devServerUrl(inputs)).toBe(expected)
  })
})

describe('the application menu leaves the request-tab shortcuts to the renderer', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('%s: no close-window or reload accelerator', (platform) => {
    const roles = JSON.stringify(applicationMenuTemplate(platform))
    for (const taken of ['"close"', '"reload"', '"forceReload"', '"toggleDevTools"', 'CmdOrCtrl+W', 'CmdOrCtrl+T', 'CmdOrCtrl+R']) expect(roles).not.toContain(taken)
    expect(roles).toContain('"paste"')
    expect(roles).toContain(platform === 'darwin' ? '"appMenu"' : '"quit"')
  })
})
