// Reading what a person hands to an import: a file or a folder from anywhere, so every byte is hostile until
// proven otherwise. Sizes are capped before anything is read, JSON and YAML errors say the line and column,
// nesting is bounded, and keys named `__proto__` are dropped before any library (postman-collection merges
// with lodash) can turn them into a polluted prototype.
import { lstat, readFile, readdir } from 'node:fs/promises'
import { basename, join, relative, sep } from 'node:path'
import { parseDocument } from 'yaml'
import { AppError } from '../../../shared/errors'

/**
 * The largest file an import reads. Adobe's biggest published collection (Reactor API, 120 requests) is
 * 458 KB and a 2,000-request Postman export is about 8 MB, so 20 MB leaves room without letting a stray
 * download or a HAR of a video exhaust memory.
 */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024
/** A folder import reads at most this many files and bytes in total (Bruno collections of 3,000 files exist). */
export const MAX_FOLDER_FILES = 10_000
export const MAX_FOLDER_BYTES = 200 * 1024 * 1024
/** Deeper than any real collection (Postman's UI stops being usable long before) and far from the stack limit. */
export const MAX_NESTING = 64

export interface InputPosition {
  /** The file, relative to what was imported (or its base name). */
  file?: string
  line?: number
  column?: number
}

/** Why an import could not run at all (as opposed to items it skipped, which the report lists). */
export type ImportErrorCode =
  | 'import-not-found'
  | 'import-too-large'
  | 'import-unreadable'
  | 'import-unknown-format'
  | 'import-unsupported-version'
  | 'import-invalid'
  | 'import-target-exists'
  | 'import-write-failed'

export class ImportError extends AppError {
  constructor(
    code: ImportErrorCode,
    message: string,
    readonly position: InputPosition = {}
  ) {
    super(code, message)
    this.name = 'ImportError'
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** A file's text (UTF-8, BOM removed), refused above the cap before it is read. */
export async function readInputFile(path: string, label = basename(path)): Promise<string> {
  let size: number
  try {
    const info = await lstat(path)
    if (info.isDirectory()) throw new ImportError('import-invalid', `${label} is a folder, not a file.`, { file: label })
    if (!info.isFile()) throw new ImportError('import-invalid', `${label} is not a regular file (links and devices are not imported).`, { file: label })
    size = info.size
  } catch (error) {
    if (error instanceof ImportError) throw error
    throw new ImportError('import-not-found', `${label} could not be opened: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message}.`, { file: label })
  }
  if (size > MAX_IMPORT_FILE_BYTES) {
    throw new ImportError('import-too-large', `${label} is ${megabytes(size)}; imports read files of at most ${megabytes(MAX_IMPORT_FILE_BYTES)}.`, { file: label })
  }
  const text = await readFile(path, 'utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

export interface FolderFile {
  /** Relative to the folder, with `/` separators. */
  path: string
  absolute: string
}

/**
 * The regular files under `root` (links are not followed: a collection folder from a zip must not reach
 * outside itself), skipping `.git`, `node_modules` and the names in `ignore`; capped in count and size.
 */
export async function listFolderFiles(root: string, ignore: readonly string[] = []): Promise<FolderFile[]> {
  const skip = new Set(['.git', 'node_modules', ...ignore])
  const out: FolderFile[] = []
  let bytes = 0
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_NESTING) throw new ImportError('import-invalid', `${relative(root, dir)} is nested more than ${MAX_NESTING} folders deep.`)
    const entries = await readdir(dir, { withFileTypes: true })
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (skip.has(entry.name)) continue
      const absolute = join(dir, entry.name)
      if (entry.isDirectory()) await walk(absolute, depth + 1)
      else if (entry.isFile()) {
        const info = await lstat(absolute)
        bytes += info.size
        out.push({ path: relative(root, absolute).split(sep).join('/'), absolute })
        if (out.length > MAX_FOLDER_FILES) throw new ImportError('import-too-large', `${basename(root)} holds more than ${MAX_FOLDER_FILES} files; import a smaller folder.`)
        if (bytes > MAX_FOLDER_BYTES) throw new ImportError('import-too-large', `${basename(root)} holds more than ${megabytes(MAX_FOLDER_BYTES)} of files; import a smaller folder.`)
      }
    }
  }
  await walk(root, 0)
  return out
}

/** Line and column (1-based) of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  const end = Math.min(Math.max(offset, 0), text.length)
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1
      lineStart = i + 1
    }
  }
  return { line, column: end - lineStart + 1 }
}

/**
 * Where JSON.parse gave up. V8 names a position for most errors but not for an unexpected token
 * (`Unexpected token '}', "{"a": }" is not valid JSON`), so the text is scanned for the first offending
 * character. Only called after JSON.parse failed; iterative, so deep nesting cannot overflow it.
 */
export function jsonErrorOffset(text: string, message: string): number {
  const stated = /at position (\d+)/.exec(message)
  if (stated) return Number(stated[1])
  if (/Unexpected end of JSON input/.test(message)) return text.length
  let i = 0
  const stack: Array<'{' | '['> = []
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const scalar = (): boolean => {
    const c = text[i]
    if (c === '"') {
      i++
      while (i < text.length && text[i] !== '"') {
        if (text.charCodeAt(i) < 0x20) return false
        i += text[i] === '\\' ? 2 : 1
      }
      if (i >= text.length) return false
      i++
      return true
    }
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 64))
    if (!literal) return false
    i += literal[0].length
    return true
  }
  // A tiny state machine over value / separator positions; it only needs to find where the text stops being JSON.
  let expectValue = true
  ws()
  while (i < text.length) {
    const c = text[i]!
    if (expectValue) {
      if (c === '{' || c === '[') {
        stack.push(c)
        i++
        ws()
        if (text[i] === (c === '{' ? '}' : ']')) {
          stack.pop()
          i++
          expectValue = false
        } else if (c === '{') {
          if (!scalar() || text[i - 1] !== '"') return i
          ws()
          if (text[i] !== ':') return i
          i++
        }
      } else if (!scalar()) return i
      else expectValue = false
    } else {
      const top = stack[stack.length - 1]
      if (!top) return i
      if (c === ',') {
        i++
        if (top === '{') {
          ws()
          if (!scalar() || text[i - 1] !== '"') return i
          ws()
          if (text[i] !== ':') return i
          i++
        }
        expectValue = true
      } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        stack.pop()
        i++
      } else return i
    }
    ws()
  }
  return i
}

