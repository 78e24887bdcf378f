import { useMemo, useState, type MouseEvent } from 'react'
import type { CatalogGroup, CatalogOperation } from '@shared/catalog/catalog'
import { MethodBadge } from '../builder/MethodBadge'
import { filterCatalog } from './catalog-search'
import { countOf } from '../../../ui/plural'

interface Props {
  groups: readonly CatalogGroup[]
  selectedId: string | undefined
  /** Ctrl/Cmd+click or a middle click asks for a new tab (the event says which). */
  onPick(op: CatalogOperation, event?: MouseEvent): void
}

/** Every Reactor operation, grouped by resource and searchable by method, path and summary. */
export function CatalogPanel({ groups, selectedId, onPick }: Props) {
  const [query, setQuery] = useState('')
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set())
  const filtered = useMemo(() => filterCatalog(groups, query), [groups, query])
  const total = useMemo(() => groups.reduce((sum, group) => sum + group.operations.length, 0), [groups])
  const shown = filtered.reduce((sum, group) => sum + group.operations.length, 0)

  const toggle = (name: string) =>
    setCollapsed((current) => {
      const next = new Set(current)
      if (next.has(name)) next.delete(name)
      else next.add(name)
      return next
    })

  return (
    <nav className="rq-catalog" aria-label="Reactor API catalog">
      <div className="rq-catalog-head">
        <input
          type="search"
          className="rq-input"
          placeholder="Search operations (e.g. get rules)"
          aria-label="Search the catalog"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <p className="rq-catalog-count">{query ? `${shown} of ${countOf(total, 'operation')}` : countOf(total, 'operation')}</p>
      </div>
      <div className="rq-catalog-list">
        {total === 0 && (
          <div className="rq-empty-small">
            <p>The operation catalog is not available in this build.</p>
            <p>Type a path such as <code>/companies</code> in the URL bar.</p>
          </div>
        )}
        {total > 0 && filtered.length === 0 && <p className="rq-empty-small">No operation matches “{query}”.</p>}
        {filtered.map((group) => {
          const open = query !== '' || !collapsed.has(group.name)
          return (
            <section key={group.name} className="rq-catalog-group">
              <button type="button" className="rq-catalog-group-title" aria-expanded={open} onClick={() => toggle(group.name)}>
                <span className="rq-caret" aria-hidden="true">{open ? '▾' : '▸'}</span>
                {group.name}
                <span className="rq-count">{group.operations.length}</span>
              </button>
              {open && (
                <ul>
                  {group.operations.map((op) => (
                    <li key={op.id}>
                      <button
                        type="button"
                        className="rq-catalog-op"
                        aria-current={op.id === selectedId ? 'true' : undefined}
                        title={`${op.method} ${op.path}\n${op.summary}\n(Ctrl/Cmd+click opens it in a new tab)`}
                        onClick={(event) => onPick(op, event)}
                        onAuxClick={(event) => event.button === 1 && onPick(op, event)}
                      >
                        <MethodBadge method={op.method} />
                        <span className="rq-catalog-op-text">
                          <span className="rq-catalog-op-summary">{op.summary || op.path}</span>
                          <span className="rq-catalog-op-path mono">{op.path}</span>
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )
        })}
      </div>
    </nav>
  )
}
