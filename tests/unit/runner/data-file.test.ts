import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DataFileError, openDataFile, type DataRow } from '../../../src/main/core/runner/data-file'
import { readJsonArray } from '../../../src/main/core/runner/json-array-reader'

const FIXTURES = join(__dirname, '../../fixtures/runner')
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rx-data-'))
})
afterAll(async () => rm(dir, { recursive: true, force: true }))

async function all(path: string): Promise<DataRow[]> {
  const source = await openDataFile(path)
  const rows: DataRow[] = []
  for await (const row of source.rows()) rows.push(row)
  return rows
}

async function* chunks(...parts: string[]) {
  for (const part of parts) yield part
}

describe('data files: one row per iteration, malformed rows named by line', () => {
  it('CSV: header names the variables; a row with too many values fails with its line and the rest is read', async () => {
    const rows = await all(join(FIXTURES, 'companies.csv'))
    expect(rows).toEqual([
      { line: 2, values: { companyId: 'CO_VALID', expected: '200' } },
      { line: 3, values: { companyId: 'COffffffffffffffffffffffffffffffff', expected: '404' } },
      { line: 4, error: 'line 4 has 3 values, but the header has 2 (companyId, expected)' },
      { line: 5, values: { companyId: 'CO_VALID', expected: '200' } }
    ])
  })

  it('CSV: an unclosed quote is reported with its line, and the rows before it are kept', async () => {
    const path = join(dir, 'quote.csv')
    await writeFile(path, 'name\nalpha\n"beta\ngamma\n')
    const rows = await all(path)
    expect(rows[0]).toEqual({ line: 2, values: { name: 'alpha' } })
    expect(rows.at(-1)).toMatchObject({ error: expect.stringMatching(/^line \d+: a quoted value is never closed/) })
  })

  it('JSON: an array of objects; a malformed element or a non-object fails with its line', async () => {
    const rows = await all(join(FIXTURES, 'companies.json'))
    expect(rows[0]).toEqual({ line: 2, values: { companyId: 'CO_VALID', expected: '200' } })
    expect(rows[1]).toEqual({ line: 3, values: { companyId: 'COffffffffffffffffffffffffffffffff', expected: '404' } })
    expect(rows[2]).toMatchObject({ line: 4, error: expect.stringMatching(/^row 3 \(line 4\) is not valid JSON/) })
    expect(rows[3]).toEqual({ line: 5, error: 'row 4 (line 5) is "not a row", not an object of variable values' })
    expect(rows[4]).toEqual({ line: 6, values: { companyId: 'CO_VALID', expected: '200' } })
    expect(rows).toHaveLength(5)
  })

  it('JSON: elements split across chunks, strings holding brackets and escaped quotes', async () => {
    const out = []
    for await (const element of readJsonArray(chunks('[{"a": "x]}", "b": "say \\"hi\\""', '}, {"a":', ' [1, {"c": 2}]}\n,', ' 3]'))) out.push(element)
    expect(out).toEqual([
      { line: 1, text: '{"a": "x]}", "b": "say \\"hi\\""}' },
      { line: 1, text: '{"a": [1, {"c": 2}]}\n' },
      { line: 2, text: '3' }
    ])
  })

  it('JSON: a file cut off inside a row says so', async () => {
    const out = []
    for await (const element of readJsonArray(chunks('[{"a": 1},\n{"a": 2'))) out.push(element)
    expect(out.at(-1)).toEqual({ line: 2, error: 'the row starting on line 2 is cut off: the file ends inside it (a missing } or ])' })
  })

  it('refuses a file that cannot be a data file before the run starts', async () => {
    await expect(openDataFile(join(dir, 'missing.csv'))).rejects.toThrow(/there is no data file/)
    const object = join(dir, 'object.json')
    await writeFile(object, '{"rows": []}')
    await expect(openDataFile(object)).rejects.toThrow(/must hold a JSON array of row objects/)
    const badHeader = join(dir, 'header.csv')
    await writeFile(badHeader, 'name,has space\n1,2\n')
    await expect(openDataFile(badHeader)).rejects.toThrow(DataFileError)
    await expect(openDataFile(badHeader)).rejects.toThrow(/"has space" cannot be a variable name/)
    const empty = join(dir, 'empty.csv')
    await writeFile(empty, '')
    await expect(openDataFile(empty)).rejects.toThrow(/is empty/)
  })

  it('streams: 10,000 rows are read one at a time, in flat memory', async () => {
    for (const kind of ['csv', 'json'] as const) {
      const path = join(dir, `big.${kind}`)
      const out = createWriteStream(path)
      out.write(kind === 'csv' ? 'id,name,payload\n' : '[\n')
      const payload = 'x'.repeat(2000)
      for (let i = 0; i < 10_000; i++) {
        out.write(kind === 'csv' ? `${i},row ${i},${payload}\n` : `${i > 0 ? ',' : ''}{"id": ${i}, "name": "row ${i}", "payload": "${payload}"}\n`)
      }
      out.end(kind === 'csv' ? '' : ']\n')
      await new Promise<void>((resolve) => out.on('close', () => resolve()))
      // ~20 MB of rows: held whole, the heap would grow by at least that much.
      global.gc?.()
      const before = process.memoryUsage().heapUsed
      let count = 0
      let peak = 0
      const source = await openDataFile(path)
      for await (const row of source.rows()) {
        if ('values' in row && row.values.id === String(count)) count++
        if (count % 1000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before)
      }
      expect(count).toBe(10_000)
      expect(peak).toBeLessThan(16 * 1024 * 1024)
    }
  })
})
