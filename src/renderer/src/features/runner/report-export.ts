// A finished run's report, as the CLI writes it (report.json, junit.xml, report.html): in the desktop app main
// shows its save dialog and writes the file; in browser mode main has no dialog, so the report comes back as
// text and the page offers it as a download.
import type { RunReportFormat } from '@shared/ipc/runner.contract'
import { savesThroughMainDialog } from '../../api/app-transport'
import { api, unwrap } from '../../api/client'
import { offerDownload } from '../../ui/download'

export const REPORT_LABELS: Record<RunReportFormat, string> = { json: 'JSON report', junit: 'JUnit XML', html: 'HTML page' }

/** Exports the run's report; the sentence says where it went. */
export async function exportReport(runId: string, format: RunReportFormat): Promise<string> {
  const destination = (await savesThroughMainDialog()) ? 'file' : 'download'
  const result = await unwrap(api().exportRunReport({ runId, format, destination }))
  if (result.download) {
    offerDownload(result.download)
    return `Downloaded ${result.download.fileName} (${REPORT_LABELS[format]}).`
  }
  if (result.saved) return `Saved the ${REPORT_LABELS[format]} to ${result.path}.`
  return 'Export cancelled: nothing was written.'
}
