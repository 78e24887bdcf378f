// The starter collection (src/main/core/interchange/starter-collection.ts) is what a newcomer runs first:
// every request of it, the publish flow's captures and build poll included, passes against the Sandbox.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { starterCollection } from '../../../src/main/core/interchange'
import { results, startRunnerHarness, type RunnerHarness } from './helpers'

let h: RunnerHarness
beforeAll(async () => {
  h = await startRunnerHarness()
})
afterAll(async () => h.close())

it('the starter collection runs green against the Sandbox, the publish flow to a finished build', async () => {
  const collection = starterCollection({ sandbox: { companyId: h.sandbox.seeded.companyId, webPropertyId: h.sandbox.seeded.webPropertyId } })
  const out = await h.run({ collection, environment: collection.environments[0] })
  const failed = results(out).filter((result) => result.outcome !== 'passed')
  expect(failed, JSON.stringify(failed, null, 1)).toEqual([])
  expect(out.summary.requests.total).toBeGreaterThanOrEqual(15)
  const poll = results(out).at(-1)!
  expect(poll.path).toMatch(/poll/)
  expect(poll.assertions.some((assertion) => assertion.kind === 'poll' && assertion.passed)).toBe(true)
  expect(out.captured.get('buildId')).toMatch(/^BL/)
})
