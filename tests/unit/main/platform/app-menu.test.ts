import { describe, expect, it, vi } from 'vitest'

// Electron cannot run here: the menu template is plain data, and the one click it handles is checked against a
// stand-in window that records the input events it is sent.
const sent: Array<{ type: string; keyCode: string }> = []
vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { sendInputEvent: (event: { type: string; keyCode: string }) => sent.push(event) }
    isDestroyed() {
      return false
    }
    static getFocusedWindow() {
      return undefined
    }
  }
  return { BrowserWindow, Menu: { setApplicationMenu() {}, buildFromTemplate: (template: unknown) => template } }
})

const { BrowserWindow } = await import('electron')
const { applicationMenuTemplate } = await import('../../../../src/main/platform/app-menu')

type Item = { role?: string; label?: string; accelerator?: string; registerAccelerator?: boolean; submenu?: Item[]; click?: (item: unknown, window: unknown) => void }

describe.each(['darwin', 'win32', 'linux'] as const)('the %s application menu', (platform) => {
  const help = (applicationMenuTemplate(platform) as Item[]).find((item) => item.role === 'help')
  const welcome = help?.submenu?.find((item) => item.label === 'Welcome')

  it('has Help → Welcome showing F1 without taking the key from the page', () => {
    expect(welcome).toMatchObject({ accelerator: 'F1', registerAccelerator: false })
  })

  it('presses F1 in the window it was chosen from, which opens the welcome there', () => {
    sent.length = 0
    welcome!.click!({}, new (BrowserWindow as unknown as new () => object)())
    expect(sent).toEqual([
      { type: 'keyDown', keyCode: 'F1' },
      { type: 'keyUp', keyCode: 'F1' }
    ])
  })

  it('does nothing when no window is open', () => {
    sent.length = 0
    welcome!.click!({}, undefined)
    expect(sent).toEqual([])
  })
})
