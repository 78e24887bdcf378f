import { useId, type ReactNode } from 'react'

/** The frame of an area whose capability is still being built: says what is coming, honestly. */
export function ComingSoon({ title, children }: { title: string; children: ReactNode }) {
  const titleId = useId()
  return (
    <section className="area" aria-labelledby={titleId}>
      <header className="area-header">
        <h1 id={titleId}>{title}</h1>
      </header>
      <div className="empty-state">
        <p className="empty-state-title">Coming in a later release</p>
        <div className="empty-state-body">{children}</div>
      </div>
    </section>
  )
}