/** Parses JSON with an error that says where, and without `__proto__` keys. */
export function parseJsonText(text: string, file: string): { value: unknown; droppedKeys: number } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const message = (error as Error).message
    if (error instanceof RangeError) throw new ImportError('import-unreadable', `${file} is nested too deeply to read.`, { file })
    const { line, column } = positionOf(text, jsonErrorOffset(text, message))
    const reason = message.replace(/,? ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '')
    throw new ImportError('import-unreadable', `${file} is not valid JSON: ${reason} (line ${line}, column ${column}).`, { file, line, column })
  }
  return withoutPrototypeKeys(value, file)
}

/** Parses YAML (aliases capped, duplicate keys refused) with an error that says where. */
export function parseYamlText(text: string, file: string): { value: unknown; droppedKeys: number } {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true })
  const problem = doc.errors[0]
  if (problem) {
    const { line, column } = positionOf(text, problem.pos[0])
    const reason = problem.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').replace(/\.$/, '')
    throw new ImportError('import-unreadable', `${file} is not valid YAML: ${reason} (line ${line}, column ${column}).`, { file, line, column })
  }
  let value: unknown
  try {
    // 100 aliases: a "billion laughs" file fails here instead of expanding into gigabytes.
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    throw new ImportError('import-unreadable', `${file} could not be read: ${(error as Error).message}.`, { file })
  }
  return withoutPrototypeKeys(value, file)
}

/**
 * A copy of `value` with every `__proto__` key removed (JSON.parse and yaml keep them as own keys, which a
 * later merge would turn into a prototype change); refused when nested deeper than MAX_NESTING.
 */
export function withoutPrototypeKeys(value: unknown, file: string): { value: unknown; droppedKeys: number } {
  let droppedKeys = 0
  const copy = (node: unknown, depth: number): unknown => {
    if (node === null || typeof node !== 'object') return node
    if (depth > MAX_NESTING) throw new ImportError('import-invalid', `${file} is nested more than ${MAX_NESTING} levels deep; no collection format needs that.`, { file })
    if (Array.isArray(node)) return node.map((child) => copy(child, depth + 1))
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(node)) {
      if (key === '__proto__') {
        droppedKeys += 1
        continue
      }
      out[key] = copy((node as Record<string, unknown>)[key], depth + 1)
    }
    return out
  }
  return { value: copy(value, 0), droppedKeys }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A string field, or `fallback` when absent or of another type. */
export function text(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return fallback
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}
