import { startSandbox, type RunningSandbox, type SandboxOptions } from './start-sandbox'

/**
 * The app's one in-process sandbox: started on first use (the Sandbox profile, the Sandbox area), shared by
 * every caller, stopped when the app quits. Concurrent first calls share one start.
 */
export class SandboxHost {
  private starting: Promise<RunningSandbox> | undefined
  private running: RunningSandbox | undefined

  constructor(readonly options: SandboxOptions = {}) {}

  ensureRunning(): Promise<RunningSandbox> {
    this.starting ??= startSandbox(this.options).then(
      (sandbox) => (this.running = sandbox),
      (error: unknown) => {
        this.starting = undefined
        throw error
      }
    )
    return this.starting
  }

  current(): RunningSandbox | undefined {
    return this.running
  }

  async stop(): Promise<void> {
    const sandbox = await this.starting?.catch(() => undefined)
    this.starting = undefined
    this.running = undefined
    await sandbox?.close()
  }
}
