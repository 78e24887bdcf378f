// The desktop window's remembered size, position, maximised state and zoom: the decisions only, with no
// Electron in them, so they are tested in plain Node with the displays passed in. window-state-store.ts reads and
// writes the file (electron-store) and window.ts applies what is decided here.

export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

/** What the store keeps. `bounds` are the window's normal (not maximised) bounds, so unmaximising restores them. */
export interface WindowState {
  bounds: Rectangle
  maximized: boolean
  /** Chromium's zoom level: 0 is 100 %, each step is a factor of 1.2. */
  zoomLevel: number
}

/** A display as the decision needs it: where windows may go (the work area leaves out task bars and docks). */
export interface DisplayArea {
  workArea: Rectangle
}

/** Where and how the window opens. `center` = no position: the window is centred on the primary display. */
export interface WindowPlacement {
  bounds: Rectangle
  center: boolean
  maximized: boolean
  zoomLevel: number
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const
export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const

/**
 * Chromium clamps the zoom factor to 25 %–500 %; as levels (log base 1.2) that is about -7.6 to 8.8. A level
 * outside is a corrupted file, not a choice the person made.
 */
export const ZOOM_LEVEL_RANGE = { min: Math.log(0.25) / Math.log(1.2), max: Math.log(5) / Math.log(1.2) } as const

/**
 * Below this share of the window on one display it counts as lost (a monitor unplugged, a resolution change):
 * a half-visible title bar is still reachable, a sliver at the edge is not.
 */
export const MIN_VISIBLE_SHARE = 0.5

/** Larger than any real desktop (8K is 7680 wide); a bigger number is a corrupted value. */
const MAX_COORDINATE = 100_000

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

function parseRectangle(raw: unknown): Rectangle | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  const { x, y, width, height } = raw as Record<string, unknown>
  if (![x, y, width, height].every(isFiniteNumber)) return undefined
  const rect = { x: Math.round(x as number), y: Math.round(y as number), width: Math.round(width as number), height: Math.round(height as number) }
  if (rect.width <= 0 || rect.height <= 0) return undefined
  if ([rect.x, rect.y, rect.width, rect.height].some((value) => Math.abs(value) > MAX_COORDINATE)) return undefined
  return rect
}

/**
 * Reads what the store holds, which a person, a crash or an older version may have left in any shape. Each field
 * is judged on its own: a corrupted zoom does not throw away a good size. Undefined when nothing usable is left.
 */
export function parseWindowState(raw: unknown): WindowState | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  const record = raw as Record<string, unknown>
  const bounds = parseRectangle(record.bounds)
  if (!bounds) return undefined
  const zoom = record.zoomLevel
  return {
    bounds,
    maximized: record.maximized === true,
    zoomLevel: isFiniteNumber(zoom) && zoom >= ZOOM_LEVEL_RANGE.min && zoom <= ZOOM_LEVEL_RANGE.max ? zoom : 0
  }
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

/** The size fits the work area (a window larger than its screen hides its own edges), never below the minimum the window allows. */
function fitSize(size: { width: number; height: number }, area: Rectangle): { width: number; height: number } {
  return {
    width: clamp(size.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width),
    height: clamp(size.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height)
  }
}

function centredIn(area: Rectangle, size: { width: number; height: number }): Rectangle {
  const fitted = fitSize(size, area)
  return {
    x: area.x + Math.round((area.width - fitted.width) / 2),
    y: area.y + Math.round((area.height - fitted.height) / 2),
    ...fitted
  }
}

/**
 * Where the window opens, given what was saved and the displays there are now. On the display that holds most
 * of it, clamped inside that display's work area; centred on the primary display when nothing was saved, when
 * the saved display is gone, or when less than MIN_VISIBLE_SHARE of the window would be on any display.
 */
export function placeWindow(saved: WindowState | undefined, displays: readonly DisplayArea[], primary: DisplayArea): WindowPlacement {
  if (!saved) return { bounds: centredIn(primary.workArea, DEFAULT_WINDOW_SIZE), center: true, maximized: false, zoomLevel: 0 }
  const { bounds } = saved
  let best: DisplayArea | undefined
  let bestOverlap = 0
  for (const display of displays) {
    const overlap = overlapArea(bounds, display.workArea)
    if (overlap > bestOverlap) {
      best = display
      bestOverlap = overlap
    }
  }
  const visibleShare = bestOverlap / (bounds.width * bounds.height)
  if (!best || visibleShare < MIN_VISIBLE_SHARE) {
    return { bounds: centredIn(primary.workArea, bounds), center: true, maximized: saved.maximized, zoomLevel: saved.zoomLevel }
  }
  const area = best.workArea
  const size = fitSize(bounds, area)
  return {
    bounds: {
      x: clamp(bounds.x, area.x, area.x + area.width - size.width),
      y: clamp(bounds.y, area.y, area.y + area.height - size.height),
      ...size
    },
    center: false,
    maximized: saved.maximized,
    zoomLevel: saved.zoomLevel
  }
}

/**
 * Calls `work` once events stop arriving for `waitMs`: a drag fires `move` dozens of times a second and each
 * save is a file write. `flush` runs a pending call now (on close), `cancel` drops it.
 */
export function debounce(work: () => void, waitMs: number, timers: { set: typeof setTimeout; clear: typeof clearTimeout } = { set: setTimeout, clear: clearTimeout }) {
  let pending: ReturnType<typeof setTimeout> | undefined
  return {
    schedule(): void {
      if (pending !== undefined) timers.clear(pending)
      pending = timers.set(() => {
        pending = undefined
        work()
      }, waitMs)
    },
    flush(): void {
      if (pending === undefined) return
      timers.clear(pending)
      pending = undefined
      work()
    },
    cancel(): void {
      if (pending !== undefined) timers.clear(pending)
      pending = undefined
    }
  }
}
