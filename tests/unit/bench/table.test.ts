// The bench table renderer: ratios and met/missed worked out from each goal, a row whose peer cannot run
// here, and the terminal and Markdown forms. No timing is measured here.
import { describe, expect, it } from 'vitest'
import { completeRow, formatNumber, goalText, meets, renderGoalMarkdown, renderGoalTable, unitOf } from '../../../bench/table'
import type { GoalRow } from '../../../bench/types'

const executorRow = (ours: number, peer: number): GoalRow => ({
  benchmark: 'executor vs undici.request · 1 KB JSON · median (ms)',
  ours,
  peer,
  goal: { of: 'ratio', atMost: 1.1 }
})

describe('completing a row', () => {
  it('works out the ratio and says met when it is within the goal', () => {
    expect(completeRow(executorRow(0.105, 0.1))).toEqual({
      benchmark: 'executor vs undici.request · 1 KB JSON · median (ms)',
      ours: 0.105,
      peer: 0.1,
      ratio: 1.05,
      goal: '≤ ×1.10',
      met: true
    })
  })

  it('says missed past the goal, for ratios, own figures and figures over the peer', () => {
    expect(completeRow(executorRow(0.2, 0.1))).toMatchObject({ ratio: 2, met: false })
    expect(completeRow({ benchmark: 'cold start · initial JS, gzip (KB)', ours: 230, goal: { of: 'ours', atMost: 200 } })).toMatchObject({ goal: '≤ 200 KB', met: false, peer: null, ratio: null })
    expect(completeRow({ benchmark: 'status shown vs fetch() → headers (ms)', ours: 400, peer: 200, goal: { of: 'over-peer', atMost: 150 } })).toMatchObject({ goal: '≤ peer + 150 ms', met: false })
    expect(completeRow({ benchmark: 'status shown vs fetch() → headers (ms)', ours: 300, peer: 200, goal: { of: 'over-peer', atMost: 150 } })).toMatchObject({ met: true })
  })

  it('an at-least goal (a rate) is met at or above it', () => {
    const rate = (ours: number): GoalRow => ({ benchmark: 'runner vs newman · one at a time (req/s)', ours, peer: 100, goal: { of: 'ratio', atLeast: 10 } })
    expect(completeRow(rate(1000))).toMatchObject({ ratio: 10, goal: '≥ ×10.00', met: true })
    expect(completeRow(rate(999))).toMatchObject({ met: false })
  })

  it('a missing peer: no ratio, the goal cannot be judged, and the row says why', () => {
    expect(completeRow({ benchmark: 'runner vs newman (req/s)', ours: 900, goal: { of: 'ratio', atLeast: 10 }, note: 'peer cannot run here: newman is not installed' })).toEqual({
      benchmark: 'runner vs newman (req/s)',
      ours: 900,
      peer: null,
      ratio: null,
      goal: '≥ ×10.00',
      met: null,
      note: 'peer cannot run here: newman is not installed'
    })
    // Without a note of the module's own, the row still says why it is not judged.
    expect(completeRow({ benchmark: 'x vs y (ms)', ours: 1, goal: { of: 'ratio', atMost: 1 } }).note).toMatch(/no peer figure/)
    // An own-figure goal is judged without any peer.
    expect(completeRow({ benchmark: 'heap (MB)', ours: 20, goal: { of: 'ours', atMost: 25 } })).toMatchObject({ met: true })
  })

  it('a figure that could not be measured is n/a, never met', () => {
    expect(completeRow({ benchmark: 'cold start (ms)', ours: undefined, goal: { of: 'ours', atMost: 400 }, note: 'not run: no Chromium' })).toMatchObject({ ours: null, met: null })
    expect(meets({ of: 'ours', atMost: 400 }, Number.NaN, undefined, undefined)).toBeUndefined()
  })

  it('a verdict the module gives itself is kept', () => {
    expect(completeRow({ ...executorRow(0.2, 0.1), met: true }).met).toBe(true)
  })
})

describe('rendering', () => {
  const rows = [
    completeRow(executorRow(0.105, 0.1)),
    completeRow({ benchmark: 'cold start · initial JS, gzip (KB)', ours: 230, goal: { of: 'ours', atMost: 200 } }),
    completeRow({ benchmark: 'runner vs newman (req/s)', ours: 900, goal: { of: 'ratio', atLeast: 10 }, note: 'peer cannot run here: newman is not installed' })
  ]

  it('one terminal table: met, missed, n/a with its note under the table', () => {
    const text = renderGoalTable(rows)
    const lines = text.split('\n')
    expect(lines[0]).toMatch(/^benchmark\s+ours\s+peer\s+ratio\s+goal\s+met$/)
    expect(lines[2]).toMatch(/^executor vs undici\.request · 1 KB JSON · median \(ms\)\s+0\.105\s+0\.100\s+×1\.05\s+≤ ×1\.10\s+met$/)
    expect(lines[3]).toMatch(/^cold start · initial JS, gzip \(KB\)\s+230\s+—\s+—\s+≤ 200 KB\s+missed$/)
    expect(lines[4]).toMatch(/^runner vs newman \(req\/s\)\s+900\s+—\s+—\s+≥ ×10\.00\s+n\/a \[3\]$/)
    expect(text).toContain('[3] peer cannot run here: newman is not installed')
    // Columns line up: every row's "ours" ends where the header's does.
    const end = lines[0]!.indexOf('ours') + 'ours'.length
    expect(lines.slice(2, 5).every((line) => /\S/.test(line[end - 1]!) && line[end] === ' ')).toBe(true)
  })

  it('Markdown: a header, a separator and one line per row with its note; pipes escaped', () => {
    const markdown = renderGoalMarkdown([...rows, completeRow({ benchmark: 'a | b (ms)', ours: 1, goal: { of: 'ours', atMost: 2 } })])
    const lines = markdown.trim().split('\n')
    expect(lines[0]).toBe('| benchmark | ours | peer | ratio | goal | met | note |')
    expect(lines[1]).toBe('|---|---:|---:|---:|---|---|---|')
    expect(lines[4]).toBe('| runner vs newman (req/s) | 900 | — | — | ≥ ×10.00 | n/a | peer cannot run here: newman is not installed |')
    expect(lines[5]).toMatch(/^\| a \\\| b \(ms\) \| 1 \|/)
  })

  it('units come from the benchmark name; numbers keep about three significant digits', () => {
    expect(unitOf('send → first rows (ms)')).toBe('ms')
    expect(unitOf('runner (req/s)')).toBe('req/s')
    expect(unitOf('no unit')).toBe('')
    expect(goalText({ of: 'ours', atMost: 400 }, 'ms')).toBe('≤ 400 ms')
    expect(goalText({ of: 'ours', atLeast: 1.5, atMost: 2 }, '')).toBe('≥ 1.50 and ≤ 2')
    expect([0.04123, 1.234, 45.67, 123.4, 12345.6, 25, 0].map(formatNumber)).toEqual(['0.041', '1.23', '45.7', '123', '12,346', '25', '0'])
  })
})
