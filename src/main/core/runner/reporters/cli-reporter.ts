// The terminal reporter: one line per request as it finishes (the failing checks under it), retry and poll
// waits as they happen, and a summary table at the end.
import type { DataRowProblem, RequestRunResult, RunSummary, RunWait } from '../../../../shared/ipc/runner.contract'
import { failedChecks, seconds, type ReportContext, type RunReporter } from './reporter'

export interface CliReporterOptions {
  out(line: string): void
  redact(text: string): string
  /** Show retry and poll waits (stderr in the CLI). */
  note?(line: string): void
  color?: boolean
}

const MARK = { passed: '✔', failed: '✘', cancelled: '-' } as const

export class CliReporter implements RunReporter {
  readonly name = 'cli' as const
  private iterations = false

  constructor(private readonly options: CliReporterOptions) {}

  private paint(code: number, text: string): string {
    return this.options.color ? `\u001b[${code}m${text}\u001b[0m` : text
  }

  private line(text: string): void {
    this.options.out(this.options.redact(text))
  }

  start(context: ReportContext): void {
    this.line(`${context.collection}${context.environment ? ` · environment ${context.environment}` : ''}${context.profile ? ` · profile ${context.profile}` : ''}`)
  }

  result(result: RequestRunResult): void {
    if (result.iteration > 1) this.iterations = true
    const mark = this.paint(result.outcome === 'passed' ? 32 : result.outcome === 'failed' ? 31 : 33, MARK[result.outcome])
    const status = result.status !== undefined ? String(result.status) : '—'
    const where = `${this.iterations || result.iteration > 1 ? `#${result.iteration} ` : ''}${result.path}`
    const extra = [
      result.pages !== undefined ? `${result.pages} page${result.pages === 1 ? '' : 's'}` : '',
      result.attempts > 1 && result.pages === undefined ? `${result.attempts} attempts` : '',
      result.outcome === 'cancelled' ? 'cancelled' : ''
    ]
      .filter(Boolean)
      .join(', ')
    this.line(`${mark} ${status.padEnd(4)} ${result.method.padEnd(6)} ${where}  ${seconds(result.durationMs)}${extra ? ` (${extra})` : ''}`)
    for (const check of failedChecks(result)) this.line(`      ${this.paint(31, '↳')} ${check}`)
    for (const script of result.scriptsNotRun) this.line(`      - ${script.type} script ${script.reason}`)
  }

  dataError(problem: DataRowProblem): void {
    this.line(`${this.paint(31, MARK.failed)} data row ${problem.iteration}${problem.line !== undefined ? ` (line ${problem.line})` : ''}: ${problem.message}`)
  }

  waiting(path: string, wait: RunWait): void {
    const note = this.options.note ?? this.options.out
    note(this.options.redact(`  … ${path}: ${wait.message}`))
  }

  async finish(summary: RunSummary): Promise<string[]> {
    const rows: Array<[string, string, string, string]> = [
      ['', 'total', 'passed', 'failed'],
      ['requests', String(summary.requests.total), String(summary.requests.passed), String(summary.requests.failed)],
      ['assertions', String(summary.assertions.total), String(summary.assertions.passed), String(summary.assertions.failed)],
      ['iterations', String(summary.iterations.total), String(summary.iterations.total - summary.iterations.failed), String(summary.iterations.failed)]
    ]
    const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length)))
    const border = (left: string, mid: string, right: string) => `${left}${widths.map((width) => '─'.repeat(width + 2)).join(mid)}${right}`
    this.line('')
    this.line(border('┌', '┬', '┐'))
    rows.forEach((row, index) => {
      this.line(`│${row.map((cell, column) => ` ${column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)} `).join('│')}│`)
      if (index === 0) this.line(border('├', '┼', '┤'))
    })
    this.line(border('└', '┴', '┘'))
    const facts = [
      `failures: ${summary.failures}`,
      `duration: ${seconds(summary.durationMs)}`,
      summary.requests.cancelled > 0 ? `cancelled: ${summary.requests.cancelled}` : '',
      summary.requests.notRun ? `not run: ${summary.requests.notRun}` : '',
      summary.scriptsNotRun > 0 ? `scripts not run: ${summary.scriptsNotRun}` : ''
    ].filter(Boolean)
    this.line(facts.join(' · '))
    for (const note of summary.notes) this.line(note)
    return []
  }
}
