// Files in and out of the page. Browser mode has no save dialog in main, so an export comes back as bytes and
// is offered here as a download (a Blob URL on an <a download>); the app's main process saves with its own
// dialog instead. Imports are read here and handed to main as text or base64.

export interface DownloadFile {
  fileName: string
  mimeType: string
  contentBase64: string
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Starts the browser's download of `file`; the Blob URL is released once the click has been handled. */
export function offerDownload(file: DownloadFile): void {
  const url = URL.createObjectURL(new Blob([bytesOf(file.contentBase64)], { type: file.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

function read(file: Blob, as: 'text' | 'dataUrl'): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result ?? ''))
    reader.onerror = () => reject(new Error(`The file could not be read${reader.error ? `: ${reader.error.message}` : ''}.`))
    if (as === 'text') reader.readAsText(file)
    else reader.readAsDataURL(file)
  })
}

export function readFileAsText(file: Blob): Promise<string> {
  return read(file, 'text')
}

/** A file's bytes as base64 (a data: URL without its prefix: the browser encodes, no giant strings built here). */
export async function readFileAsBase64(file: Blob): Promise<string> {
  const url = await read(file, 'dataUrl')
  return url.slice(url.indexOf(',') + 1)
}
