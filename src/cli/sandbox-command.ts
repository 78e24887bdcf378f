// `reactor-explorer sandbox`: serves the Reactor Sandbox until Ctrl+C, printing what a person needs to
// explore it with curl (base URL and the demo credential, one item per line).
import { parseArgs } from 'node:util'
import { startSandbox, type RunningSandbox } from '../sandbox'
import { SANDBOX_CREDENTIALS, type ScenarioName } from '../sandbox'

const USAGE = 'usage: reactor-explorer sandbox [--port N] [--seed N] [--scale small|large] [--token-lifetime SECONDS]'

function parseInteger(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new Error(`--${name} must be an integer from ${min} to ${max} (got "${value}")`)
  }
  return number
}

const scenarioLabels: Record<ScenarioName, string> = {
  working: 'working (sees a company with web and edge properties)',
  noCompanies: 'noCompanies (valid; GET /companies answers 404)',
  noProductProfile: 'noProductProfile (token issued; Reactor answers 403)',
  wrongSecret: 'wrongSecret (IMS answers 401 invalid_client)'
}

export async function runSandboxCommand(args: string[]): Promise<number> {
  let options: { port?: number; seed?: number; scale?: 'small' | 'large'; tokenLifetimeSeconds?: number }
  try {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        scale: { type: 'string' },
        // Short-lived tokens let a person watch expiry and refresh happen in seconds.
        'token-lifetime': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true,
      allowPositionals: false
    })
    if (values.help) {
      console.log(USAGE)
      return 0
    }
    if (values.scale !== undefined && values.scale !== 'small' && values.scale !== 'large') {
      throw new Error(`--scale must be "small" or "large" (got "${values.scale}")`)
    }
    options = {
      port: parseInteger('port', values.port, 0, 65535),
      seed: parseInteger('seed', values.seed, 0, 2 ** 32 - 1),
      scale: values.scale,
      tokenLifetimeSeconds: parseInteger('token-lifetime', values['token-lifetime'], 1, 7 * 24 * 3600)
    }
  } catch (error) {
    console.error(`sandbox: ${(error as Error).message}\n${USAGE}`)
    return 2
  }

  let sandbox: RunningSandbox
  try {
    sandbox = await startSandbox(options)
  } catch (error) {
    const err = error as NodeJS.ErrnoException
    if (err.code === 'EADDRINUSE') console.error(`sandbox: port ${options.port} is already in use; pick another with --port`)
    else if (err.code === 'EACCES') console.error(`sandbox: not allowed to listen on port ${options.port}`)
    else console.error(`sandbox: could not start: ${err.message}`)
    return 1
  }

  const working = SANDBOX_CREDENTIALS.working
  const lines = [
    'Reactor Sandbox (simulated IMS + Reactor API; not Adobe)',
    `base url: ${sandbox.baseUrl}`,
    `ims token url: ${sandbox.imsUrl}/ims/token/v3`,
    `client id: ${working.clientId}`,
    `client secret: ${working.clientSecret}`,
    `org id: ${working.orgId}`,
    `scopes: ${working.scopes.join(',')}`,
    `seed: ${options.seed ?? 1}`,
    `scale: ${options.scale ?? 'small'}`,
    `token lifetime: ${options.tokenLifetimeSeconds ?? 86400} s`,
    `control token: ${sandbox.controlToken}   (send it as the x-sandbox-control header to /__sandbox/*)`,
    '',
    'other scenario credentials:'
  ]
  for (const name of Object.keys(SANDBOX_CREDENTIALS) as ScenarioName[]) {
    if (name === 'working') continue
    const credential = SANDBOX_CREDENTIALS[name]
    lines.push(
      `  ${scenarioLabels[name]}`,
      `    client id: ${credential.clientId}`,
      `    client secret: ${credential.clientSecret}`,
      `    org id: ${credential.orgId}`
    )
  }
  lines.push('', 'Press Ctrl+C to stop.')
  console.log(lines.join('\n'))

  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      console.log(`\nsandbox: ${signal} received, stopping`)
      sandbox.close().then(
        () => resolve(0),
        (error: unknown) => {
          console.error(`sandbox: error while stopping: ${String(error)}`)
          resolve(1)
        }
      )
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
