import { useCallback, useEffect, useState } from 'react'
import type { TokenInfo } from '@shared/contract'
import { api, unwrap } from '../../api/client'

/** Token metadata for a profile (never the token), kept current through the tokens:changed event. */
export function useTokenInfo(profileId: string | undefined): [TokenInfo | undefined, (info: TokenInfo) => void] {
  const [info, setInfo] = useState<TokenInfo | undefined>()
  useEffect(() => {
    setInfo(undefined)
    if (!profileId || !window.api?.getTokenInfo) return
    let live = true
    unwrap(api().getTokenInfo({ id: profileId }))
      .then((next) => live && setInfo(next))
      .catch(() => {})
    const off = api().onTokenChanged((next) => {
      if (next.profileId === profileId) setInfo(next)
    })
    return () => {
      live = false
      off()
    }
  }, [profileId])
  const set = useCallback((next: TokenInfo) => setInfo(next), [])
  return [info, set]
}

/** Milliseconds until `at`, re-rendered every second. */
export function useRemaining(at: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (at === undefined) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [at])
  return at === undefined ? undefined : at - now
}

export function formatRemaining(ms: number | undefined): string {
  if (ms === undefined) return 'unknown'
  if (ms <= 0) return 'expired'
  const total = Math.floor(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`
  return `${s}s`
}
