// Just enough multipart/form-data parsing for the sandbox: IMS token requests (aio-lib-ims posts its fields
// that way) and extension package uploads (a binary zip in the `package` field). Works on Buffers so file
// parts keep their exact bytes.
export interface MultipartPart {
  name: string
  filename?: string
  contentType?: string
  data: Buffer
}

const CRLF_CRLF = Buffer.from('\r\n\r\n')

/** Every part in order, or undefined when the content type carries no boundary. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const boundary = (match?.[1] ?? match?.[2])?.trim()
  if (!boundary) return undefined
  const delimiter = Buffer.from(`--${boundary}`)
  const parts: MultipartPart[] = []
  let start = body.indexOf(delimiter)
  while (start >= 0) {
    let partStart = start + delimiter.length
    // `--boundary--` closes the body.
    if (body[partStart] === 0x2d && body[partStart + 1] === 0x2d) break
    if (body[partStart] === 0x0d && body[partStart + 1] === 0x0a) partStart += 2
    else if (body[partStart] === 0x0a) partStart += 1
    const next = body.indexOf(delimiter, partStart)
    if (next < 0) break
    // The CRLF before the next delimiter belongs to the delimiter, not to the part's data.
    let partEnd = next
    if (body[partEnd - 2] === 0x0d && body[partEnd - 1] === 0x0a) partEnd -= 2
    else if (body[partEnd - 1] === 0x0a) partEnd -= 1
    const part = body.subarray(partStart, partEnd)
    const split = part.indexOf(CRLF_CRLF)
    if (split >= 0) {
      const headers = part.subarray(0, split).toString('latin1')
      const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? ''
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1]
      if (name !== undefined) {
        const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1]
        const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim()
        parts.push({
          name: Buffer.from(name, 'latin1').toString('utf8'),
          ...(filename !== undefined ? { filename: Buffer.from(filename, 'latin1').toString('utf8') } : {}),
          ...(type ? { contentType: type } : {}),
          data: Buffer.from(part.subarray(split + 4))
        })
      }
    }
    start = next
  }
  return parts
}

/** Text fields by name (last one wins), as the IMS token endpoint reads them. */
export function parseMultipartFields(body: Buffer, contentType: string): Map<string, string> | undefined {
  const parts = parseMultipart(body, contentType)
  if (!parts) return undefined
  return new Map(parts.map((part) => [part.name, part.data.toString('utf8')]))
}
