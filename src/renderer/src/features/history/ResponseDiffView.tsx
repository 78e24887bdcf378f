// The two responses side by side (history:diffResponses): status, headers and the body as a structural JSON
// diff. Changed, added and removed rows are coloured and also marked with a sign and a word, so the colour is
// never the only cue; volatile fields (timestamps, ids, request ids) are shown muted and not counted.
import { useState } from 'react'
import type { DiffKind, DiffRow, ResponseDiff } from '@shared/ipc/history.contract'
import { countOf } from '../../ui/plural'

const MARK: Record<DiffKind, { sign: string; word: string }> = {
  same: { sign: '', word: 'same' },
  changed: { sign: '~', word: 'changed' },
  added: { sign: '+', word: 'only in the replay' },
  removed: { sign: '−', word: 'only in the original' },
  volatile: { sign: '≈', word: 'volatile, ignored' }
}

/** "3 changed, 1 added, 2 removed" (or "No differences"), with volatile fields counted apart. */
export function diffSummary(diff: ResponseDiff): string {
  const { changed, added, removed, volatile } = diff.summary
  const parts = [changed && `${changed} changed`, added && `${added} only in the replay`, removed && `${removed} only in the original`].filter(Boolean)
  const head = parts.length ? parts.join(', ') : 'No differences'
  return volatile ? `${head} · ${countOf(volatile, 'volatile field', 'volatile fields')} ignored` : head
}

function Row({ row }: { row: DiffRow }) {
  const mark = MARK[row.kind]
  return (
    <tr className={`hi-diff-row hi-diff-${row.kind}`} data-kind={row.kind}>
      <th scope="row" className="hi-diff-path mono">
        <span className="hi-diff-sign" aria-hidden="true">{mark.sign}</span>
        {row.path}
        {row.kind !== 'same' && <span className="visually-hidden"> ({mark.word})</span>}
        {row.kind === 'volatile' && <span className="hi-tag hi-diff-volatile-tag" aria-hidden="true">volatile</span>}
      </th>
      <td className="hi-diff-cell hi-diff-left mono">{row.left ?? <span className="hi-diff-none" aria-label="absent">—</span>}</td>
      <td className="hi-diff-cell hi-diff-right mono">{row.right ?? <span className="hi-diff-none" aria-label="absent">—</span>}</td>
    </tr>
  )
}

function Section({ title, rows, leftLabel, rightLabel }: { title: string; rows: DiffRow[]; leftLabel: string; rightLabel: string }) {
  const [showSame, setShowSame] = useState(false)
  const same = rows.filter((row) => row.kind === 'same').length
  // Real differences first, then the volatile rows (marked, not counted), then the unchanged ones when asked.
  const rank = (row: DiffRow) => (row.kind === 'same' ? 2 : row.kind === 'volatile' ? 1 : 0)
  const shown = (showSame ? rows : rows.filter((row) => row.kind !== 'same')).map((row, index) => ({ row, index })).sort((a, b) => rank(a.row) - rank(b.row) || a.index - b.index).map(({ row }) => row)
  return (
    <section className="hi-diff-section" aria-label={title}>
      <div className="hi-diff-section-head">
        <h4>{title}</h4>
        {same > 0 && (
          <button type="button" className="btn btn-ghost btn-small" aria-pressed={showSame} onClick={() => setShowSame((value) => !value)}>
            {showSame ? 'Hide' : 'Show'} {countOf(same, 'unchanged row', 'unchanged rows')}
          </button>
        )}
      </div>
      {shown.length > 0 ? (
        <table className="hi-diff-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">{leftLabel}</th>
              <th scope="col">{rightLabel}</th>
            </tr>
          </thead>
          <tbody>{shown.map((row, index) => <Row key={`${row.path}-${index}`} row={row} />)}</tbody>
        </table>
      ) : (
        <p className="muted hi-diff-empty">{rows.length === 0 ? 'Nothing here in either response.' : 'The same in both.'}</p>
      )}
    </section>
  )
}

export function ResponseDiffView({ diff, leftLabel, rightLabel }: { diff: ResponseDiff; leftLabel: string; rightLabel: string }) {
  return (
    <div className="hi-diff" data-testid="response-diff">
      <p className="hi-diff-summary" role="status" data-testid="diff-summary">{diffSummary(diff)}</p>
      <Section title="Status" rows={[diff.status]} leftLabel={leftLabel} rightLabel={rightLabel} />
      <Section title="Headers" rows={diff.headers} leftLabel={leftLabel} rightLabel={rightLabel} />
      <Section title={diff.bodyKind === 'json' ? 'Body (JSON, by field)' : 'Body'} rows={diff.body} leftLabel={leftLabel} rightLabel={rightLabel} />
      {diff.truncated && <p className="hi-note">The bodies are long: the comparison stops after its first rows.</p>}
    </div>
  )
}
