// Values of a collection's secret variables: in the keychain (SecretService), never in the folder. The folder
// says `{ name, secret: true }`; the value is keyed by the collection's location and the scope it belongs to:
//
//   collection:<sha256(root)>:env:<environment>:<name>   a secret of one environment (per profile, per org)
//   collection:<sha256(root)>:collection:<name>          a secret of the collection, a folder or a request
//
// so the same `{{clientSecret}}` can differ between the production and the Sandbox environment. Moving the
// folder elsewhere on disk leaves its secrets behind (they are asked for again), as in Bruno.
//
// The send pipeline asks for values synchronously while it resolves a request; `lend` reads what one send
// needs from the keychain beforehand and hands them out for that request id only, until the send ends.
import { createHash } from 'node:crypto'
import type { RequestVariable } from '../../../shared/requests/request-spec'
import type { VariableScope } from '../../../shared/requests/variables'
import { AppError } from '../../../shared/errors'
import type { SecretLocation, SecretService } from '../secrets/secret-service'
import { SecretStoreError } from '../secrets/secret-store'

export type SecretScope = { environment: string } | { collection: true }

export function collectionSecretKey(root: string, scope: SecretScope, name: string): string {
  const collection = createHash('sha256').update(root).digest('hex')
  const where = 'environment' in scope ? `env:${encodeURIComponent(scope.environment)}` : 'collection'
  return `collection:${collection}:${where}:${name}`
}

export interface SecretsNeeded {
  root: string
  environment?: string
  /** The secret variables of each scope the request resolves with. */
  byScope: Partial<Record<VariableScope, readonly RequestVariable[]>>
}

function scopeOf(scope: VariableScope, environment: string | undefined): SecretScope | undefined {
  if (scope === 'runtime') return undefined
  if (scope === 'environment') return environment ? { environment } : undefined
  return { collection: true }
}

export class CollectionSecrets {
  private readonly lent = new Map<string, Map<string, string>>()

  constructor(private readonly secrets: SecretService) {}

  async store(root: string, scope: SecretScope, name: string, value: string): Promise<SecretLocation> {
    try {
      return await this.secrets.set(collectionSecretKey(root, scope, name), value)
    } catch (error) {
      // A keychain that refuses (locked, no session bus): keep it for this session and say so.
      if (error instanceof SecretStoreError) return this.secrets.set(collectionSecretKey(root, scope, name), value, { sessionOnly: true })
      throw error
    }
  }

  async read(root: string, scope: SecretScope, name: string): Promise<string | undefined> {
    try {
      return await this.secrets.get(collectionSecretKey(root, scope, name))
    } catch (error) {
      if (error instanceof SecretStoreError) throw new AppError('collections-secret-unavailable', `The value of the secret variable "${name}" could not be read from the keychain: ${error.message}`)
      throw error
    }
  }

  async remove(root: string, scope: SecretScope, name: string): Promise<void> {
    await this.secrets.delete(collectionSecretKey(root, scope, name)).catch(() => undefined)
  }

  /** Moves an environment's secret values to its new name (rename). */
  async move(root: string, from: SecretScope, to: SecretScope, name: string): Promise<void> {
    const value = await this.read(root, from, name)
    if (value === undefined) return
    await this.store(root, to, name, value)
    await this.remove(root, from, name)
  }

  /**
   * Reads the values one send needs and lends them to `requestId` until `release` is called. Values not in
   * the keychain stay unresolved (the pipeline then names them as "secret, no value stored").
   */
  async lend(requestId: string, needed: SecretsNeeded): Promise<() => void> {
    const values = new Map<string, string>()
    for (const [scope, variables] of Object.entries(needed.byScope) as Array<[VariableScope, readonly RequestVariable[]]>) {
      const where = scopeOf(scope, needed.environment)
      if (!where) continue
      for (const variable of variables) {
        if (!variable.secret || variable.enabled === false) continue
        const value = await this.read(needed.root, where, variable.name.trim())
        if (value !== undefined) values.set(`${scope}:${variable.name.trim()}`, value)
      }
    }
    this.lent.set(requestId, values)
    return () => {
      if (this.lent.get(requestId) === values) this.lent.delete(requestId)
    }
  }

  /** The SendPipeline's `secretVariable` dependency: only values lent to this very request. */
  valueFor(name: string, scope: VariableScope, requestId: string): string | undefined {
    return this.lent.get(requestId)?.get(`${scope}:${name}`)
  }
}
