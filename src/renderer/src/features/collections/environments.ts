// Environments tied to profiles: the same {{propertyId}} has one value with the production profile and another
// with stage or the Sandbox. Each environment names the profile it belongs to (`profileId`); the Request area
// shows the one bound to the active profile, so switching profile switches environment. One profile has at
// most one environment per collection: binding one unbinds the other.
import type { Environment } from '@shared/collections/collection-model'
import type { CollectionView, SaveResult } from '@shared/ipc/collections.contract'
import type { RequestVariable } from '@shared/requests/request-spec'
import { saveEnvironment } from './collections-store'

type ViewEnvironment = CollectionView['environments'][number]

/** The environment as saveEnvironment takes it: without the file name and hash the tree carries. */
export function plainEnvironment(environment: ViewEnvironment, patch: Partial<Environment> = {}): Environment {
  const { file: _file, etag: _etag, ...rest } = environment as ViewEnvironment & { file?: string; etag?: string }
  const next = { ...rest, ...patch } as Environment
  if (next.profileId === undefined) delete next.profileId
  return next
}

function ensureSaved(result: SaveResult): void {
  if (result.status !== 'saved') throw new Error(result.message)
}

/** Makes `name` the environment used with `profileId` (undefined: none), unbinding the one used so far. */
export async function bindEnvironment(view: CollectionView, name: string | undefined, profileId: string): Promise<void> {
  for (const environment of view.environments) {
    if (environment.profileId === profileId && environment.name !== name) {
      ensureSaved(await saveEnvironment({ collectionId: view.id, environment: plainEnvironment(environment, { profileId: undefined }), previousName: environment.name }))
    }
  }
  const chosen = view.environments.find((environment) => environment.name === name)
  if (chosen && chosen.profileId !== profileId) {
    ensureSaved(await saveEnvironment({ collectionId: view.id, environment: plainEnvironment(chosen, { profileId }), previousName: chosen.name }))
  }
}

/**
 * Saves `{{name}}` = `value` in the environment bound to the profile (one is created for the profile, named
 * after it, when there is none yet). Returns the environment's name.
 */
export async function saveEnvironmentVariable(view: CollectionView, profile: { id: string; name: string }, name: string, value: string): Promise<string> {
  const bound = view.environments.find((environment) => environment.profileId === profile.id)
  const variable: RequestVariable = { name, value, enabled: true }
  if (bound) {
    const variables = bound.variables.some((existing) => existing.name === name)
      ? bound.variables.map((existing) => (existing.name === name ? { ...existing, value, secret: undefined, enabled: true } : existing))
      : [...bound.variables, variable]
    ensureSaved(await saveEnvironment({ collectionId: view.id, environment: plainEnvironment(bound, { variables: variables.map(stripUndefined) }), previousName: bound.name }))
    return bound.name
  }
  const taken = new Set(view.environments.map((environment) => environment.name.toLowerCase()))
  let environmentName = profile.name.slice(0, 200)
  for (let n = 2; taken.has(environmentName.toLowerCase()); n++) environmentName = `${profile.name.slice(0, 190)} ${n}`
  ensureSaved(await saveEnvironment({ collectionId: view.id, environment: { name: environmentName, profileId: profile.id, variables: [variable] } }))
  return environmentName
}

function stripUndefined(variable: RequestVariable): RequestVariable {
  const out = { ...variable }
  if (out.secret === undefined) delete out.secret
  if (out.value === undefined) delete out.value
  return out
}
