// Where keyboard focus lands when a person goes to an area (Ctrl/Cmd+1..6, the palette): the area's main
// control or its heading, so the next Tab continues inside the area instead of from the sidebar. Areas load
// lazily (Suspense) the first time, so the target may appear a moment later: we wait for it, but give up as
// soon as the person moves focus themselves.

/** The selected request tab's URL field: the Request area's main control (also what Ctrl/Cmd+L focuses). */
export function findUrlField(root: ParentNode): HTMLInputElement | null {
  return root.querySelector<HTMLInputElement>('.rq-work:not([hidden]) input[aria-label="URL"]')
}

/** The area's main control (`data-area-focus`, the request URL) or else its first heading. */
export function areaFocusTarget(host: HTMLElement): HTMLElement | null {
  const marked = [...host.querySelectorAll<HTMLElement>('[data-area-focus]')].find((element) => !element.closest('[hidden]'))
  if (marked) return marked
  const url = findUrlField(host)
  if (url) return url
  const heading = [...host.querySelectorAll<HTMLElement>('h1, h2')].find((element) => !element.closest('[hidden]'))
  return heading ?? null
}

function focusElement(element: HTMLElement): void {
  // Headings are not focusable by themselves; -1 makes them a focus target without adding a Tab stop.
  if (element.tabIndex < 0 && !element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1')
  element.focus()
}

/**
 * Moves focus into the area shown in `host` (now, or once its lazy content has rendered). Returns a function
 * that stops waiting. `fallback` (the main landmark) is focused at once so focus never stays on a hidden area.
 */
export function focusIntoArea(host: () => HTMLElement | null, fallback?: HTMLElement | null): () => void {
  const tryFocus = (): boolean => {
    const root = host()
    const target = root ? areaFocusTarget(root) : null
    if (!target) return false
    focusElement(target)
    return true
  }
  if (tryFocus()) return () => {}
  fallback?.focus()
  const placeholder = document.activeElement
  const observer = new MutationObserver(() => {
    // The person moved on (clicked, tabbed): their choice wins over ours.
    if (document.activeElement !== placeholder && document.activeElement !== document.body) return stop()
    if (tryFocus()) stop()
  })
  const stop = () => observer.disconnect()
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] })
  return stop
}
