// Reading and writing the YAML files of a collection so that git diffs stay small and honest:
//
// - a new file is written with fixed options (2-space indent, no line folding, LF, one trailing newline) and
//   a blank line before each top-level block — the same output as Bruno's own writer, so a file saved by
//   one app and opened by the other does not churn when saved again;
// - an existing file is edited in place: only the values that changed are replaced in its parsed document,
//   so comments, quoting, key order and everything this app does not understand stay exactly where they were;
// - a file whose content did not change is never rewritten.
import { isDeepStrictEqual } from 'node:util'
import YAML, { isMap, isScalar, isSeq, LineCounter, type Document, type Pair, type Scalar, type YAMLMap } from 'yaml'

/**
 * A request file past this is not read (a request file is a few KB; Bruno's biggest fixtures are ~10 KB):
 * a 50 MB file dropped into the folder must not stall opening the collection.
 */
export const MAX_FILE_BYTES = 5 * 1024 * 1024

export const YAML_OPTIONS = { indent: 2, lineWidth: 0, minContentWidth: 0, defaultStringType: 'PLAIN' } as const
/** Top-level keys that get a blank line before them (as Bruno writes them). */
const BLOCK_KEYS = new Set(['info', 'http', 'runtime', 'settings', 'examples', 'docs', 'request', 'variables', 'extensions', 'config', 'items'])

export type Plain = Record<string, unknown>
export type YamlPath = Array<string | number>

export interface FilePosition {
  line?: number
  column?: number
}

export type ParsedYaml =
  | { ok: true; doc: Document; value: unknown; positionOf: (path: YamlPath) => FilePosition }
  | { ok: false; message: string; line?: number; column?: number }

export function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Parses one file; a syntax error comes back with its line and column (1-based), never thrown. */
export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter()
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!
    const at = lineCounter.linePos(error.pos[0])
    return { ok: false, message: `The file is not valid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}.`, line: at.line, column: at.col }
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    // An alias bomb ("billion laughs") or a similar document yaml refuses to expand.
    return { ok: false, message: `The file cannot be read as YAML: ${(error as Error).message}.`, line: 1, column: 1 }
  }
  const positionOf = (path: YamlPath): FilePosition => {
    // The deepest node of `path` that exists: a missing field is reported where its parent is.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true)
      const range = (node as { range?: [number, number, number] } | undefined)?.range
      if (range) {
        const at = lineCounter.linePos(range[0])
        return { line: at.line, column: at.col }
      }
    }
    return { line: 1, column: 1 }
  }
  return { ok: true, doc, value, positionOf }
}

function withTrailingNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`
}

/** A new file: fixed options, a blank line before each top-level block, LF, one trailing newline. */
export function renderNewFile(plain: Plain): string {
  const lines = YAML.stringify(plain, YAML_OPTIONS).split('\n')
  const out: string[] = []
  for (const line of lines) {
    const key = /^([A-Za-z_][\w-]*):/.exec(line)?.[1]
    if (key && BLOCK_KEYS.has(key) && out.length > 0 && out[out.length - 1] !== '') out.push('')
    out.push(line)
  }
  return withTrailingNewline(out.join('\n').replace(/\n+$/, '\n'))
}

/**
 * The text to write for a file that exists: `base` is what this app read from it (in its own plain form),
 * `next` what it should now say. Only the differences are applied to the file's document; `undefined`
 * means nothing changed and the file must not be written.
 */
export function renderEditedFile(original: ParsedYaml & { ok: true }, base: Plain, next: Plain): string | undefined {
  if (isDeepStrictEqual(base, next)) return undefined
  const doc = original.doc.clone()
  applyChanges(doc, [], base, next)
  return withTrailingNewline(doc.toString(YAML_OPTIONS))
}

function nodeAt(doc: Document, path: YamlPath): unknown {
  return path.length === 0 ? doc.contents : doc.getIn(path, true)
}

function replace(doc: Document, path: YamlPath, value: unknown): void {
  const old = nodeAt(doc, path)
  // A changed string keeps the scalar node (its comment and quoting) unless it becomes multi-line.
  if (isScalar(old) && typeof old.value === 'string' && typeof value === 'string') {
    const scalar = old as Scalar
    if (value.includes('\n') && scalar.type !== 'BLOCK_LITERAL') delete scalar.type
    scalar.value = value
    return
  }
  if (path.length === 0) doc.contents = doc.createNode(value) as never
  else doc.setIn(path, doc.createNode(value))
}

function insertKey(doc: Document, map: YAMLMap, path: YamlPath, key: string, next: Plain): void {
  const pair = doc.createPair(key, next[key]) as Pair<Scalar, unknown>
  if (path.length === 0 && BLOCK_KEYS.has(key)) pair.key.spaceBefore = true
  // In the order `next` gives: before the first later key the file already has.
  const later = Object.keys(next).slice(Object.keys(next).indexOf(key) + 1)
  const index = map.items.findIndex((item) => later.includes(String((item.key as Scalar | undefined)?.value ?? item.key)))
  if (index < 0) map.items.push(pair)
  else map.items.splice(index, 0, pair)
}

function applyChanges(doc: Document, path: YamlPath, base: unknown, next: unknown): void {
  if (isDeepStrictEqual(base, next)) return
  const node = nodeAt(doc, path)
  if (isPlainObject(base) && isPlainObject(next) && isMap(node)) {
    for (const key of Object.keys(base)) if (!(key in next)) doc.deleteIn([...path, key])
    for (const key of Object.keys(next)) {
      if (key in base && node.has(key)) applyChanges(doc, [...path, key], base[key], next[key])
      else if (node.has(key)) replace(doc, [...path, key], next[key])
      else insertKey(doc, node, path, key, next)
    }
    return
  }
  if (Array.isArray(base) && Array.isArray(next) && isSeq(node) && base.length === next.length && node.items.length === next.length) {
    for (let index = 0; index < next.length; index++) applyChanges(doc, [...path, index], base[index], next[index])
    return
  }
  replace(doc, path, next)
}
