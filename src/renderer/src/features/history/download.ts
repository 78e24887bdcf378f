// Files into the page: an import is read here and handed to main as text or base64. (Files out of the page, the
// browser-mode downloads, are ui/download.ts.)

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
