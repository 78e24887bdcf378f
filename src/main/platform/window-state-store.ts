import Store from 'electron-store'
import { parseWindowState, type WindowState } from './window-state'

/**
 * The window's state in its own file (window-state.json in the app's data folder): electron-store is for the
 * shell's own state, while the files the CLI shares (profiles, settings) stay on conf through core.
 * `clearInvalidConfig`: a file that is not JSON any more starts over instead of stopping the app from opening.
 */
export interface WindowStateStore {
  read(): WindowState | undefined
  write(state: WindowState): void
}

export function openWindowStateStore(): WindowStateStore {
  let store: Store<{ window?: unknown }> | undefined
  try {
    store = new Store<{ window?: unknown }>({ name: 'window-state', clearInvalidConfig: true })
  } catch (error) {
    // A folder that cannot be read or written: the window opens with its defaults and nothing is remembered.
    console.warn('Reactor Explorer will not remember the window size:', error instanceof Error ? error.message : error)
  }
  return {
    read: () => parseWindowState(store?.get('window')),
    write: (state) => {
      try {
        store?.set('window', state)
      } catch (error) {
        console.warn('The window size could not be saved:', error instanceof Error ? error.message : error)
      }
    }
  }
}
