// A run's reporters follow it as it goes (results arrive one at a time, so memory stays flat however many
// iterations a data file has) and finish with the summary. Everything a reporter writes passes one redactor:
// no token, client secret, API key (client id) or org id value ever reaches a report.
import type { DataRowProblem, RequestRunResult, RunProgress, RunSummary, RunWait } from '../../../../shared/ipc/runner.contract'
import type { SecretRegistry } from '../../security/secret-registry'

export const REPORTER_NAMES = ['cli', 'json', 'junit', 'html'] as const
export type ReporterName = (typeof REPORTER_NAMES)[number]

export interface ReportContext {
  runId: string
  collection: string
  profile?: string
  environment?: string
  /** e.g. `reactor-explorer 0.1.0` */
  tool: string
  startedAt: string
}

export interface RunReporter {
  readonly name: ReporterName
  start(context: ReportContext): void
  result(result: RequestRunResult): void
  dataError(problem: DataRowProblem): void
  waiting?(path: string, wait: RunWait): void
  /** Writes the end of the report; answers the files written (none for the terminal). */
  finish(summary: RunSummary): Promise<string[]>
  /** Removes a half-written report (the run could not start). */
  abort?(): Promise<void>
}

/**
 * The masks a report applies: every secret the core knows (tokens, client secrets, secret variables) and the
 * credential's own identifiers, which are not secret in the app but have no business in a CI artifact.
 */
export function reportRedactor(secrets: SecretRegistry, identifiers: ReadonlyArray<string | undefined>): (text: string) => string {
  const own = identifiers.filter((value): value is string => typeof value === 'string' && value.length >= 4)
  return (text) => {
    let out = secrets.redact(text)
    for (const value of own) if (out.includes(value)) out = out.split(value).join('••••••')
    return out
  }
}

/** Feeds the runner's progress events to every reporter. */
export function reportProgress(reporters: readonly RunReporter[]): (progress: RunProgress) => void {
  return (progress) => {
    for (const reporter of reporters) {
      if (progress.type === 'result') reporter.result(progress.result)
      else if (progress.type === 'data-error') reporter.dataError(progress.problem)
      else if (progress.type === 'waiting') reporter.waiting?.(progress.path, progress.wait)
    }
  }
}

export function failedChecks(result: RequestRunResult): string[] {
  const lines: string[] = []
  if (result.error) lines.push(result.error.message)
  for (const assertion of result.assertions) if (!assertion.passed) lines.push(assertion.message)
  for (const capture of result.captures) if (!capture.captured && capture.message) lines.push(capture.message)
  return lines
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}
