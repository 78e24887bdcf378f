import type { TreeRow } from './json-document'
import { VirtualLines } from './VirtualLines'

interface Props {
  rowCount: number
  /** The row if it has arrived from the body worker. */
  row(index: number): TreeRow | undefined
  onRange(start: number, end: number): void
  onToggle(pointer: string): void
  onOpenUrl(url: string): void
}

function urlOf(row: TreeRow): string | undefined {
  if (row.kind !== 'string') return undefined
  try {
    const value = JSON.parse(row.preview) as string
    return /^https?:\/\/\S+$/i.test(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** A collapsible, virtualised tree; strings that hold JSON open like objects. */
export function TreeView({ rowCount, row: rowAt, onRange, onToggle, onOpenUrl }: Props) {
  return (
    <VirtualLines
      count={rowCount}
      onRange={onRange}
      label="Response body tree"
      testId="body-tree"
      renderRow={(index) => {
        const row = rowAt(index)
        if (!row) return null
        const url = urlOf(row)
        return (
          <span className="rq-tree-row" style={{ paddingLeft: 8 + row.depth * 16 }} data-pointer={row.pointer}>
            {row.expandable ? (
              <button
                type="button"
                className="rq-tree-toggle"
                aria-expanded={row.expanded}
                aria-label={`${row.expanded ? 'Collapse' : 'Expand'} ${row.key}`}
                onClick={() => onToggle(row.pointer)}
              >
                {row.expanded ? '▾' : '▸'}
              </button>
            ) : (
              <span className="rq-tree-toggle-spacer" />
            )}
            <span className="tk-key">{row.key}</span>
            <span className="rq-tree-sep">: </span>
            {url ? (
              <button type="button" className="tk-link rq-inline-link" onClick={() => onOpenUrl(url)} title={`Open ${url} in the builder`}>
                {row.preview}
              </button>
            ) : (
              <span className={`tk-${row.kind === 'string' ? 'string' : row.kind === 'number' ? 'number' : row.kind === 'object' || row.kind === 'array' ? 'punct' : 'literal'}`}>
                {row.embedded && row.expanded ? '' : row.preview}
              </span>
            )}
            {row.embedded && <span className="rq-tag" title="This string holds JSON">JSON string</span>}
          </span>
        )
      }}
    />
  )
}
