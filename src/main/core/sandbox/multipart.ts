// Just enough multipart/form-data parsing for IMS token requests (aio-lib-ims posts its fields that way).
// Only text fields are needed; file parts are kept as their text, which is fine for the sandbox.
export function parseMultipartFields(body: Buffer, contentType: string): Map<string, string> | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const boundary = match?.[1] ?? match?.[2]
  if (!boundary) return undefined
  const fields = new Map<string, string>()
  const text = body.toString('latin1')
  for (const rawPart of text.split(`--${boundary.trim()}`)) {
    if (rawPart.startsWith('--')) break
    const part = rawPart.replace(/^\r?\n/, '')
    const split = part.indexOf('\r\n\r\n')
    if (split < 0) continue
    const headers = part.slice(0, split)
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1]
    if (name === undefined) continue
    const value = part.slice(split + 4).replace(/\r\n$/, '')
    fields.set(name, Buffer.from(value, 'latin1').toString('utf8'))
  }
  return fields
}
