// A finished run's report, as the CLI writes it (report.json, junit.xml, report.html): in the desktop app main
// shows its save dialog and writes the file; in browser mode main has no dialog, so the report comes back as
// text and the page offers it as a download.
import type { AppInfo } from '@shared/contract'
import type { RunReportFormat } from '@shared/ipc/runner.contract'
import { api, unwrap } from '../../api/client'

export const REPORT_LABELS: Record<RunReportFormat, string> = { json: 'JSON report', junit: 'JUnit XML', html: 'HTML page' }

let transport: Promise<AppInfo['transport'] | undefined> | undefined

function appTransport(): Promise<AppInfo['transport'] | undefined> {
  transport ??= unwrap(api().getAppInfo()).then(
    (info) => info.transport,
    () => {
      transport = undefined
      return undefined
    }
  )
  return transport
}

function offerDownload(file: { fileName: string; mimeType: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked later: the download reads the Blob after the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Exports the run's report; the sentence says where it went. */
export async function exportReport(runId: string, format: RunReportFormat): Promise<string> {
  const destination = (await appTransport()) === 'electron' ? 'file' : 'download'
  const result = await unwrap(api().exportRunReport({ runId, format, destination }))
  if (result.download) {
    offerDownload(result.download)
    return `Downloaded ${result.download.fileName} (${REPORT_LABELS[format]}).`
  }
  if (result.saved) return `Saved the ${REPORT_LABELS[format]} to ${result.path}.`
  return 'Export cancelled: nothing was written.'
}
