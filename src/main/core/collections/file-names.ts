// File and folder names for a collection on disk, made from what the person named the request. A team shares
// the folder through git across Windows, macOS and Linux, so a name must be legal on all three, never climb
// out of its folder, and never collide with a sibling on a case-insensitive file system (macOS and Windows
// treat `List.yml` and `list.yml` as one file).
import { createHash } from 'node:crypto'

/** Characters Windows forbids in names (macOS forbids `:` and Linux `/` too), plus the path separators. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
const ILLEGAL = /[<>:"/\\|?*\u0000-\u001f\u007f]/g
/** Windows refuses these as names whatever the extension (`con.yml` cannot be created). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i
/**
 * Names shorter than every file system's limit (255 bytes) with room for `-2`, `.yml` and the temporary
 * suffix write-file-atomic appends (`.1234567890`). 100 characters of CJK text are 300 bytes in UTF-8, so the
 * byte length is capped as well.
 */
export const MAX_NAME_CHARS = 100
const MAX_NAME_BYTES = 200

/** Files with a meaning in the OpenCollection layout: a request may not take their names. */
export const COLLECTION_FILE = 'opencollection.yml'
export const FOLDER_FILE = 'folder.yml'
export const ENVIRONMENTS_DIR = 'environments'
const TAKEN_BY_LAYOUT = new Set(['opencollection', 'folder'])

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 6)
}

function truncate(slug: string): string {
  const chars = [...slug]
  if (chars.length <= MAX_NAME_CHARS && Buffer.byteLength(slug) <= MAX_NAME_BYTES) return slug
  // Keep a readable head and a hash of the whole name, so two long names sharing a head stay distinct.
  const suffix = `-${shortHash(slug)}`
  let head = chars.slice(0, MAX_NAME_CHARS - suffix.length)
  while (Buffer.byteLength(head.join('')) > MAX_NAME_BYTES - suffix.length) head = head.slice(0, -1)
  return `${head.join('').replace(/[-.\s]+$/, '')}${suffix}`
}

/**
 * The stem of a file or folder name for `name`: lowercase, spaces to `-`, characters illegal anywhere
 * replaced, no leading/trailing dots or dashes (so `../` and hidden files cannot be made), Windows reserved
 * names suffixed, unicode kept (NFC), long names truncated with a short hash. Never empty.
 */
export function slugFor(name: string, fallback = 'request'): string {
  let slug = name
    .normalize('NFC')
    .toLowerCase()
    .replace(ILLEGAL, '-')
    .replace(/\s+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
  if (!slug) slug = fallback
  slug = truncate(slug)
  const stem = slug.split('.')[0]!
  if (WINDOWS_RESERVED.test(stem)) slug = `${slug}-item`
  return slug
}

/**
 * The first of `stem`, `stem-2`, `stem-3`, … whose name (with `extension`) no sibling has, compared the
 * way a case-insensitive file system compares.
 */
export function uniqueName(stem: string, extension: string, siblings: Iterable<string>): string {
  const taken = new Set([...siblings].map((name) => name.normalize('NFC').toLowerCase()))
  for (let n = 1; ; n++) {
    const candidate = `${n === 1 ? stem : `${stem}-${n}`}${extension}`
    if (!taken.has(candidate.toLowerCase())) return candidate
  }
}

/** A request's file name inside a folder whose entries are `siblings`. */
export function requestFileName(name: string, siblings: Iterable<string>): string {
  let stem = slugFor(name)
  if (TAKEN_BY_LAYOUT.has(stem)) stem = `${stem}-request`
  return uniqueName(stem, '.yml', siblings)
}

/** A folder's directory name; at the collection root `environments` is taken by the layout. */
export function folderDirName(name: string, siblings: Iterable<string>, atRoot: boolean): string {
  let stem = slugFor(name, 'folder')
  if (atRoot && stem === ENVIRONMENTS_DIR) stem = `${stem}-folder`
  return uniqueName(stem, '', siblings)
}

/** An environment's file name in `environments/`. */
export function environmentFileName(name: string, siblings: Iterable<string>): string {
  return uniqueName(slugFor(name, 'environment'), '.yml', siblings)
}
