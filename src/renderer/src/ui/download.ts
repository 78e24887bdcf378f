// Offering bytes from the page as a file download: browser mode has no save dialog in main, so an export comes
// back as bytes (base64) or text and leaves through a Blob URL on an <a download>.

/** What to download: the bytes as base64 (binary exports: HAR, zip, bodies) or as text (reports, collections). */
export type DownloadFile = { fileName: string; mimeType: string } & ({ contentBase64: string } | { text: string })

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Starts the browser's download of `file`. */
export function offerDownload(file: DownloadFile): void {
  const content = 'text' in file ? file.text : bytesOf(file.contentBase64)
  const url = URL.createObjectURL(new Blob([content], { type: file.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked later, not now: the download reads the Blob after the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
