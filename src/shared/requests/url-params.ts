// The URL field and the params table are two views of one request: edit either, the other follows.
//
// The document keeps the URL without its query and the params as decoded rows (`filter[name]` = `EQ web`).
// The URL field shows the enabled params readably — only the characters that would change how the field
// splits (`%`, `&`, `#`, and `=` in a name) are escaped — and main percent-encodes every component exactly
// once when it sends (`encodeQuery`), so the encoded form is shown once, in the "sent" line, never twice.
import type { KeyValue } from './request-spec'

export interface ParamRow extends KeyValue {
  /** A stable key for the UI; absent in documents. */
  id?: string
}

function escapeForField(text: string, isName: boolean): string {
  let out = text.replace(/%/g, '%25').replace(/&/g, '%26').replace(/#/g, '%23').replace(/[\r\n\t]/g, (c) => encodeURIComponent(c))
  if (isName) out = out.replace(/=/g, '%3D')
  return out
}

function safeDecode(text: string): string {
  try {
    // `+` means space only under form decoding; Reactor's links encode + as %2B, so a literal + stays +.
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The query as the URL field shows it (enabled rows only). */
export function formatQueryForField(params: readonly KeyValue[]): string {
  return params
    .filter((row) => row.enabled && row.name !== '')
    .map((row) => `${escapeForField(row.name, true)}=${escapeForField(row.value, false)}`)
    .join('&')
}

/** What the URL field shows for a document: its URL plus `?` and the enabled params. */
export function urlFieldText(url: string, params: readonly KeyValue[]): string {
  const query = formatQueryForField(params)
  return query ? `${url}?${query}` : url
}

/** Splits a URL field's text (or a pasted/linked URL) into the URL without query and decoded rows. */
export function splitUrlAndQuery(text: string): { url: string; params: KeyValue[] } {
  const hash = text.indexOf('#')
  const withoutHash = hash < 0 ? text : text.slice(0, hash)
  const at = withoutHash.indexOf('?')
  if (at < 0) return { url: withoutHash, params: [] }
  const params: KeyValue[] = []
  for (const part of withoutHash.slice(at + 1).split('&')) {
    if (!part) continue
    const eq = part.indexOf('=')
    const name = safeDecode(eq < 0 ? part : part.slice(0, eq))
    const value = safeDecode(eq < 0 ? '' : part.slice(eq + 1))
    params.push({ name, value, enabled: true })
  }
  return { url: withoutHash.slice(0, at), params }
}

/**
 * The params after the person edited the URL field: enabled rows take the URL's order and values, disabled
 * rows (not in the URL) keep their place, and rows that still match keep their `id` so focus survives.
 */
export function paramsFromUrlField<Row extends ParamRow>(text: string, previous: readonly Row[], newRow: (row: KeyValue) => Row): { url: string; params: Row[] } {
  const { url, params } = splitUrlAndQuery(text)
  const enabledBefore = previous.filter((row) => row.enabled && row.name !== '')
  const fromUrl: Row[] = params.map((param, index) => {
    const same = enabledBefore[index]
    return same ? { ...same, name: param.name, value: param.value, enabled: true } : newRow(param)
  })
  // Disabled (and blank) rows are not in the URL: keep them where they were relative to the enabled ones.
  const result: Row[] = []
  let next = 0
  for (const row of previous) {
    if (row.enabled && row.name !== '') {
      if (next < fromUrl.length) result.push(fromUrl[next++]!)
    } else {
      result.push(row)
    }
  }
  while (next < fromUrl.length) result.push(fromUrl[next++]!)
  return { url, params: result }
}

/** Exactly as main sends it: every component percent-encoded once (`filter%5Bname%5D=EQ%20web`, `+` → `%2B`). */
export function encodeQuery(rows: ReadonlyArray<{ name: string; value: string; enabled?: boolean }>): string {
  return rows
    .filter((row) => row.enabled !== false && row.name !== '')
    .map((row) => `${encodeURIComponent(row.name)}=${encodeURIComponent(row.value)}`)
    .join('&')
}
