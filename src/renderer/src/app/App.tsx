import { Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { NoticeBanner } from '../features/notices/NoticeBanner'
import { NetworkSettingsButton } from '../features/settings/NetworkSettingsButton'
import { Welcome } from '../features/welcome/Welcome'
import { registerAreaSwitcher } from '../state/workbench-commands'
import { AREAS, type AreaId } from './areas'
import { Icon } from './Icon'
import { StatusBar } from './StatusBar'

function isModifier(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey
}

export function App() {
  const [active, setActive] = useState<AreaId>('profiles')
  // Areas stay mounted once visited (hidden when not shown), so a request being built, a response being
  // read or a doctor report survives a trip to another area.
  const [visited, setVisited] = useState<ReadonlySet<AreaId>>(() => new Set<AreaId>(['profiles']))
  const mainRef = useRef<HTMLElement>(null)
  const area = AREAS.find((candidate) => candidate.id === active) ?? AREAS[0]!

  const select = useCallback((id: AreaId) => {
    setActive(id)
    setVisited((previous) => (previous.has(id) ? previous : new Set(previous).add(id)))
  }, [])

  useEffect(() => registerAreaSwitcher(select), [select])

  // Ctrl/Cmd+1..6 switch areas, as in most desktop API clients.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isModifier(event) || event.altKey || event.shiftKey) return
      const index = Number.parseInt(event.key, 10) - 1
      const target = AREAS[index]
      if (target) {
        event.preventDefault()
        select(target.id)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [select])

  return (
    <div className="app-shell" data-app-state="ready">
      <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); mainRef.current?.focus() }}>
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">R</span>
          <span className="brand-name">Reactor Explorer</span>
        </div>
        <nav aria-label="Areas">
          <ul className="nav-list">
            {AREAS.map((candidate, index) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  className="nav-item"
                  aria-current={candidate.id === active ? 'page' : undefined}
                  aria-keyshortcuts={`Control+${index + 1}`}
                  title={`${candidate.description} (Ctrl+${index + 1})`}
                  onClick={() => select(candidate.id)}
                >
                  <Icon name={candidate.icon} />
                  <span>{candidate.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <NetworkSettingsButton />
        <Welcome />
      </aside>
      <main id="main" className="main" ref={mainRef} tabIndex={-1} aria-label={area.label}>
        <NoticeBanner />
        {AREAS.filter((candidate) => visited.has(candidate.id)).map((candidate) => (
          <div key={candidate.id} className="area-host" hidden={candidate.id !== active}>
            <Suspense fallback={<p className="area-loading muted">Loading {candidate.label}…</p>}>{candidate.render()}</Suspense>
          </div>
        ))}
      </main>
      <StatusBar />
    </div>
  )
}
