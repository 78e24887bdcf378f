import { Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { NoticeBanner } from '../features/notices/NoticeBanner'
import { NetworkSettingsButton } from '../features/settings/NetworkSettingsButton'
import { Welcome } from '../features/welcome/Welcome'
import { CommandPalette } from '../features/palette/CommandPalette'
import { AppShortcuts } from '../features/shortcuts/AppShortcuts'
import { focusIntoArea } from '../features/shortcuts/area-focus'
import { ShortcutsPanel } from '../features/shortcuts/ShortcutsPanel'
import { ariaKeyShortcuts, registerShortcut, shortcutLabel, type ShortcutId } from '../state/shortcuts'
import { registerAreaSwitcher } from '../state/workbench-commands'
import { AREAS, type AreaId } from './areas'
import { Icon } from './Icon'
import { ShellPanes } from './ShellPanes'
import { StatusBar } from './StatusBar'
import { Toaster } from '../ui/Toast'
import { Tooltip } from '../ui/Tooltip'

export function App() {
  const [active, setActive] = useState<AreaId>('profiles')
  // Areas stay mounted once visited (hidden when not shown), so a request being built, a response being
  // read or a doctor report survives a trip to another area.
  const [visited, setVisited] = useState<ReadonlySet<AreaId>>(() => new Set<AreaId>(['profiles']))
  const mainRef = useRef<HTMLElement>(null)
  const area = AREAS.find((candidate) => candidate.id === active) ?? AREAS[0]!

  // A keyboard visit (Ctrl/Cmd+1..6, the palette) also moves focus into the area, once it has rendered.
  const [focusVisit, setFocusVisit] = useState<{ area: AreaId } | undefined>()
  const select = useCallback((id: AreaId, options?: { focus?: boolean }) => {
    setActive(id)
    setVisited((previous) => (previous.has(id) ? previous : new Set(previous).add(id)))
    if (options?.focus) setFocusVisit({ area: id })
  }, [])
  useEffect(() => {
    if (!focusVisit) return
    return focusIntoArea(() => mainRef.current?.querySelector<HTMLElement>(`[data-area="${focusVisit.area}"]`) ?? null, mainRef.current)
  }, [focusVisit])

  useEffect(() => registerAreaSwitcher(select), [select])

  // Ctrl/Cmd+1..6 go to the areas (the keys are matched by the one registry, src/renderer/src/state/shortcuts.ts).
  useEffect(() => {
    const unregister = AREAS.map((candidate, index) => registerShortcut(`area-${index + 1}` as ShortcutId, () => select(candidate.id, { focus: true })))
    return () => unregister.forEach((off) => off())
  }, [select])

  return (
    <div className="app-shell" data-app-state="ready">
      <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); mainRef.current?.focus() }}>
        Skip to content
      </a>
      {/* Sidebar | area, resizable, the sidebar collapsible to its icons (ShellPanes). */}
      <ShellPanes sidebar={
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">R</span>
          <span className="brand-name">Reactor Explorer</span>
        </div>
        <nav aria-label="Areas">
          <ul className="nav-list">
            {AREAS.map((candidate, index) => (
              <li key={candidate.id}>
                {/* The tooltip is the folded sidebar's only label a sighted person sees; the name stays the label. */}
                <Tooltip content={`${candidate.description} (${shortcutLabel(`area-${index + 1}` as ShortcutId)})`} side="right">
                  <button
                    type="button"
                    className="nav-item"
                    aria-current={candidate.id === active ? 'page' : undefined}
                    aria-keyshortcuts={ariaKeyShortcuts(`area-${index + 1}` as ShortcutId)}
                    onClick={() => select(candidate.id)}
                  >
                    <Icon name={candidate.icon} />
                    <span>{candidate.label}</span>
                  </button>
                </Tooltip>
              </li>
            ))}
          </ul>
        </nav>
        <CommandPalette />
        <ShortcutsPanel />
        <AppShortcuts />
        <NetworkSettingsButton />
        <Welcome />
      </aside>
      }>
      <main id="main" className="main" ref={mainRef} tabIndex={-1} aria-label={area.label}>
        <NoticeBanner />
        {AREAS.filter((candidate) => visited.has(candidate.id)).map((candidate) => (
          <div key={candidate.id} className="area-host" data-area={candidate.id} hidden={candidate.id !== active}>
            <Suspense fallback={<p className="area-loading muted">Loading {candidate.label}…</p>}>{candidate.render()}</Suspense>
          </div>
        ))}
      </main>
      </ShellPanes>
      <StatusBar />
      <Toaster />
    </div>
  )
}
