// The page's clipboard, for text the page already holds (redacted reports, ids, placeholder cURL). Anything
// with a real secret in it is written by main instead (history:copyCurl), never from here.

/** Writes `text`; false where the page may not (no Clipboard API, an unfocused window, a refused permission). */
export async function writeClipboardText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
