// The Run view against a fake core: a run set up and started with the settings the person chose, its progress
// (bar, counts, the polite live region), the results table with the failing value, the filter to failures,
// opening a result in a tab, re-running only what failed (with the values captured before), stopping (the
// table says which requests never ran), export as a download, and the setup's refusals.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RunnerArea } from '../../../src/renderer/src/features/runner/RunnerArea'
import { resetRunsForTests } from '../../../src/renderer/src/features/runner/runner-store'
import { ActiveProfileProvider } from '../../../src/renderer/src/state/active-profile'
import { openRunView, registerRequestOpener, type OpenRequest } from '../../../src/renderer/src/state/workbench-commands'
import { COMPANIES_OK, installRunnerApi, LIBRARY_OK, PROPERTIES_FAILED, ROOT, summary } from './fixtures'

function renderRunner() {
  return render(
    <ActiveProfileProvider>
      <RunnerArea />
    </ActiveProfileProvider>
  )
}

async function setUpAndStart(api: ReturnType<typeof installRunnerApi>) {
  renderRunner()
  const start = await screen.findByRole('button', { name: 'Start run' })
  await waitFor(() => expect(screen.getByText(/Runs 3 requests of Reactor checks, 1 iteration, with Sandbox \(simulated\)\./)).toBeTruthy())
  fireEvent.click(start)
  await waitFor(() => expect(api.runs).toHaveLength(1))
  return api.runs[0]!
}

function table() {
  return screen.getByRole('table', { name: /^Results of Run/ })
}

function bodyRows() {
  return within(table()).getAllByRole('row').slice(1)
}

beforeEach(() => resetRunsForTests())
afterEach(() => vi.restoreAllMocks())

