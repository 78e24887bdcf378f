// The Run view's pure parts: what a target plans, the rows of the results table, what a re-run of failures
// carries over, and the settings' sentences.
import { describe, expect, it } from 'vitest'
import { capturedVariables, DEFAULT_SETTINGS, plannedRequests, requestsNotRun, resultRows, runnableFolders, settingsProblems, startInput } from '../../../src/renderer/src/features/runner/run-model'
import { countOf } from '../../../src/renderer/src/features/runner/run-format'
import { COMPANIES_OK, PROPERTIES_FAILED, result, ROOT, runView } from './fixtures'

describe('run-model', () => {
  it('plans a collection, a folder or a selection in run order, and lists folders with their request counts', () => {
    const view = runView()
    expect(plannedRequests(view, {}).map((request) => request.path)).toEqual(['reads/list-companies.yml', 'reads/list-properties.yml', 'publish/create-library.yml'])
    expect(plannedRequests(view, { folder: 'publish' }).map((request) => `${request.method} ${request.name} (${request.folderNames})`)).toEqual(['POST Create a library (Publish)'])
    expect(plannedRequests(view, { requestPaths: ['publish/create-library.yml', 'reads/list-companies.yml'] }).map((request) => request.path)).toEqual(['reads/list-companies.yml', 'publish/create-library.yml'])
    expect(runnableFolders(view.items)).toEqual([
      { path: 'reads', label: 'Reads', requests: 2 },
      { path: 'publish', label: 'Publish', requests: 1 }
    ])
  })

  it('puts each unreadable data row in its iteration, and lists what never started after a stop', () => {
    const first = result({ index: 0, iteration: 1, path: 'reads/list-companies.yml', name: 'List companies' })
    const third = result({ index: 1, iteration: 3, path: 'reads/list-companies.yml', name: 'List companies' })
    const rows = resultRows([first, third], [{ iteration: 2, line: 3, message: 'line 3 has 3 values' }])
    expect(rows.map((row) => row.key)).toEqual(['result-0', 'data-2', 'result-1'])
    const plan = plannedRequests(runView(), { folder: 'reads' })
    expect(requestsNotRun(plan, 2, [first]).map((item) => `${item.iteration} ${item.request.path}`)).toEqual(['1 reads/list-properties.yml', '2 reads/list-companies.yml', '2 reads/list-properties.yml'])
  })

  it('carries captured values into a re-run, but not masked or cut ones', () => {
    const masked = result({ index: 3, path: 'x.yml', name: 'x', captures: [{ name: 'token', expression: '$.t', captured: true, value: '••••••', origin: 'action' }, { name: 'long', expression: '$.l', captured: true, value: 'a'.repeat(500), origin: 'action' }] })
    expect(capturedVariables([COMPANIES_OK(), PROPERTIES_FAILED(), masked], [{ name: 'region', value: 'eu', enabled: true }])).toEqual([
      { name: 'region', value: 'eu', enabled: true },
      { name: 'companyId', value: 'CO123', enabled: true }
    ])
  })

  it('says in a sentence which field cannot run, and builds the contract input from the rest', () => {
    expect(settingsProblems({ ...DEFAULT_SETTINGS, iterations: '1.5', delayMs: '-1' })).toEqual({
      iterations: 'Iterations is a whole number from 1 to 100,000.',
      delayMs: 'The delay is a whole number of milliseconds from 0 to 600,000.'
    })
    expect(settingsProblems({ ...DEFAULT_SETTINGS, mode: 'data' })).toEqual({ data: 'Choose a CSV or JSON file, or switch to a number of iterations.' })
    expect(startInput('r1', { root: ROOT, folder: 'reads' }, { ...DEFAULT_SETTINGS, iterations: ' 3 ', environment: 'Sandbox' }, 'sandbox')).toEqual({
      runId: 'r1', collectionRoot: ROOT, folder: 'reads', profileId: 'sandbox', environment: 'Sandbox', iterations: 3, concurrency: 1, delayMs: 0, bail: false, variables: []
    })
  })

  it('counts in words with the plural rules', () => {
    expect([countOf(1, 'request'), countOf(2, 'request'), countOf(0, 'request'), countOf(10_000, 'iteration')]).toEqual(['1 request', '2 requests', '0 requests', '10,000 iterations'])
  })
})
