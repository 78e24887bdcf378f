// The machine-readable report (`report.json`): every request's status, timing, assertion results and request
// ids, then the summary. Its schema is RUN_REPORT_SCHEMA (json-report-schema.ts), documented in docs/ci.md.
import { join } from 'node:path'
import type { DataRowProblem, RequestRunResult, RunSummary } from '../../../../shared/ipc/runner.contract'
import { RUN_REPORT_VERSION } from './json-report-schema'
import type { ReportContext, RunReporter } from './reporter'
import { StreamedReportFile } from './streamed-file'

export const JSON_REPORT_FILE = 'report.json'

export class JsonReporter implements RunReporter {
  readonly name = 'json' as const
  private context: ReportContext | undefined
  private count = 0

  private constructor(
    private readonly file: StreamedReportFile,
    private readonly redact: (text: string) => string
  ) {}

  static async create(outDir: string, redact: (text: string) => string): Promise<JsonReporter> {
    return new JsonReporter(await StreamedReportFile.create(join(outDir, JSON_REPORT_FILE)), redact)
  }

  start(context: ReportContext): void {
    this.context = context
  }

  result(result: RequestRunResult): void {
    this.file.append(`${this.count++ === 0 ? '\n' : ',\n'}    ${this.redact(JSON.stringify(result))}`)
  }

  dataError(_problem: DataRowProblem): void {
    // Listed in the summary's dataErrors.
  }

  async finish(summary: RunSummary): Promise<string[]> {
    const context = this.context!
    const head = {
      reportVersion: RUN_REPORT_VERSION,
      tool: context.tool,
      runId: context.runId,
      collection: context.collection,
      ...(context.profile ? { profile: context.profile } : {}),
      ...(context.environment ? { environment: context.environment } : {}),
      startedAt: context.startedAt
    }
    const headText = `${this.redact(JSON.stringify(head, null, 2)).replace(/\n}$/, '')},\n  "results": [`
    const tail = `${this.count > 0 ? '\n  ' : ''}],\n  "summary": ${this.redact(JSON.stringify(summary, null, 2)).replace(/\n/g, '\n  ')}\n}\n`
    await this.file.finish(headText, tail)
    return [this.file.path]
  }

  abort(): Promise<void> {
    return this.file.abort()
  }
}
