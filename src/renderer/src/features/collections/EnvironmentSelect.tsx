import { useId } from 'react'
import type { ProfileOption } from '../../state/active-profile'
import type { TabCollection } from './use-collection-tabs'
import './collections.css'

/**
 * Next to the profile in a collection tab: the collection's environment used with the active profile. Choosing
 * another binds it to that profile (switching profile switches environment).
 */
export function EnvironmentSelect({ collection, profile, onChoose }: { collection: TabCollection; profile: ProfileOption | undefined; onChoose(name: string | undefined): void }) {
  const id = useId()
  const environments = collection.view.environments
  const title = !profile
    ? 'Choose a profile first: each environment belongs to a profile.'
    : environments.length === 0
      ? `${collection.collectionName} has no environments yet; add one in Collections.`
      : `The environment of ${collection.collectionName} used with ${profile.name}; its variables fill {{…}} in this request.`
  return (
    <span className="col-env" data-testid="environment-select">
      <label htmlFor={id} className="col-env-label">Environment</label>
      <select id={id} className="col-env-select" value={collection.environment ?? ''} disabled={!profile || environments.length === 0} title={title} onChange={(event) => onChoose(event.target.value || undefined)}>
        <option value="">{environments.length === 0 ? 'None in this collection' : 'No environment'}</option>
        {environments.map((environment) => (
          <option key={environment.name} value={environment.name}>
            {environment.name}
            {environment.profileId && environment.profileId !== profile?.id ? ' (used with another profile)' : ''}
          </option>
        ))}
      </select>
    </span>
  )
}
