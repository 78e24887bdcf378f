// What the runner needs from the collections capability, in one place: the collection read from its folder,
// the captured values written back into an environment (only when a run asks), and the keychain values of
// secret variables lent to each send.
import type { Environment } from '../../../shared/collections/collection-model'
import type { CollectionsCapability } from '../collections/collections-handlers'
import type { RunnerCapabilityDeps } from './runner-capability'

/** The environment with each captured value set (an existing variable keeps its place; new ones are added). */
export function withCaptured(environment: Environment, captured: ReadonlyMap<string, string>): Environment {
  const { file: _file, etag: _etag, extra: _extra, ...plain } = environment as Environment & { file?: unknown; etag?: unknown; extra?: unknown }
  // A secret variable's value lives in the keychain: a capture never overwrites it with plain text.
  const variables = environment.variables.map((variable) => (captured.has(variable.name) && !variable.secret ? { ...variable, value: captured.get(variable.name)! } : variable))
  for (const [name, value] of captured) if (!variables.some((variable) => variable.name === name)) variables.push({ name, value, enabled: true })
  return { ...plain, variables }
}

export function runnerCollectionDeps(collections: Pick<CollectionsCapability, 'service' | 'secrets'>): Pick<RunnerCapabilityDeps, 'loadCollection' | 'saveEnvironment' | 'lendSecrets'> {
  return {
    loadCollection: async (root) => collections.service.collection((await collections.service.open(root)).id),
    saveEnvironment: async (collection, environment, captured) => {
      const view = await collections.service.open(collection.root)
      await collections.service.saveEnvironment({ collectionId: view.id, environment: withCaptured(environment, captured), previousName: environment.name })
    },
    lendSecrets: (requestId, needed) => collections.secrets.lend(requestId, needed)
  }
}
