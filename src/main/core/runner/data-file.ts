// Data-driven runs: one iteration per row of a CSV (header row = variable names) or a JSON array of objects.
// Both are streamed (csv-parse; the small array reader beside this file): rows are read as the run reaches them,
// so memory stays flat however long the file is. A row that cannot be read becomes an error for that
// iteration, with its line number, and the run goes on with the next row.
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { parse, type CsvError } from 'csv-parse'
import { JsonDataFileError, readJsonArray } from './json-array-reader'

export type DataRow = { line: number; values: Record<string, string> } | { line?: number; error: string }

export interface DataSource {
  kind: 'csv' | 'json'
  path: string
  /** Rows in file order; a new read of the file each time it is called. */
  rows(): AsyncGenerator<DataRow>
}

/** A data file that cannot be used at all (missing, empty, not a CSV or JSON array): a usage error. */
export class DataFileError extends Error {}

const SNIFF_BYTES = 64 * 1024

/** Checks the file and its format before the run starts; the rows are read later, as the run needs them. */
export async function openDataFile(path: string): Promise<DataSource> {
  let size: number
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new DataFileError(`the data file "${path}" is a folder, not a file.`)
    size = info.size
  } catch (error) {
    if (error instanceof DataFileError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new DataFileError(code === 'ENOENT' ? `there is no data file "${path}".` : `the data file "${path}" cannot be read (${code ?? 'unknown error'}).`)
  }
  if (size === 0) throw new DataFileError(`the data file "${path}" is empty.`)
  const head = await readHead(path)
  const extension = extname(path).toLowerCase()
  const firstChar = head.replace(/^\uFEFF/, '').trimStart()[0]
  const kind = extension === '.json' ? 'json' : extension === '.csv' ? 'csv' : firstChar === '[' ? 'json' : 'csv'
  if (kind === 'json' && firstChar !== '[') {
    throw new DataFileError(`the data file "${path}" must hold a JSON array of row objects ([{"name": "value"}, ...]); it starts with "${head.trimStart().slice(0, 20)}".`)
  }
  if (kind === 'csv') await csvHeader(path)
  return { kind, path, rows: () => (kind === 'json' ? jsonRows(path) : csvRows(path)) }
}

async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await handle.close()
  }
}

/** A variable name a `{{name}}` placeholder can hold (src/shared/requests/variables.ts). */
const VARIABLE_NAME = /^[A-Za-z0-9_.$-]+$/

function headerProblem(names: string[]): string | undefined {
  if (names.length === 0 || names.every((name) => name === '')) return 'its first line (the header) names no columns'
  const bad = names.find((name) => !VARIABLE_NAME.test(name))
  if (bad !== undefined) return `the column "${bad.slice(0, 100)}" cannot be a variable name ({{name}} takes letters, digits and _ . $ -)`
  const seen = new Set<string>()
  for (const name of names) {
    if (seen.has(name)) return `the column "${name}" appears twice in the header`
    seen.add(name)
  }
  return undefined
}

async function csvHeader(path: string): Promise<string[]> {
  const parser = createReadStream(path, { end: SNIFF_BYTES }).pipe(parse({ bom: true, to_line: 1, trim: true, relax_column_count: true }))
  let header: string[] | undefined
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      header = record
      break
    }
  } catch (error) {
    throw new DataFileError(`the data file "${path}" is not a CSV file with a header row: ${(error as Error).message}.`)
  } finally {
    parser.destroy()
  }
  const problem = headerProblem(header ?? [])
  if (problem) throw new DataFileError(`the CSV data file "${path}" cannot be used: ${problem}.`)
  return header!
}

async function* csvRows(path: string): AsyncGenerator<DataRow> {
  let columns: string[] = []
  const skipped: DataRow[] = []
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      columns: (header: string[]) => (columns = header.map((name) => name.trim())),
      info: true,
      skip_empty_lines: true,
      // A malformed record is reported through on_skip and the parser goes on with the next one.
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        if (error) skipped.push({ line: (error as { lines?: number }).lines, error: csvProblem(error, columns) })
        return undefined
      }
    })
  )
  // Skipped records are told out of band (and may be told before records on earlier lines are read): each
  // error is given back in line order, before the first record that comes after it.
  const before = function* (line: number): Generator<DataRow> {
    skipped.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
    while (skipped.length > 0 && (skipped[0]!.line ?? 0) < line) yield skipped.shift()!
  }
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield* before(info.lines)
      yield { line: info.lines, values: record }
    }
  } catch (error) {
    yield { error: `the data file could not be read further: ${(error as Error).message}` }
  }
  yield* before(Number.POSITIVE_INFINITY)
}

function csvProblem(error: CsvError, columns: string[]): string {
  const line = (error as { lines?: number }).lines
  const record = (error as { record?: unknown }).record
  if (error.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' || error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
    const count = Array.isArray(record) ? record.length : undefined
    return `line ${line} has ${count ?? 'a different number of'} value${count === 1 ? '' : 's'}, but the header has ${columns.length} (${columns.join(', ').slice(0, 200)})`
  }
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return `line ${line}: a quoted value is never closed, so the file ends inside it`
  return `line ${line}: ${error.message}`
}

async function* jsonRows(path: string): AsyncGenerator<DataRow> {
  let index = 0
  try {
    for await (const element of readJsonArray(createReadStream(path, { encoding: 'utf8' }))) {
      index++
      if ('error' in element) {
        yield { line: element.line, error: element.error }
        continue
      }
      let value: unknown
      try {
        value = JSON.parse(element.text)
      } catch (error) {
        yield { line: element.line, error: `row ${index} (line ${element.line}) is not valid JSON: ${(error as Error).message}` }
        continue
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { line: element.line, error: `row ${index} (line ${element.line}) is ${Array.isArray(value) ? 'an array' : JSON.stringify(value)?.slice(0, 50)}, not an object of variable values` }
        continue
      }
      const values: Record<string, string> = {}
      const bad = Object.keys(value).find((name) => !VARIABLE_NAME.test(name))
      if (bad !== undefined) {
        yield { line: element.line, error: `row ${index} (line ${element.line}): "${bad.slice(0, 100)}" cannot be a variable name ({{name}} takes letters, digits and _ . $ -)` }
        continue
      }
      for (const [name, item] of Object.entries(value)) {
        values[name] = typeof item === 'string' ? item : item === null ? '' : typeof item === 'object' ? JSON.stringify(item) : String(item)
      }
      yield { line: element.line, values }
    }
  } catch (error) {
    if (error instanceof JsonDataFileError) yield { error: error.message }
    else yield { error: `the data file could not be read further: ${(error as Error).message}` }
  }
}
