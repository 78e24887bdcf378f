import { describe, expect, it, vi } from 'vitest'
import {
  DEFAULT_WINDOW_SIZE,
  debounce,
  MIN_WINDOW_SIZE,
  parseWindowState,
  placeWindow,
  ZOOM_LEVEL_RANGE,
  type DisplayArea,
  type WindowState
} from '../../../../src/main/platform/window-state'

// A laptop (1440×900 with a 25 px menu bar) and, to its right, a 1920×1080 monitor with a 40 px task bar.
const laptop: DisplayArea = { workArea: { x: 0, y: 25, width: 1440, height: 875 } }
const monitor: DisplayArea = { workArea: { x: 1440, y: 0, width: 1920, height: 1040 } }

const saved = (bounds: WindowState['bounds'], extra: Partial<WindowState> = {}): WindowState => ({ bounds, maximized: false, zoomLevel: 0, ...extra })

describe('parseWindowState', () => {
  it('keeps a well-formed state, rounding fractional pixels', () => {
    expect(parseWindowState({ bounds: { x: 10.4, y: 20.6, width: 1000, height: 700 }, maximized: true, zoomLevel: 1 })).toEqual({
      bounds: { x: 10, y: 21, width: 1000, height: 700 },
      maximized: true,
      zoomLevel: 1
    })
  })

  it.each([
    ['nothing stored', undefined],
    ['not an object', 'big'],
    ['no bounds', { maximized: true }],
    ['a missing coordinate', { bounds: { x: 0, width: 800, height: 600 } }],
    ['a string coordinate', { bounds: { x: '0', y: 0, width: 800, height: 600 } }],
    ['NaN', { bounds: { x: Number.NaN, y: 0, width: 800, height: 600 } }],
    ['a zero width', { bounds: { x: 0, y: 0, width: 0, height: 600 } }],
    ['a negative height', { bounds: { x: 0, y: 0, width: 800, height: -1 } }],
    ['an absurd coordinate', { bounds: { x: 1e12, y: 0, width: 800, height: 600 } }]
  ])('ignores %s', (_case, raw) => {
    expect(parseWindowState(raw)).toBeUndefined()
  })

  it('drops a corrupted zoom or maximised flag but keeps the good size', () => {
    const bounds = { x: 0, y: 0, width: 1000, height: 700 }
    expect(parseWindowState({ bounds, maximized: 'yes', zoomLevel: 40 })).toEqual({ bounds, maximized: false, zoomLevel: 0 })
    expect(parseWindowState({ bounds, zoomLevel: Number.POSITIVE_INFINITY })?.zoomLevel).toBe(0)
    expect(parseWindowState({ bounds, zoomLevel: ZOOM_LEVEL_RANGE.min - 0.1 })?.zoomLevel).toBe(0)
    expect(parseWindowState({ bounds, zoomLevel: -2 })?.zoomLevel).toBe(-2)
  })
})

describe('placeWindow', () => {
  it('opens centred on the primary display at the default size the first time', () => {
    const placement = placeWindow(undefined, [laptop, monitor], laptop)
    expect(placement).toEqual({
      bounds: { x: 80, y: 53, width: DEFAULT_WINDOW_SIZE.width, height: DEFAULT_WINDOW_SIZE.height },
      center: true,
      maximized: false,
      zoomLevel: 0
    })
  })

  it('reopens exactly where it was when that place is still on a display', () => {
    const bounds = { x: 1600, y: 100, width: 1200, height: 800 }
    expect(placeWindow(saved(bounds, { maximized: true, zoomLevel: 1 }), [laptop, monitor], laptop)).toEqual({
      bounds,
      center: false,
      maximized: true,
      zoomLevel: 1
    })
  })

  it('reopens centred on the primary display when the monitor it was on is gone, keeping size, zoom and maximised', () => {
    const placement = placeWindow(saved({ x: 1600, y: 100, width: 1200, height: 800 }, { maximized: true, zoomLevel: 2 }), [laptop], laptop)
    expect(placement).toEqual({ bounds: { x: 120, y: 63, width: 1200, height: 800 }, center: true, maximized: true, zoomLevel: 2 })
  })

  it('reopens centred when less than half of the window would be visible', () => {
    // 300 of 1000 px wide on the laptop, the rest beyond its left edge where nothing is.
    const placement = placeWindow(saved({ x: -700, y: 100, width: 1000, height: 700 }), [laptop], laptop)
    expect(placement.center).toBe(true)
    expect(placement.bounds).toEqual({ x: 220, y: 113, width: 1000, height: 700 })
  })

  it('pulls a mostly visible window fully inside the work area of the display that holds most of it', () => {
    // Two thirds on the laptop, hanging off its bottom edge under the dock.
    const placement = placeWindow(saved({ x: 300, y: 400, width: 1000, height: 700 }), [laptop, monitor], laptop)
    expect(placement).toMatchObject({ center: false, bounds: { x: 300, y: 200, width: 1000, height: 700 } })
  })

  it('picks the display with the larger share for a window across two displays', () => {
    const placement = placeWindow(saved({ x: 1000, y: 100, width: 1200, height: 800 }), [laptop, monitor], laptop)
    expect(placement.bounds).toEqual({ x: 1440, y: 100, width: 1200, height: 800 })
  })

  it('shrinks a window larger than its display to the work area, never below the minimum size', () => {
    expect(placeWindow(saved({ x: 0, y: 25, width: 3000, height: 2000 }), [laptop], laptop).bounds).toEqual({ x: 0, y: 25, width: 1440, height: 875 })
    expect(placeWindow(saved({ x: 10, y: 40, width: 200, height: 100 }), [laptop], laptop).bounds).toEqual({
      x: 10,
      y: 40,
      width: MIN_WINDOW_SIZE.width,
      height: MIN_WINDOW_SIZE.height
    })
  })

  it('fits a display smaller than the minimum size rather than overflowing it', () => {
    const tiny: DisplayArea = { workArea: { x: 0, y: 0, width: 800, height: 500 } }
    expect(placeWindow(undefined, [tiny], tiny).bounds).toEqual({ x: 0, y: 0, width: 800, height: 500 })
  })
})

describe('debounce', () => {
  it('writes once after the events stop, and flush writes a pending save at once', () => {
    vi.useFakeTimers()
    try {
      const work = vi.fn()
      const save = debounce(work, 400)
      for (let i = 0; i < 30; i++) save.schedule()
      vi.advanceTimersByTime(399)
      expect(work).not.toHaveBeenCalled()
      vi.advanceTimersByTime(1)
      expect(work).toHaveBeenCalledTimes(1)
      save.schedule()
      save.flush()
      expect(work).toHaveBeenCalledTimes(2)
      save.flush()
      save.schedule()
      save.cancel()
      vi.advanceTimersByTime(1000)
      expect(work).toHaveBeenCalledTimes(2)
    } finally {
      vi.useRealTimers()
    }
  })
})
