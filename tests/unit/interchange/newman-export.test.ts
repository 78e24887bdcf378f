import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../../src/sandbox'
import { exportPostmanCollection, exportPostmanEnvironment, starterCollection } from '../../../src/main/core/interchange'

// newman (devDependency) has no typings; only `run` is used.
interface NewmanExecution {
  item: { name: string }
  response?: { code: number }
  assertions?: Array<{ assertion: string; error?: { message: string } }>
}
interface NewmanSummary {
  run: { failures: Array<{ error: { message: string }; source?: { name?: string } }>; executions: NewmanExecution[]; stats: { requests: { total: number; failed: number } } }
}
const newman = createRequire(import.meta.url)('newman') as { run(options: Record<string, unknown>, callback: (error: Error | null, summary: NewmanSummary) => void): void }

let sandbox: RunningSandbox
beforeAll(async () => {
  sandbox = await startSandbox({ asyncDelayMs: 200 })
})
afterAll(async () => {
  await sandbox.close()
})

/** What newman cannot do itself: get a token. The test asks the Sandbox's IMS, as a Postman user would by hand. */
async function sandboxToken(): Promise<string> {
  const { clientId, clientSecret, scopes } = sandbox.credentials.working
  const response = await fetch(`${sandbox.imsUrl}/ims/token/v3`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: scopes.join(',') })
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { access_token: string }).access_token
}

describe('the exported starter collection runs in newman', () => {
  it('against the Sandbox: every request answers 2xx and every test passes, the chain and the build poll included', async () => {
    const collection = starterCollection({ sandbox: sandbox.seeded })
    const { document } = exportPostmanCollection(collection)
    const environment = exportPostmanEnvironment(collection.environments[0]!, { reactorHost: sandbox.reactorUrl })
    const token = await sandboxToken()
    // The collection file never holds a credential: the values live in the (test's) environment only.
    const text = JSON.stringify(document)
    expect(text).not.toContain(token)
    expect(text).not.toContain(sandbox.credentials.working.clientSecret)
    expect(text).not.toContain(sandbox.credentials.working.clientId)
    ;(environment.values as unknown[]).push(
      { key: 'ACCESS_TOKEN', value: token, type: 'secret', enabled: true },
      { key: 'API_KEY', value: sandbox.credentials.working.clientId, type: 'default', enabled: true },
      { key: 'IMS_ORG', value: sandbox.credentials.working.orgId, type: 'default', enabled: true }
    )

    const summary = await new Promise<NewmanSummary>((resolve, reject) =>
      newman.run({ collection: document, environment, reporters: [], timeoutRequest: 10_000 }, (error, result) => (error ? reject(error) : resolve(result)))
    )
    expect(summary.run.failures.map((failure) => `${failure.source?.name}: ${failure.error.message}`)).toEqual([])
    const executions = summary.run.executions
    // 19 requests, plus the poll asking again while the build was pending.
    expect(new Set(executions.map((execution) => execution.item.name)).size).toBe(19)
    for (const execution of executions) expect(execution.response?.code, execution.item.name).toBeGreaterThanOrEqual(200)
    for (const execution of executions) expect(execution.response?.code, execution.item.name).toBeLessThan(300)
    const poll = executions.filter((execution) => execution.item.name === 'Poll the build')
    expect(poll.length).toBeGreaterThanOrEqual(1)
    expect(poll.at(-1)!.assertions?.map((a) => a.assertion)).toContain('res.status eq 200')
    expect(executions.flatMap((execution) => execution.assertions ?? []).length).toBeGreaterThan(30)
  }, 60_000)
})
