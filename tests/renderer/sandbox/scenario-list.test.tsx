import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { SandboxArea } from '../../../src/renderer/src/features/sandbox/SandboxArea'
import { registerRequestOpener, type OpenRequest } from '../../../src/renderer/src/state/workbench-commands'
import type { DoctorReport, ProfileSummary, SandboxStatus, UseScenarioResult, WindowApi } from '../../../src/shared/contract'
import { installFakeApi } from '../../support/fake-api'

const WAIT = { timeout: 5_000 }

const SCENARIOS: SandboxStatus['scenarios'] = [
  { name: 'working', clientId: 'sandbox-working-client', orgId: '5A4DB0C5000000000000000A@AdobeOrg', expectedOutcome: 'Sees a company.', profileId: 'sandbox' },
  { name: 'noCompanies', clientId: 'sandbox-no-companies-client', orgId: '5A4DB0C5000000000000000B@AdobeOrg', expectedOutcome: 'GET /companies answers 404, which Adobe says is fine.' }
]

function status(made: boolean): SandboxStatus {
  return {
    running: made,
    seed: 1,
    scale: 'small',
    scenarios: SCENARIOS.map((scenario) => (made && scenario.name === 'noCompanies' ? { ...scenario, profileId: 'sandbox-no-companies' } : scenario)),
    faults: []
  }
}

const PROFILE = {
  id: 'sandbox-no-companies',
  name: 'Sandbox · valid, no companies (simulated)',
  environment: 'sandbox',
  simulated: true,
  builtIn: true
} as unknown as ProfileSummary

const REPORT = {
  profileId: 'sandbox-no-companies',
  outcome: 'works',
  headline: 'The credential works: it has no companies yet.',
  durationMs: 120,
  simulated: true,
  steps: [],
  text: 'report'
} as unknown as DoctorReport

describe('Sandbox area: Use this scenario', () => {
  it('makes the scenario profile through main, says so, then tests it and opens GET /companies with it', async () => {
    let made = false
    const useSandboxScenario = vi.fn(async () => {
      made = true
      return { ok: true as const, value: { profile: PROFILE, created: true } satisfies UseScenarioResult }
    })
    const runCredentialDoctor = vi.fn(async () => ({ ok: true as const, value: REPORT }))
    installFakeApi({
      getSandboxStatus: vi.fn(async () => ({ ok: true as const, value: status(made) })) as unknown as WindowApi['getSandboxStatus'],
      useSandboxScenario: useSandboxScenario as unknown as WindowApi['useSandboxScenario'],
      runCredentialDoctor: runCredentialDoctor as unknown as WindowApi['runCredentialDoctor']
    })
    const opened: OpenRequest[] = []
    const off = registerRequestOpener((request) => opened.push(request))
    render(<SandboxArea />)

    const row = await screen.findByRole('listitem', { name: /Valid, no companies/ }, WAIT)
    expect(within(row).getByText('GET /companies answers 404, which Adobe says is fine.')).toBeTruthy()
    expect(within(row).queryByRole('button', { name: /Test credential/ })).toBeNull()
    fireEvent.click(within(row).getByRole('button', { name: 'Use this scenario: Valid, no companies' }))

    expect((await within(row).findByRole('status', {}, WAIT)).textContent).toMatch(/Made the profile Sandbox · valid, no companies \(simulated\); it is the active profile now/)
    expect(useSandboxScenario).toHaveBeenCalledWith({ scenario: 'noCompanies' })
    expect(within(row).getByText('Active profile')).toBeTruthy()

    fireEvent.click(within(row).getByRole('button', { name: 'Test credential: Valid, no companies' }))
    expect(await within(row).findByText(REPORT.headline, {}, WAIT)).toBeTruthy()
    expect(runCredentialDoctor).toHaveBeenCalledWith({ profileId: 'sandbox-no-companies' })

    fireEvent.click(within(row).getByRole('button', { name: 'Open in Request: Valid, no companies' }))
    expect(opened).toHaveLength(1)
    expect(opened[0]!.spec).toMatchObject({ method: 'GET', url: '/companies' })
    off()
  })

  it('shows main’s sentence when the scenario cannot be used', async () => {
    installFakeApi({
      getSandboxStatus: vi.fn(async () => ({ ok: true as const, value: status(false) })) as unknown as WindowApi['getSandboxStatus'],
      useSandboxScenario: vi.fn(async () => ({
        ok: false as const,
        error: { code: 'sandbox-unavailable', message: 'The Sandbox could not start: port in use.' }
      })) as unknown as WindowApi['useSandboxScenario']
    })
    render(<SandboxArea />)
    const row = await screen.findByRole('listitem', { name: /Valid, no companies/ }, WAIT)
    fireEvent.click(within(row).getByRole('button', { name: 'Use this scenario: Valid, no companies' }))
    await waitFor(() => expect(within(row).getByRole('alert').textContent).toBe('The Sandbox could not start: port in use.'), WAIT)
  })
})
