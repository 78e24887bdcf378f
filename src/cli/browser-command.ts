import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startBrowserMode } from '../main/browser/browser-mode'

const projectRoot = resolve(__dirname, '..', '..')

/** `reactor-explorer browser [--port N] [--data-dir DIR]`: the app in a normal browser, real core behind it. */
export async function runBrowserCommand(args: string[]): Promise<number> {
  let values: { port?: string; 'data-dir'?: string }
  try {
    ;({ values } = parseArgs({ args, options: { port: { type: 'string' }, 'data-dir': { type: 'string' } } }))
  } catch (error) {
    console.error(`browser: ${(error as Error).message}`)
    return 2
  }
  const rendererDir = join(projectRoot, 'out', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error('The renderer is not built yet. Run `npm run build` first (npm run start:browser does it for you).')
    return 1
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`browser: --port must be a whole number from 0 to 65535, not "${values.port}".`)
    return 2
  }
  const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version
  const mode = await startBrowserMode({ rendererDir, port, version, dataDir: values['data-dir'] }).catch((error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `browser: port ${port} is already in use; choose another with --port.` : `browser: ${error.message}`)
    return undefined
  })
  if (!mode) return 1
  console.log('Reactor Explorer is running in browser mode.')
  console.log(`Open this address in Chromium, Chrome, Edge or Firefox: ${mode.server.appUrl}`)
  console.log('(The address carries a one-time launch token; keep it to yourself.) Press Ctrl+C to stop.')
  await new Promise<void>((resolvePromise) => {
    const stop = () => resolvePromise()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await mode.close()
  return 0
}
