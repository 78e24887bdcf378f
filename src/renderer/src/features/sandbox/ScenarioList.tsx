// The Sandbox's scenario credentials, each with "Use this scenario": main makes (or selects) a Sandbox profile
// for it and makes it active; its secret never comes here. Then the person can test it with the Credential
// Doctor right here, or open GET /companies in a Request tab with it. No terminal, nothing to copy.
import { useEffect, useState } from 'react'
import type { DoctorReport, SandboxScenarioName, SandboxScenarioView } from '@shared/contract'
import { newRequestSpec } from '@shared/requests/request-spec'
import { api, unwrap } from '../../api/client'
import { useProfilesData } from '../../state/active-profile'
import { openRequestInTab } from '../../state/workbench-commands'
import { DoctorReportView } from '../profiles/DoctorReportView'

export const SCENARIO_TITLES: Record<SandboxScenarioName, string> = {
  working: 'Working credential',
  noCompanies: 'Valid, no companies',
  noProductProfile: 'Missing product profile',
  wrongSecret: 'Wrong client secret'
}

interface Props {
  scenarios: SandboxScenarioView[]
  /** The Sandbox area reads its status again (the Sandbox has started, a profile now exists). */
  onChanged(): void
}

interface Outcome {
  scenario: SandboxScenarioName
  profileId: string
  profileName: string
  created: boolean
  /** The active profile as the list said when the button was pressed: a later change there is the person's. */
  listedBefore: string | undefined
}

export function ScenarioList({ scenarios, onChanged }: Props) {
  const profilesData = useProfilesData()
  const listedActive = profilesData.state?.activeProfileId
  // The profile just made active, until the profile list (refreshed by main's profiles:changed) says so itself.
  const [used, setUsed] = useState<Outcome | undefined>()
  const [busy, setBusy] = useState<SandboxScenarioName | undefined>()
  const [error, setError] = useState<{ scenario: SandboxScenarioName; text: string } | undefined>()
  const [testing, setTesting] = useState(false)
  const [report, setReport] = useState<{ profileId: string; report: DoctorReport } | undefined>()
  const activeProfileId = used?.profileId ?? listedActive

  useEffect(() => {
    // Another profile chosen elsewhere since (the switcher, the Profiles area): the confirmation no longer applies.
    if (used && listedActive !== used.listedBefore && listedActive !== used.profileId) setUsed(undefined)
  }, [listedActive, used])

  async function use(scenario: SandboxScenarioName) {
    setBusy(scenario)
    setError(undefined)
    setReport(undefined)
    try {
      const result = await unwrap(api().useSandboxScenario({ scenario }))
      setUsed({ scenario, profileId: result.profile.id, profileName: result.profile.name, created: result.created, listedBefore: listedActive })
      onChanged()
    } catch (failure) {
      setError({ scenario, text: (failure as Error).message })
    } finally {
      setBusy(undefined)
    }
  }

  async function test(profileId: string, scenario: SandboxScenarioName) {
    setTesting(true)
    setError(undefined)
    setReport(undefined)
    try {
      setReport({ profileId, report: await unwrap(api().runCredentialDoctor({ profileId })) })
      onChanged()
    } catch (failure) {
      setError({ scenario, text: (failure as Error).message })
    } finally {
      setTesting(false)
    }
  }

  function openInRequest(scenario: SandboxScenarioName) {
    openRequestInTab({
      spec: newRequestSpec({ name: 'List companies', url: '/companies' }),
      note: `Sends with the Sandbox scenario “${SCENARIO_TITLES[scenario]}”: ${scenarios.find((s) => s.name === scenario)?.expectedOutcome ?? ''}`
    })
  }

  return (
    <ul className="scenario-list" aria-label="Sandbox scenarios">
      {scenarios.map((scenario) => {
        const title = SCENARIO_TITLES[scenario.name]
        const profileId = scenario.profileId ?? (used?.scenario === scenario.name ? used.profileId : undefined)
        const active = profileId !== undefined && profileId === activeProfileId
        const headingId = `scenario-${scenario.name}`
        return (
          <li key={scenario.name} className={`scenario${active ? ' scenario-active' : ''}`} aria-labelledby={headingId} data-scenario={scenario.name}>
            <div className="scenario-text">
              <h3 id={headingId} className="scenario-title">
                {title}
                {active && <span className="badge badge-ok">Active profile</span>}
              </h3>
              <p className="scenario-outcome">{scenario.expectedOutcome}</p>
              <p className="scenario-ids muted mono">
                <span title="Client ID">{scenario.clientId}</span>
                <span aria-hidden="true"> · </span>
                <span title="Org ID">{scenario.orgId}</span>
              </p>
            </div>
            <div className="scenario-actions">
              {active ? (
                <>
                  <button type="button" className="btn btn-primary" disabled={testing} aria-label={`Test credential: ${title}`} onClick={() => void test(profileId, scenario.name)}>
                    {testing ? 'Testing…' : 'Test credential'}
                  </button>
                  <button type="button" className="btn" aria-label={`Open in Request: ${title}`} onClick={() => openInRequest(scenario.name)}>
                    Open in Request
                  </button>
                </>
              ) : (
                <button type="button" className="btn" disabled={busy !== undefined} aria-label={`Use this scenario: ${title}`} onClick={() => void use(scenario.name)}>
                  {busy === scenario.name ? 'Preparing…' : 'Use this scenario'}
                </button>
              )}
            </div>
            {used?.scenario === scenario.name && active && (
              <p className="scenario-confirm" role="status">
                {used.created ? 'Made the profile' : 'Switched to the profile'} <strong>{used.profileName}</strong>; it is the active profile now. Its
                secret stays in the app.
              </p>
            )}
            {error?.scenario === scenario.name && (
              <p className="inline-error scenario-confirm" role="alert">
                {error.text}
              </p>
            )}
            {report && report.profileId === profileId && (
              <div className="scenario-report">
                <DoctorReportView steps={report.report.steps} report={report.report} />
              </div>
            )}
          </li>
        )
      })}
    </ul>
  )
}
