// The reports of the app's runs, kept until the Run view closes them: every run started through runner:start
// is followed by the same JSON, JUnit and HTML reporters the CLI writes (reporters/), streamed to files as the
// results come, so a 10,000-row data run costs no memory here and "Export" is a file read. The reports pass the
// same redactor as the CLI's: no token, secret, client id or org id value is in them.
//
// Files live in <dataDir>/run-reports/<session>/<folder per run>: a folder name is ours (a UUID), never the
// renderer's runId. The session folder goes when the app quits; one left by a crash is removed a day later.
import { randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { RunProgress, RunReportExport, RunReportFormat, RunSummary } from '../../../shared/ipc/runner.contract'
import { defaultSavePath } from '../requests/request-handlers'
import type { SecretRegistry } from '../security/secret-registry'
import { HTML_REPORT_FILE, HtmlReporter } from './reporters/html-reporter'
import { JSON_REPORT_FILE, JsonReporter } from './reporters/json-reporter'
import { JUNIT_REPORT_FILE, JunitReporter } from './reporters/junit-reporter'
import { reportProgress, reportRedactor, type ReportContext, type RunReporter } from './reporters/reporter'

/** Reports of this many finished runs are kept; the oldest goes when another run finishes (20 × a few MB at most). */
export const MAX_KEPT_REPORTS = 20
/** A session folder this old was left by an app that did not quit cleanly. */
const STALE_SESSION_MS = 24 * 60 * 60 * 1000

const FORMATS: Record<RunReportFormat, { file: string; mimeType: string; suffix: string }> = {
  json: { file: JSON_REPORT_FILE, mimeType: 'application/json', suffix: 'report.json' },
  junit: { file: JUNIT_REPORT_FILE, mimeType: 'application/xml', suffix: 'junit.xml' },
  html: { file: HTML_REPORT_FILE, mimeType: 'text/html', suffix: 'report.html' }
}

export interface RunReportsOptions {
  /** `<dataDir>/run-reports`. */
  dir: string
  secrets: SecretRegistry
  /** Written into each report (`Reactor Explorer 0.1.0`). */
  tool: string
  /** The profile's own identifiers (client id, org id): masked in reports, as the CLI masks them. */
  identifiers?: (profileId: string) => Promise<string[]>
  /** The app's save dialog; default: the Downloads folder. */
  chooseSavePath?: (suggestedName: string) => Promise<string | undefined>
  maxKept?: number
}

interface KeptRun {
  folder: string
  collection: string
  startedAt: string
  finished: boolean
}

/** What the handler feeds while the run goes. */
export interface ReportedRun {
  /** Where a data file given as text is written for the streamed reader (inside the run's folder). */
  dataPath(fileName: string): string
  onProgress(progress: RunProgress): void
  /** Writes the reports' ends; the run can be exported from now on. */
  finish(summary: RunSummary): Promise<void>
  /** The run could not start: nothing is kept. */
  abort(): Promise<void>
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'run'
  )
}

export class RunReports {
  private readonly session = randomUUID()
  private readonly runs = new Map<string, KeptRun>()
  private prepared: Promise<string> | undefined

  constructor(private readonly options: RunReportsOptions) {}

  private sessionDir(): Promise<string> {
    this.prepared ??= (async () => {
      const dir = join(this.options.dir, this.session)
      await mkdir(dir, { recursive: true })
      await this.removeStaleSessions()
      return dir
    })()
    return this.prepared
  }

