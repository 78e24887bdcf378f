// One self-contained page (`report.html`): the summary, then a row per request with its status, time and
// checks, the failing ones spelled out. No script, no external asset (a CSP in the page forbids both), so it
// opens from a CI artifact anywhere; "failures only" is a checkbox and a CSS rule.
import { join } from 'node:path'
import type { DataRowProblem, RequestRunResult, RunSummary } from '../../../../shared/ipc/runner.contract'
import { failedChecks, seconds, type ReportContext, type RunReporter } from './reporter'
import { StreamedReportFile } from './streamed-file'

export const HTML_REPORT_FILE = 'report.html'

export function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

const STYLE = `
:root { color-scheme: light dark; --pass: #1a7f37; --fail: #cf222e; --muted: #6e7781; --line: #d0d7de; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.verdict { font-weight: 600; padding: .15rem .5rem; border-radius: 4px; color: #fff; }
.verdict.passed { background: var(--pass); } .verdict.failed, .verdict.cancelled { background: var(--fail); }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.failed td.mark, tr.error td.mark { color: var(--fail); } tr.passed td.mark { color: var(--pass); }
ul.checks { margin: .25rem 0 0; padding-left: 1.1rem; color: var(--fail); }
.note { color: var(--muted); }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
#only-failures:checked ~ table.results tr.passed { display: none; }
`

export class HtmlReporter implements RunReporter {
  readonly name = 'html' as const
  private context: ReportContext | undefined

  private constructor(
    private readonly file: StreamedReportFile,
    private readonly redact: (text: string) => string
  ) {}

  static async create(outDir: string, redact: (text: string) => string): Promise<HtmlReporter> {
    return new HtmlReporter(await StreamedReportFile.create(join(outDir, HTML_REPORT_FILE)), redact)
  }

  private h(text: string): string {
    return htmlText(this.redact(text))
  }

  start(context: ReportContext): void {
    this.context = context
  }

  result(result: RequestRunResult): void {
    const checks = failedChecks(result)
    const passedChecks = result.assertions.filter((assertion) => assertion.passed).length
    const mark = result.outcome === 'passed' ? '✔' : result.outcome === 'failed' ? '✘' : '–'
    const details = [
      checks.length > 0 ? `<ul class="checks">${checks.map((check) => `<li>${this.h(check)}</li>`).join('')}</ul>` : '',
      ...result.scriptsNotRun.map((script) => `<div class="note">${this.h(`${script.type} script ${script.reason}`)}</div>`),
      ...result.waits.map((wait) => `<div class="note">${this.h(`waited: ${wait.message}`)}</div>`)
    ].join('')
    this.file.append(
      `<tr class="${result.outcome}"><td class="mark">${mark}</td><td class="num">${result.iteration}</td><td class="num">${result.status ?? '—'}</td>` +
        `<td><code>${this.h(result.method)}</code></td><td><code>${this.h(result.path)}</code><div>${this.h(result.name)}</div>${details}</td>` +
        `<td class="num">${passedChecks}/${result.assertions.length}</td><td class="num">${seconds(result.durationMs)}</td>` +
        `<td><code>${this.h(result.adobeRequestId ?? result.requestId)}</code></td></tr>\n`
    )
  }

  dataError(problem: DataRowProblem): void {
    this.file.append(
      `<tr class="failed"><td class="mark">✘</td><td class="num">${problem.iteration}</td><td class="num">—</td><td></td><td>data row${problem.line !== undefined ? ` (line ${problem.line})` : ''}<ul class="checks"><li>${this.h(problem.message)}</li></ul></td><td></td><td></td><td></td></tr>\n`
    )
  }

  async finish(summary: RunSummary): Promise<string[]> {
    const context = this.context!
    const count = (label: string, total: number, passed: number, failed: number) =>
      `<tr><th>${label}</th><td class="num">${total}</td><td class="num">${passed}</td><td class="num">${failed}</td></tr>`
    const head = [
      '<!doctype html>',
      '<html lang="en"><head><meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${this.h(`${context.collection} — run report`)}</title>`,
      `<style>${STYLE}</style></head><body>`,
      `<h1>${this.h(context.collection)} <span class="verdict ${summary.outcome}">${summary.outcome}</span></h1>`,
      `<p class="meta">${this.h([context.profile ? `profile ${context.profile}` : '', context.environment ? `environment ${context.environment}` : '', `started ${context.startedAt}`, `duration ${seconds(summary.durationMs)}`, context.tool].filter(Boolean).join(' · '))}</p>`,
      '<table class="summary"><thead><tr><th></th><th class="num">total</th><th class="num">passed</th><th class="num">failed</th></tr></thead><tbody>',
      count('requests', summary.requests.total, summary.requests.passed, summary.requests.failed),
      count('assertions', summary.assertions.total, summary.assertions.passed, summary.assertions.failed),
      count('iterations', summary.iterations.total, summary.iterations.total - summary.iterations.failed, summary.iterations.failed),
      '</tbody></table>',
      `<p>failures: ${summary.failures}${summary.requests.cancelled ? ` · cancelled: ${summary.requests.cancelled}` : ''}${summary.requests.notRun ? ` · not run: ${summary.requests.notRun}` : ''}${summary.scriptsNotRun ? ` · scripts not run: ${summary.scriptsNotRun}` : ''}</p>`,
      ...summary.notes.map((note) => `<p class="note">${this.h(note)}</p>`),
      '<input type="checkbox" id="only-failures"><label for="only-failures"> failures only</label>',
      '<table class="results"><thead><tr><th></th><th class="num">#</th><th class="num">status</th><th>method</th><th>request</th><th class="num">checks</th><th class="num">time</th><th>request id</th></tr></thead><tbody>',
      ''
    ].join('\n')
    await this.file.finish(head, '</tbody></table>\n</body></html>\n')
    return [this.file.path]
  }

  abort(): Promise<void> {
    return this.file.abort()
  }
}
