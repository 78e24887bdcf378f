// Which renderer origin, besides app://, may call IPC. Only a development run (`electron-vite dev`, where
// vite replaces import.meta.env.DEV by true at build time) trusts ELECTRON_RENDERER_URL; in anything built for
// people — packaged or just `npm start` unpackaged — that variable is ignored, so a page it points to can
// never become a trusted caller.
export interface DevServerInputs {
  /** `import.meta.env.DEV`: true only in an `electron-vite dev` bundle. */
  isDevBuild: boolean
  isPackaged: boolean
  env: NodeJS.ProcessEnv
}

export function devServerUrl({ isDevBuild, isPackaged, env }: DevServerInputs): string | undefined {
  if (!isDevBuild || isPackaged) return undefined
  const raw = env['ELECTRON_RENDERER_URL']
  if (!raw) return undefined
  try {
    const url = new URL(raw)
    // electron-vite's dev server listens on loopback; anything else is not ours.
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) ? url.toString() : undefined
  } catch {
    return undefined
  }
}
