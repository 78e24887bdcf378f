// Exports of the history: HAR (one, several, all) and repro bundles. In the desktop app main shows its save
// dialog and writes the file; in browser mode main has no dialog, so the file comes back and is offered as a
// download from the page.
import type { WindowApi } from '@shared/contract'
import type { SavedBundle, SavedExport } from '@shared/ipc/history.contract'
import { api, unwrap } from '../../api/client'
import { savesThroughMainDialog } from '../../api/app-transport'
import { offerDownload } from '../../ui/download'
import { countOf } from '../../ui/plural'

async function destination(): Promise<'file' | 'download'> {
  return (await savesThroughMainDialog()) ? 'file' : 'download'
}

function finished(result: SavedExport, what: string, extra = ''): string {
  if (result.download) {
    offerDownload(result.download)
    return `Downloaded ${result.download.fileName}: ${what}${extra}.`
  }
  if (result.saved) return `Saved ${what} to ${result.path}${extra}.`
  return 'Export cancelled: nothing was written.'
}

type HarInput = Parameters<WindowApi['exportHistoryHar']>[0]
/** One, several or all calls (all: those the filters keep). */
export type HarTarget = { ids: string[] } | { all: true; filters?: Extract<HarInput, { all: true }>['filters'] }

/** Writes a HAR 1.2 file of these calls; the sentence says where it went. */
export async function exportHar(target: HarTarget, operationId?: string): Promise<string> {
  const result = await unwrap(api().exportHistoryHar({ ...target, destination: await destination(), ...(operationId ? { operationId } : {}) }))
  return finished(result, countOf(result.requests, 'call', 'calls'), ' as HAR')
}

function redactedText(bundle: SavedBundle): string {
  const removed = bundle.redacted.known + bundle.redacted.patterns + bundle.redacted.fields
  const parts = [removed > 0 ? `${countOf(removed, 'secret', 'secrets')} removed` : 'no secret found to remove', bundle.pseudonyms > 0 ? countOf(bundle.pseudonyms, 'id pseudonymized', 'ids pseudonymized') : undefined]
  return `, ${parts.filter(Boolean).join(', ')}, checked by the secret scanner`
}

/** Writes a redacted repro bundle (zip) of these calls; `operationId` names it for the progress bar and Cancel. */
export async function exportBundle(ids: string[], pseudonymize = false, operationId?: string): Promise<string> {
  const result = await unwrap(api().exportReproBundle({ ids, pseudonymize, destination: await destination(), ...(operationId ? { operationId } : {}) }))
  return finished(result, countOf(result.requests, 'call', 'calls'), redactedText(result))
}
