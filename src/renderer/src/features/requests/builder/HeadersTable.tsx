import { REACTOR_ACCEPT, isContentType, type DraftRow } from '../model/request-draft'
import { KeyValueTable } from './KeyValueTable'

interface Props {
  rows: DraftRow[]
  onChange(rows: DraftRow[]): void
  variables: ReadonlySet<string>
  withBody: boolean
  /** The profile's name and Reactor host, when a profile is active. */
  profile: { name: string; host: string | undefined } | undefined
  /** The host this request goes to; managed headers are only added when it is the profile's own. */
  targetHost: string | undefined
  /** The URL is a path (sent to the profile's Reactor host). */
  isPath: boolean
}

export const MANAGED_HEADERS = ['Authorization', 'x-api-key', 'x-gw-ims-org-id'] as const

/**
 * Headers: Reactor's defaults as ordinary editable rows, and the profile's credential headers as locked,
 * masked rows — main adds them, and only for the profile's own host.
 */
export function HeadersTable({ rows, onChange, variables, withBody, profile, targetHost, isPath }: Props) {
  // A path always goes to the profile's own Reactor host (even before its URL is known, e.g. a sandbox not started).
  const applies = profile !== undefined && (isPath || (profile.host !== undefined && targetHost === profile.host))
  const hostLabel = profile?.host ?? 'the profile’s Reactor host'
  const locked = profile
    ? MANAGED_HEADERS.map((name) => (
        <tr key={name} className={`rq-kv-managed${applies ? '' : ' rq-kv-disabled'}`} data-managed-header={name}>
          <td className="rq-kv-check"><LockIcon /></td>
          <td><span className="rq-cell-static mono">{name}</span></td>
          <td>
            <span className="rq-cell-static mono">{name === 'Authorization' ? 'Bearer ••••••••' : '••••••••'}</span>
            <span className="rq-cell-note">
              {applies
                ? `managed by profile “${profile.name}” — added by the app only for ${hostLabel}`
                : `not sent: ${targetHost ?? 'this URL'} is not ${hostLabel}`}
            </span>
          </td>
          <td />
        </tr>
      ))
    : null
  return (
    <div className="rq-headers">
      <KeyValueTable
        label="Headers"
        rows={rows}
        onChange={onChange}
        variables={variables}
        lockedRows={locked}
        addLabel="Add header"
        rowNote={(row) =>
          isContentType(row) && !withBody ? (
            <span className="rq-cell-note">sent only with a body</span>
          ) : row.name.toLowerCase() === 'accept' && row.value === REACTOR_ACCEPT ? (
            <span className="rq-cell-note">Reactor default</span>
          ) : null
        }
      />
      {!profile && <p className="rq-field-hint">No profile is active: the request goes without credentials.</p>}
    </div>
  )
}

function LockIcon() {
  return (
    <svg className="rq-lock" width="13" height="13" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} role="img" aria-label="Managed by the profile">
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </svg>
  )
}
