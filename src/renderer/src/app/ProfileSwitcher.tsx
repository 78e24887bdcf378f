// The status bar's profile switcher: the kit Combobox over every profile, searchable by name, environment and
// host, each with its token's state (never the token: main answers with expiry metadata only), so "which
// profile has a live token" is answered without leaving the Request area. Ctrl/Cmd+Shift+P opens the palette's
// profile list; this is the pointer's and the status bar's way.
import { useEffect, useState } from 'react'
import type { ProfileSummary, TokenInfo } from '@shared/contract'
import { api, unwrap } from '../api/client'
import { formatRemaining, useRemaining, useTokenInfo } from '../features/profiles/use-token'
import { useActiveProfile, useProfilesData } from '../state/active-profile'
import { showArea } from '../state/workbench-commands'
import { Combobox, ComboboxClose, type ComboboxOption } from '../ui/Combobox'

/** One line on what a profile can do right now. */
export function profileStatusLine(summary: ProfileSummary | undefined, token: TokenInfo | undefined, now: number): string {
  if (summary?.problem) return `Cannot be used: ${summary.problem}`
  const tokenText =
    token?.state === 'valid' && token.expiresAt !== undefined
      ? `token ${formatRemaining(token.expiresAt - now)} left`
      : token?.state === 'expired'
        ? 'token expired'
        : 'no token yet'
  if (summary?.simulated) return `Simulated · ${tokenText}`
  if (summary && summary.authKind !== 'manual-token' && !summary.secret.stored) return `Secret not set · ${tokenText}`
  return `${summary ? `${summary.environment} · ` : ''}${tokenText}`
}

/** Token metadata for every profile while the list is open, kept current by tokens:changed. */
function useAllTokenInfo(ids: readonly string[], enabled: boolean): Map<string, TokenInfo> {
  const [infos, setInfos] = useState(() => new Map<string, TokenInfo>())
  const key = ids.join('\n')
  useEffect(() => {
    if (!enabled || !window.api?.getTokenInfo) return
    let live = true
    for (const id of key.split('\n').filter(Boolean)) {
      unwrap(api().getTokenInfo({ id }))
        .then((info) => live && setInfos((current) => new Map(current).set(id, info)))
        .catch(() => {})
    }
    const off = window.api.onTokenChanged?.((info) => setInfos((current) => new Map(current).set(info.profileId, info)))
    return () => {
      live = false
      off?.()
    }
  }, [key, enabled])
  return infos
}

export function ProfileSwitcher() {
  const { profiles, activeProfile, setActiveProfileId } = useActiveProfile()
  const { summaries } = useProfilesData()
  const [open, setOpen] = useState(false)
  const [activeToken] = useTokenInfo(activeProfile?.id)
  const remaining = useRemaining(activeToken?.expiresAt)
  const infos = useAllTokenInfo(
    profiles.map((profile) => profile.id),
    open
  )
  const now = Date.now()

  if (profiles.length === 0) return <span className="status-item status-muted">No profile</span>

  const options: ComboboxOption[] = profiles.map((profile) => {
    const summary = summaries.find((candidate) => candidate.id === profile.id)
    const token = infos.get(profile.id)
    const live = token?.state === 'valid' && !summary?.problem
    return {
      id: profile.id,
      label: profile.name,
      keywords: `${profile.environment} ${profile.reactorBaseUrl}`,
      detail: profileStatusLine(summary, token, now),
      leading: <span className={`status-dot${live ? ' status-dot-ok' : ''}`} aria-hidden="true" />
    }
  })

  const activeSummary = summaries.find((candidate) => candidate.id === activeProfile?.id)
  return (
    <span className="status-item">
      <Combobox
        label="Switch profile"
        title="Active profile: choose another"
        triggerClassName="btn btn-ghost btn-small status-profile"
        value={
          activeProfile ? (
            <>
              <span className={`status-dot ${activeSummary?.secret.stored || activeProfile.simulated ? 'status-dot-ok' : ''}`} aria-hidden="true" />
              <span className="status-profile-name">{activeProfile.name}</span>
              {activeProfile.simulated && <span className="badge badge-simulated">SIMULATED</span>}
            </>
          ) : (
            'Choose a profile'
          )
        }
        options={options}
        selectedId={activeProfile?.id}
        onSelect={setActiveProfileId}
        onOpenChange={setOpen}
        placeholder="Search profiles by name, environment or host"
        emptyText={(query) => `No profile matches “${query.trim()}”.`}
        footer={
          <ComboboxClose asChild>
            <button type="button" className="btn btn-small" onClick={() => showArea('profiles')}>
              Manage profiles…
            </button>
          </ComboboxClose>
        }
      />
      <span className="status-muted" data-testid="status-token">
        Token: {activeToken && activeToken.state !== 'none' ? formatRemaining(remaining) : 'none yet'}
      </span>
    </span>
  )
}
