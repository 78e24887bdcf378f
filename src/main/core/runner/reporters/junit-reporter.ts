// JUnit XML (`junit.xml`), the format GitHub Actions (through a test-report action) and GitLab
// (`artifacts:reports:junit`) show natively: one <testsuite> for the run, one <testcase> per request of each
// iteration (classname = collection.folder, so GitLab groups by folder), <failure> for failed checks with the
// actual values, <error> for a request that got no answer, <skipped> for a cancelled one.
import { join } from 'node:path'
import type { DataRowProblem, RequestRunResult, RunSummary } from '../../../../shared/ipc/runner.contract'
import { failedChecks, type ReportContext, type RunReporter } from './reporter'
import { StreamedReportFile } from './streamed-file'

export const JUNIT_REPORT_FILE = 'junit.xml'

/** Characters XML 1.0 cannot carry at all (control characters) are dropped; the five specials are escaped. */
export function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

function time(ms: number): string {
  return (ms / 1000).toFixed(3)
}

export class JunitReporter implements RunReporter {
  readonly name = 'junit' as const
  private context: ReportContext | undefined
  private readonly counts = { tests: 0, failures: 0, errors: 0, skipped: 0 }
  private iterations = false

  private constructor(
    private readonly file: StreamedReportFile,
    private readonly redact: (text: string) => string
  ) {}

  static async create(outDir: string, redact: (text: string) => string): Promise<JunitReporter> {
    return new JunitReporter(await StreamedReportFile.create(join(outDir, JUNIT_REPORT_FILE)), redact)
  }

  private x(text: string): string {
    return xmlText(this.redact(text))
  }

  start(context: ReportContext): void {
    this.context = context
  }

  result(result: RequestRunResult): void {
    this.counts.tests++
    if (result.iteration > 1) this.iterations = true
    const collection = this.context!.collection
    const classname = [collection, ...result.folder.split('/').filter(Boolean)].join('.')
    const name = `${result.method} ${result.path}${result.name && result.name !== result.path ? ` (${result.name})` : ''}${result.iteration > 1 || this.iterations ? ` [iteration ${result.iteration}]` : ''}`
    const lines: string[] = [`    <testcase name="${this.x(name)}" classname="${this.x(classname)}" time="${time(result.durationMs)}">`]
    const checks = failedChecks(result)
    if (result.outcome === 'cancelled') {
      this.counts.skipped++
      lines.push('      <skipped message="cancelled before an answer came"/>')
    } else if (result.outcome === 'failed' && result.error) {
      this.counts.errors++
      lines.push(`      <error message="${this.x(result.error.message)}" type="${this.x(result.error.code)}">${this.x(checks.join('\n'))}</error>`)
    } else if (result.outcome === 'failed') {
      this.counts.failures++
      lines.push(`      <failure message="${this.x(checks[0] ?? 'failed')}" type="assertion">${this.x(checks.join('\n'))}</failure>`)
    }
    const out = [
      `${result.method} ${result.url}`,
      result.status !== undefined ? `status ${result.status}${result.statusText ? ` ${result.statusText}` : ''}` : '',
      `request id ${result.requestId}${result.adobeRequestId ? ` · Adobe request id ${result.adobeRequestId}` : ''}`,
      ...result.assertions.map((assertion) => `${assertion.passed ? 'pass' : 'FAIL'}: ${assertion.message}`),
      ...result.captures.map((capture) => (capture.captured ? `captured {{${capture.name}}} = ${capture.value ?? ''}` : `not captured {{${capture.name}}}: ${capture.message ?? ''}`)),
      ...result.waits.map((wait) => `waited: ${wait.message}`),
      ...result.scriptsNotRun.map((script) => `${script.type} script ${script.reason}`)
    ].filter(Boolean)
    lines.push(`      <system-out>${this.x(out.join('\n'))}</system-out>`, '    </testcase>')
    this.file.append(`${lines.join('\n')}\n`)
  }

  dataError(problem: DataRowProblem): void {
    this.counts.tests++
    this.counts.errors++
    const name = `data row ${problem.iteration}${problem.line !== undefined ? ` (line ${problem.line})` : ''}`
    this.file.append(
      `    <testcase name="${this.x(name)}" classname="${this.x(`${this.context!.collection}.data`)}" time="0.000">\n      <error message="${this.x(problem.message)}" type="data-row"/>\n    </testcase>\n`
    )
  }

  async finish(summary: RunSummary): Promise<string[]> {
    const context = this.context!
    const { tests, failures, errors, skipped } = this.counts
    const duration = time(summary.durationMs)
    const properties = [
      ['tool', context.tool],
      ['runId', context.runId],
      ...(context.profile ? [['profile', context.profile]] : []),
      ...(context.environment ? [['environment', context.environment]] : []),
      ['assertions', `${summary.assertions.passed}/${summary.assertions.total} passed`],
      ...(summary.requests.notRun ? [['notRun', String(summary.requests.notRun)]] : []),
      ...summary.notes.map((note, index) => [`note.${index + 1}`, note])
    ]
    const head = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="${this.x(context.collection)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${duration}">`,
      `  <testsuite name="${this.x(context.collection)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${duration}" timestamp="${this.x(context.startedAt.replace(/\.\d+Z$/, ''))}" hostname="reactor-explorer">`,
      '    <properties>',
      ...properties.map(([name, value]) => `      <property name="${this.x(name!)}" value="${this.x(value!)}"/>`),
      '    </properties>',
      ''
    ].join('\n')
    await this.file.finish(head, '  </testsuite>\n</testsuites>\n')
    return [this.file.path]
  }

  abort(): Promise<void> {
    return this.file.abort()
  }
}
