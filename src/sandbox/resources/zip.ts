// A minimal zip reader for extension package uploads: enough to check the magic and pull `extension.json`
// out of the archive (stored or deflated entries), using only node:zlib. Anything it cannot read is reported
// as a reason string, which the upload turns into Adobe's `extension-package-zip-error`.
import { inflateRawSync } from 'node:zlib'

const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_CENTRAL_DIRECTORY = 0x06054b50

/** A zip with at least one file starts with a local file header, `PK\x03\x04`. */
export function looksLikeZip(data: Buffer): boolean {
  return data.length >= 4 && data.readUInt32LE(0) === LOCAL_HEADER
}

export interface ZipEntry {
  name: string
  read(): Buffer
}

/** The archive's entries from its central directory, or a reason why it cannot be read. */
export function readZipEntries(data: Buffer): ZipEntry[] | string {
  // The end record is 22 bytes plus a comment of up to 64 KB; scan backwards for its signature.
  let end = -1
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i
      break
    }
  }
  if (end < 0) return 'the archive has no zip end-of-central-directory record (truncated or not a zip)'
  const count = data.readUInt16LE(end + 10)
  let offset = data.readUInt32LE(end + 16)
  const entries: ZipEntry[] = []
  for (let n = 0; n < count; n++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== CENTRAL_HEADER) return 'the zip central directory is corrupt'
    const method = data.readUInt16LE(offset + 10)
    const compressedSize = data.readUInt32LE(offset + 20)
    const nameLength = data.readUInt16LE(offset + 28)
    const extraLength = data.readUInt16LE(offset + 30)
    const commentLength = data.readUInt16LE(offset + 32)
    const localOffset = data.readUInt32LE(offset + 42)
    const name = data.subarray(offset + 46, offset + 46 + nameLength).toString('utf8')
    entries.push({
      name,
      read: () => {
        if (data.readUInt32LE(localOffset) !== LOCAL_HEADER) throw new Error(`bad local header for ${name}`)
        const start = localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28)
        const raw = data.subarray(start, start + compressedSize)
        if (method === 0) return Buffer.from(raw)
        if (method === 8) return inflateRawSync(raw)
        throw new Error(`${name} uses zip compression method ${method}; only stored and deflated entries are supported`)
      }
    })
    offset += 46 + nameLength + extraLength + commentLength
  }
  return entries
}
