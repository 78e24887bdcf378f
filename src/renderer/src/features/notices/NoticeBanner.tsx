// Main's `app:notice` events (a damaged file moved aside, history not recorded, a host change that removed a
// stored secret), shown as dismissible banners above the areas: until now nothing in the UI listened, so they
// reached nobody. Notices are sentences main already redacted; the same sentence twice shows once.
import { useEffect, useState } from 'react'
import type { Notice } from '@shared/contract'
import { api } from '../../api/client'
import './notices.css'

/** More than this many at once means something is repeating: the oldest go, the newest stay. */
const MAX_SHOWN = 5

export function NoticeBanner() {
  const [notices, setNotices] = useState<Notice[]>([])

  useEffect(() => {
    if (!window.api?.onNotice) return
    return api().onNotice((notice) =>
      setNotices((current) => (current.some((shown) => shown.message === notice.message) ? current : [...current, notice].slice(-MAX_SHOWN)))
    )
  }, [])

  if (notices.length === 0) return null
  return (
    <div className="notice-banners" data-testid="app-notices">
      {notices.map((notice) => (
        <p key={notice.message} className={`notice-banner notice-${notice.level}`} role={notice.level === 'info' ? 'status' : 'alert'}>
          <span>{notice.message}</span>
          <button
            type="button"
            className="notice-dismiss"
            aria-label="Dismiss notice"
            onClick={() => setNotices((current) => current.filter((shown) => shown !== notice))}
          >
            ×
          </button>
        </p>
      ))}
    </div>
  )
}
