import type { DoctorReport, DoctorStep } from '@shared/contract'
import { Icon } from '../../app/Icon'

const STATUS_TEXT: Record<DoctorStep['status'], string> = {
  pending: 'waiting',
  running: 'checking',
  pass: 'passed',
  warn: 'warning',
  fail: 'failed',
  skip: 'skipped'
}

function StepIcon({ status }: { status: DoctorStep['status'] }) {
  if (status === 'pass') return <Icon name="check" size={16} />
  if (status === 'fail') return <Icon name="alert" size={16} />
  if (status === 'warn') return <Icon name="alert" size={16} />
  if (status === 'running') return <span className="spinner" aria-hidden="true" />
  return <span className="step-dot" aria-hidden="true" />
}

/** The Credential Doctor's steps as a list: green / amber / red, each with its next step. */
export function DoctorReportView({ steps, report }: { steps: DoctorStep[]; report?: DoctorReport }) {
  return (
    <div className="doctor">
      {report && (
        <div className={`doctor-headline doctor-${report.outcome}`} role="status">
          <Icon name={report.outcome === 'fails' ? 'alert' : 'check'} />
          <div>
            <strong>{report.headline}</strong>
            <div className="muted small">
              Checked in {(report.durationMs / 1000).toFixed(2)} s{report.simulated ? ' · simulated sandbox, not Adobe' : ''}
            </div>
          </div>
        </div>
      )}
      <ol className="doctor-steps" aria-label="Credential Doctor steps">
        {steps.map((step) => (
          <li key={step.id} className={`doctor-step step-${step.status}`} data-status={step.status}>
            <span className="step-icon">
              <StepIcon status={step.status} />
            </span>
            <div className="step-body">
              <div className="step-title">
                {step.title}
                <span className="visually-hidden"> — {STATUS_TEXT[step.status]}</span>
                {step.durationMs !== undefined && <span className="muted small"> · {step.durationMs} ms</span>}
              </div>
              <p className="step-summary">{step.summary}</p>
              {step.nextStep && (
                <p className="step-next">
                  <strong>Next step:</strong> {step.nextStep}
                </p>
              )}
              {step.details.length > 0 && (
                <ul className="step-details">
                  {step.details.map((detail) => (
                    <li key={detail} className="mono">
                      {detail}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  )
}