  private async removeStaleSessions(): Promise<void> {
    const entries = await readdir(this.options.dir, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name === this.session) continue
      const path = join(this.options.dir, entry.name)
      const info = await stat(path).catch(() => undefined)
      if (info && Date.now() - info.mtimeMs > STALE_SESSION_MS) await rm(path, { recursive: true, force: true })
    }
  }

  /** Starts the reports of a run (`context` without the tool, which is ours). */
  async begin(runId: string, context: Omit<ReportContext, 'tool' | 'runId'>, profileId: string | undefined): Promise<ReportedRun> {
    if (this.runs.has(runId)) throw new AppError('runner-duplicate-run', `A run with id "${runId}" was already reported; choose another id.`)
    const folder = join(await this.sessionDir(), randomUUID())
    await mkdir(folder, { recursive: true })
    const identifiers = profileId ? await (this.options.identifiers?.(profileId) ?? Promise.resolve([])).catch(() => []) : []
    const redact = reportRedactor(this.options.secrets, identifiers)
    const kept: KeptRun = { folder, collection: context.collection, startedAt: context.startedAt, finished: false }
    this.runs.set(runId, kept)
    let reporters: RunReporter[] = []
    try {
      reporters = [await JsonReporter.create(folder, redact), await JunitReporter.create(folder, redact), await HtmlReporter.create(folder, redact)]
    } catch (error) {
      this.runs.delete(runId)
      await rm(folder, { recursive: true, force: true })
      throw error
    }
    for (const reporter of reporters) reporter.start({ ...context, runId, tool: this.options.tool })
    const feed = reportProgress(reporters)
    return {
      dataPath: (fileName) => join(folder, `data${['.csv', '.json'].includes(extname(fileName).toLowerCase()) ? extname(fileName).toLowerCase() : ''}`),
      onProgress: feed,
      finish: async (summary) => {
        for (const reporter of reporters) await reporter.finish(summary)
        await rm(join(folder, 'data.csv'), { force: true })
        await rm(join(folder, 'data.json'), { force: true })
        await rm(join(folder, 'data'), { force: true })
        kept.finished = true
        await this.trim()
      },
      abort: async () => {
        for (const reporter of reporters) await reporter.abort?.().catch(() => undefined)
        this.runs.delete(runId)
        await rm(folder, { recursive: true, force: true })
      }
    }
  }

  /** Oldest first (a Map keeps insertion order): finished runs past the limit lose their reports. */
  private async trim(): Promise<void> {
    const finished = [...this.runs.entries()].filter(([, run]) => run.finished)
    const excess = finished.length - (this.options.maxKept ?? MAX_KEPT_REPORTS)
    for (const [runId, run] of finished.slice(0, Math.max(0, excess))) {
      this.runs.delete(runId)
      await rm(run.folder, { recursive: true, force: true })
    }
  }

  async export(runId: string, format: RunReportFormat, destination: 'file' | 'download'): Promise<RunReportExport> {
    const run = this.runs.get(runId)
    if (!run) {
      throw new AppError(
        'runner-no-such-report',
        `There is no report for this run any more: the app keeps the reports of its last ${this.options.maxKept ?? MAX_KEPT_REPORTS} runs until their results are closed or the app quits. Run it again to export it.`
      )
    }
    if (!run.finished) throw new AppError('runner-report-not-ready', 'The run is still going: export its report once it has finished or been stopped.')
    const { file, mimeType, suffix } = FORMATS[format]
    const text = await readFile(join(run.folder, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new AppError('runner-no-such-report', `The report file of this run cannot be read any more (${error.code ?? error.message}). Run it again to export it.`)
    })
    const fileName = `${slug(run.collection)}-${run.startedAt.slice(0, 19).replace(/[:T]/g, '-')}-${suffix}`
    if (destination === 'download') return { saved: false, download: { fileName, mimeType, text } }
    const path = await (this.options.chooseSavePath ?? ((name: string) => defaultSavePath(name)))(fileName)
    if (!path) return { saved: false }
    try {
      await writeFile(path, text, 'utf8')
    } catch (error) {
      throw new AppError('export-write-failed', `Could not write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`)
    }
    return { saved: true, path }
  }

  async discard(runId: string): Promise<boolean> {
    const run = this.runs.get(runId)
    if (!run || !run.finished) return false
    this.runs.delete(runId)
    await rm(run.folder, { recursive: true, force: true })
    return true
  }

  async dispose(): Promise<void> {
    this.runs.clear()
    if (this.prepared) await rm(join(this.options.dir, this.session), { recursive: true, force: true })
  }
}