describe('the Run view', () => {
  it('starts a run with the chosen settings and follows its progress: bar, counts, live region', async () => {
    const api = installRunnerApi()
    renderRunner()
    await screen.findByRole('button', { name: 'Start run' })
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Collection' }) as HTMLSelectElement).value).toBe(ROOT))
    fireEvent.change(screen.getByRole('combobox', { name: 'Profile' }), { target: { value: 'prod' } })
    fireEvent.change(screen.getByRole('textbox', { name: 'Number of iterations' }), { target: { value: '2' } })
    fireEvent.change(screen.getByRole('textbox', { name: 'Concurrency' }), { target: { value: '4' } })
    fireEvent.change(screen.getByRole('textbox', { name: 'Delay between requests (ms)' }), { target: { value: '250' } })
    fireEvent.click(screen.getByRole('checkbox', { name: 'Stop at the first failure' }))
    expect(screen.getByText('Runs 3 requests of Reactor checks, 2 iterations, with Production.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }))
    await waitFor(() => expect(api.runs).toHaveLength(1))
    const { input } = api.runs[0]!
    expect(input).toMatchObject({ collectionRoot: ROOT, profileId: 'prod', iterations: 2, concurrency: 4, delayMs: 250, bail: true, variables: [] })
    expect(input).not.toHaveProperty('folder')
    const runId = input.runId

    const bar = await screen.findByRole('progressbar', { name: 'Run 1 progress' })
    const status = screen.getByTestId('run-announcement')
    await waitFor(() => expect(status.textContent).toBe('Run 1 started.'))
    expect(status.getAttribute('aria-live')).toBe('polite')
    api.progress({ runId, type: 'started', requestsPerIteration: 3, iterations: 2, startedAt: '' }, { runId, type: 'request', index: 0, iteration: 1, path: 'reads/list-companies.yml', name: 'List companies' })
    await waitFor(() => expect(bar.getAttribute('aria-valuemax')).toBe('6'))
    expect(screen.getByText('Running List companies')).toBeTruthy()
    api.progress({ runId, type: 'result', result: COMPANIES_OK(0), done: 1, failed: 0 }, { runId, type: 'result', result: PROPERTIES_FAILED(1), done: 2, failed: 1 })
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('2'))
    expect(bar.getAttribute('aria-valuetext')).toBe('2 of 6 requests done, 1 failed')
    const counts = within(screen.getByTestId('run-counts'))
    expect(counts.getByText('2 / 6')).toBeTruthy()
    expect(counts.getByText('1 passed, 1 failed')).toBeTruthy()
    // A run that goes on does not make the live region speak each result.
    expect(status.textContent).toBe('Run 1 started.')
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy()
    expect((screen.getByRole('button', { name: /^Export report/ }) as HTMLButtonElement).disabled).toBe(true)

    api.progress({ runId, type: 'result', result: LIBRARY_OK(2), done: 3, failed: 1 })
    const end = summary(runId, { requests: { total: 3, passed: 2, failed: 1, cancelled: 0, notRun: 3, answered: 3 }, stoppedBy: 'bail', durationMs: 65_000 })
    api.progress({ runId, type: 'finished', summary: end })
    await act(async () => api.runs[0]!.answer.resolve({ ok: true, value: end }))
    await waitFor(() => expect(status.textContent).toBe('Run 1 failed after 1 minute 5 seconds: 3 of 6 requests done, 1 failed.'))
    expect(screen.getByText(/^Stopped after the first failure/)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull()
    expect(screen.getByRole('tab', { name: /Run 1.*failed/ })).toBeTruthy()
  })

  it('lists every result with its status, time and failing value; filters to failures; shows a row in full', async () => {
    const api = installRunnerApi()
    const { input } = await setUpAndStart(api)
    const runId = input.runId
    api.progress({ runId, type: 'started', requestsPerIteration: 3, iterations: 1, startedAt: '' })
    // With concurrency answers come out of order: the table keeps start order.
    api.progress({ runId, type: 'result', result: LIBRARY_OK(2), done: 1, failed: 0 }, { runId, type: 'result', result: COMPANIES_OK(0), done: 2, failed: 0 }, { runId, type: 'result', result: PROPERTIES_FAILED(1), done: 3, failed: 1 })
    await act(async () => api.runs[0]!.answer.resolve({ ok: true, value: summary(runId) }))
    await waitFor(() => expect(bodyRows()).toHaveLength(3))
    expect(bodyRows().map((row) => within(row).getByRole('button').textContent)).toEqual(['List companies', 'List properties', 'Create a library'])
    const failed = bodyRows()[1]!
    expect(failed.textContent).toContain('Failed')
    expect(failed.textContent).toContain('500')
    expect(failed.textContent).toContain('1 failed, 0 passed')
    expect(failed.textContent).toContain('Expected res.status to equal 200, got 500.')
    expect(bodyRows()[2]!.textContent).toMatch(/Passed.*Create a library.*201.*12 ms.*1 passed/)
    expect(table().getAttribute('aria-rowcount')).toBe('4')

    fireEvent.click(screen.getByRole('button', { name: /^Failures/ }))
    expect(screen.getByRole('button', { name: /^Failures/ }).getAttribute('aria-pressed')).toBe('true')
    await waitFor(() => expect(bodyRows()).toHaveLength(1))
    fireEvent.click(within(bodyRows()[0]!).getByRole('button', { name: 'List properties' }))
    const detail = within(await screen.findByTestId('run-result-detail'))
    const check = detail.getByRole('table', { name: /Assertions: 1 failed of 1/ })
    expect(within(check).getAllByRole('row')[1]!.textContent).toMatch(/res\.status eq.*200.*500/)
    expect(detail.getByText('500 Internal Server Error')).toBeTruthy()

    // Keyboard: one Tab stop in the table, arrows move between rows.
    fireEvent.click(screen.getByRole('button', { name: /^All/ }))
    await waitFor(() => expect(bodyRows()).toHaveLength(3))
    const buttons = () => bodyRows().map((row) => within(row).getByRole('button'))
    expect(buttons().map((button) => button.tabIndex)).toEqual([-1, 0, -1])
    fireEvent.keyDown(buttons()[1]!, { key: 'ArrowDown' })
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Create a library'))
    fireEvent.keyDown(document.activeElement!, { key: 'Home' })
    await waitFor(() => expect(document.activeElement?.textContent).toBe('List companies'))
  })

  it('opens a result as a tab of its collection file, noting why it failed', async () => {
    const api = installRunnerApi()
    const opened: OpenRequest[] = []
    const unregister = registerRequestOpener((request) => opened.push(request))
    try {
      const { input } = await setUpAndStart(api)
      api.progress({ runId: input.runId, type: 'result', result: PROPERTIES_FAILED(0), done: 1, failed: 1 })
      await act(async () => api.runs[0]!.answer.resolve({ ok: true, value: summary(input.runId) }))
      await waitFor(() => expect(bodyRows()).toHaveLength(1))
      fireEvent.click(within(bodyRows()[0]!).getByRole('button'))
      fireEvent.click(await screen.findByRole('button', { name: 'Open in a tab' }))
      expect(opened).toHaveLength(1)
      expect(opened[0]).toMatchObject({
        spec: { name: 'List properties', url: '/companies/{{companyId}}/properties' },
        origin: { kind: 'collection', root: ROOT, path: 'reads/list-properties.yml', etag: 'e2' },
        note: 'Opened from Run 1: failed — Expected res.status to equal 200, got 500.'
      })
      // Shift+Enter on a row opens it too.
      fireEvent.keyDown(within(bodyRows()[0]!).getByRole('button'), { key: 'Enter', shiftKey: true })
      expect(opened).toHaveLength(2)
    } finally {
      unregister()
    }
  })

  it('re-runs only the failed requests, in a new tab, with the values the first run captured', async () => {
    const api = installRunnerApi()
    const { input } = await setUpAndStart(api)
    const runId = input.runId
    api.progress({ runId, type: 'result', result: COMPANIES_OK(0), done: 1, failed: 0 }, { runId, type: 'result', result: PROPERTIES_FAILED(1), done: 2, failed: 1 }, { runId, type: 'result', result: LIBRARY_OK(2), done: 3, failed: 1 })
    await act(async () => api.runs[0]!.answer.resolve({ ok: true, value: summary(runId) }))
    const rerun = await screen.findByRole('button', { name: 'Re-run failed (1)' })
    await waitFor(() => expect((rerun as HTMLButtonElement).disabled).toBe(false))
    fireEvent.click(screen.getByRole('button', { name: /^Failures/ }))
    fireEvent.click(rerun)
    await waitFor(() => expect(api.runs).toHaveLength(2))
    expect(api.runs[1]!.input).toMatchObject({ collectionRoot: ROOT, requestPaths: ['reads/list-properties.yml'], profileId: 'sandbox', variables: [{ name: 'companyId', value: 'CO123', enabled: true }] })
    expect(api.runs[1]!.input.runId).not.toBe(runId)
    // The first run's results stay in their own tab.
    const tabs = screen.getAllByRole('tab')
    expect(tabs.map((tab) => tab.textContent)).toEqual([expect.stringMatching(/^✘Run 1/), expect.stringMatching(/^●Run 2/)])
    expect(tabs[1]!.getAttribute('aria-selected')).toBe('true')
    expect(screen.getByText(/the 1 failed request of Run 1/)).toBeTruthy()
    // Each tab has its own view: the new run shows all its results, not the first one's filter.
    expect(screen.getByRole('button', { name: /^All/ }).getAttribute('aria-pressed')).toBe('true')
    fireEvent.click(tabs[0]!)
    await waitFor(() => expect(bodyRows()).toHaveLength(3))
  })

  it('stops a run: main is asked to cancel, and the table says which requests ran and which never started', async () => {
    const api = installRunnerApi()
    const { input } = await setUpAndStart(api)
    const runId = input.runId
    api.progress({ runId, type: 'started', requestsPerIteration: 3, iterations: 1, startedAt: '' }, { runId, type: 'result', result: COMPANIES_OK(0), done: 1, failed: 0 }, { runId, type: 'request', index: 1, iteration: 1, path: 'reads/list-properties.yml', name: 'List properties' })
    fireEvent.click(await screen.findByRole('button', { name: 'Stop' }))
    await waitFor(() => expect(api.fake.api.cancelRun).toHaveBeenCalledWith({ runId }))
    expect(screen.getByRole('button', { name: 'Stopping…' })).toBeTruthy()
    const cancelled = { ...PROPERTIES_FAILED(1), outcome: 'cancelled' as const, status: undefined, statusText: undefined, assertions: [], error: { code: 'cancelled', message: 'The request was cancelled.' } }
    const end = summary(runId, { outcome: 'cancelled', stoppedBy: 'cancel', requests: { total: 2, passed: 1, failed: 0, cancelled: 1, notRun: 1, answered: 1 } })
    api.progress({ runId, type: 'result', result: cancelled, done: 2, failed: 0 }, { runId, type: 'finished', summary: end })
    await act(async () => api.runs[0]!.answer.resolve({ ok: true, value: end }))
    await waitFor(() => expect(screen.getByText('Stopped by you: 1 ran, 1 cancelled in flight, 1 did not start.')).toBeTruthy())
    expect(bodyRows().map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^✔ Passed.*List companies/),
      expect.stringMatching(/^– Cancelled.*List properties.*Cancelled.*Not checked/),
      expect.stringMatching(/^○ Not run.*Create a library.*Did not start/)
    ])
    expect(screen.getByRole('button', { name: 'Re-run failed' }).hasAttribute('disabled')).toBe(true)
    expect(screen.getByTestId('run-announcement').textContent).toMatch(/^Run 1 was stopped after 1 second/)
  })

  it('exports a finished run as a download in browser mode, and closing the results deletes its reports', async () => {
    const api = installRunnerApi()
    const created = vi.fn(() => 'blob:report')
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() })
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    const { input } = await setUpAndStart(api)
    await act(async () => api.runs[0]!.answer.resolve({ ok: true, value: summary(input.runId) }))
    const exportButton = screen.getByRole('button', { name: /^Export report/ })
    await waitFor(() => expect((exportButton as HTMLButtonElement).disabled).toBe(false))
    fireEvent.click(exportButton)
    fireEvent.click(screen.getByRole('menuitem', { name: 'JUnit XML' }))
    await waitFor(() => expect(screen.getByText('Downloaded reactor-checks-junit.txt (JUnit XML).')).toBeTruthy())
    expect(api.fake.api.exportRunReport).toHaveBeenCalledWith({ runId: input.runId, format: 'junit', destination: 'download' })
    expect(created).toHaveBeenCalledTimes(1)
    expect(click).toHaveBeenCalledTimes(1)

    fireEvent.click(screen.getByRole('button', { name: 'Close results' }))
    await waitFor(() => expect(api.fake.api.discardRunReport).toHaveBeenCalledWith({ runId: input.runId }))
    expect(screen.queryByRole('tab')).toBeNull()
    expect(screen.getByText('No runs open')).toBeTruthy()
  })

  it('refuses settings it cannot run with a sentence, and runs a data file picked in the page', async () => {
    const api = installRunnerApi()
    renderRunner()
    await waitFor(() => expect(screen.getByText(/Runs 3 requests/)).toBeTruthy())
    fireEvent.change(screen.getByRole('textbox', { name: 'Number of iterations' }), { target: { value: '0' } })
    fireEvent.change(screen.getByRole('textbox', { name: 'Concurrency' }), { target: { value: '65' } })
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }))
    expect(screen.getByText('Iterations is a whole number from 1 to 100,000.')).toBeTruthy()
    expect(screen.getByText('Concurrency is a whole number from 1 to 64.')).toBeTruthy()
    expect(screen.getByRole('textbox', { name: 'Concurrency' }).getAttribute('aria-invalid')).toBe('true')
    expect(api.runs).toHaveLength(0)
    fireEvent.change(screen.getByRole('textbox', { name: 'Concurrency' }), { target: { value: '1' } })

    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!
    fireEvent.change(input, { target: { files: [new File(['x'], 'rows.xlsx')] } })
    expect((await screen.findByRole('alert')).textContent).toMatch(/^“rows\.xlsx” is neither a \.csv nor a \.json file/)
    fireEvent.change(input, { target: { files: [new File(['companyId\nCO1\nCO2\n'], 'companies.csv', { type: 'text/csv' })] } })
    await waitFor(() => expect(screen.getByText('companies.csv')).toBeTruthy())
    expect(screen.getByRole('radio', { name: 'One iteration per row of a data file' })).toHaveProperty('checked', true)
    fireEvent.change(screen.getByRole('combobox', { name: 'What to run' }), { target: { value: 'reads' } })
    await waitFor(() => expect(screen.getByText('Runs 2 requests of Reactor checks, one iteration per row of companies.csv, with Sandbox (simulated).')).toBeTruthy())
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }))
    await waitFor(() => expect(api.runs).toHaveLength(1))
    expect(api.runs[0]!.input).toMatchObject({ folder: 'reads', data: { fileName: 'companies.csv', text: 'companyId\nCO1\nCO2\n' } })
    expect(api.runs[0]!.input).not.toHaveProperty('iterations')

    // A run main refuses says why, in its tab.
    await act(async () => api.runs[0]!.answer.resolve({ ok: false, error: { code: 'runner-data-file', message: 'The run was not started: the CSV data file "companies.csv" cannot be used.' } }))
    expect((await screen.findByText(/^The run did not start:/)).textContent).toBe('The run did not start: The run was not started: the CSV data file "companies.csv" cannot be used.')
  })

  it('"Run…" from Collections sets up a run of that folder, even before the Runner is shown', async () => {
    installRunnerApi()
    openRunView({ root: ROOT, folderPath: 'publish' })
    renderRunner()
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'What to run' }) as HTMLSelectElement).value).toBe('publish'))
    // The summary follows the setup once the collection's tree has arrived (a moment later on a loaded machine).
    await waitFor(() => expect(screen.getByText(/Runs 1 request of Reactor checks/)).toBeTruthy())
    expect(screen.getAllByRole('tab')).toHaveLength(1)
    // Asking again for the same folder selects the tab set up for it rather than opening another.
    act(() => openRunView({ root: ROOT, folderPath: 'publish' }))
    await waitFor(() => expect(screen.getAllByRole('tab')).toHaveLength(1))
  })
})
