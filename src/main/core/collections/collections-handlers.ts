// The `collections` capability: the contract's collections:* channels on top of CollectionService, and the
// one way a collection request is sent — `collections:sendRequest` names the collection, the request's path
// and the profile; main applies the collection's and folders' defaults, resolves the variable scopes
// (request < folder < collection < environment < run-time) with secret values read from the keychain here,
// and sends through the same SendPipeline as requests:send. The renderer never holds a secret value.
import type { RequestProgress } from '../../../shared/ipc/requests.contract'
import type { VariableScope } from '../../../shared/requests/variables'
import type { RequestRegistry } from '../http/request-registry'
import type { SendContext, SendPipeline } from '../requests/send-pipeline'
import type { RequestsCapability } from '../requests/request-handlers'
import type { Handlers } from '../rpc/dispatcher'
import type { EventHub } from '../rpc/event-hub'
import type { SecretRegistry } from '../security/secret-registry'
import type { CollectionSecrets } from './collection-secrets'
import { CollectionService } from './collection-service'
import type { WriteText } from './collection-files'

type CollectionsHandlers = Pick<Handlers, Extract<keyof Handlers, `collections:${string}`>>

export interface CollectionsDeps {
  dataDir: string
  /**
   * The keychain values of secret variables. Made before the requests capability, whose SendPipeline asks it
   * for values (`secretVariableFor`), so nothing is bound late.
   */
  secrets: CollectionSecrets
  registry: SecretRegistry
  events: EventHub
  pipeline: SendPipeline
  requests: RequestRegistry
  /** The requests capability's streamed send, for `streamBody` (the Request area's tabs of saved requests). */
  sendStreamed: RequestsCapability['sendStreamed']
  /** Watch open collections for changes on disk (the app: yes; one-shot CLI commands: no). */
  watch?: boolean
  write?: WriteText
}

export interface CollectionsCapability {
  handlers: CollectionsHandlers
  service: CollectionService
  secrets: CollectionSecrets
  dispose(): Promise<void>
}

/** The SendPipeline's `secretVariable` dependency: only values lent to that very send, in main only. */
export function secretVariableFor(secrets: CollectionSecrets) {
  return (name: string, scope: VariableScope, context: SendContext): string | undefined => secrets.valueFor(name, scope, context.requestId)
}

export function createCollectionsCapability(deps: CollectionsDeps): CollectionsCapability {
  const { secrets } = deps
  const service = new CollectionService({
    dataDir: deps.dataDir,
    secrets,
    registry: deps.registry,
    watch: deps.watch,
    write: deps.write,
    onChanged: (payload) => deps.events.emit('collections:changed', payload),
    onNotice: (notice) => deps.events.emit('app:notice', notice)
  })
  const onProgress = (progress: RequestProgress) => deps.events.emit('requests:progress', progress)

  const handlers: CollectionsHandlers = {
    'collections:list': () => service.list(),
    'collections:open': ({ root }) => service.open(root),
    'collections:create': ({ name, parentDir }) => service.create(name, parentDir),
    'collections:close': async ({ collectionId }) => ({ closed: await service.close(collectionId) }),
    'collections:tree': ({ collectionId }) => service.tree(collectionId),
    'collections:saveRequest': (input) => service.saveRequest(input),
    'collections:rename': ({ collectionId, path, name }) => service.rename(collectionId, path, name),
    'collections:move': ({ collectionId, path, toFolder, index }) => service.move(collectionId, path, toFolder, index),
    'collections:duplicate': ({ collectionId, path }) => service.duplicate(collectionId, path),
    'collections:delete': ({ collectionId, path }) => service.delete(collectionId, path),
    'collections:restore': ({ collectionId, undoId }) => service.restore(collectionId, undoId),
    'collections:newFolder': ({ collectionId, parent, name }) => service.newFolder(collectionId, parent, name),
    'collections:setDefaults': (input) => service.setDefaults(input),
    'collections:environments': ({ collectionId, profileId }) => service.environments(collectionId, profileId),
    'collections:saveEnvironment': (input) => service.saveEnvironment(input),
    'collections:deleteEnvironment': ({ collectionId, name }) => service.deleteEnvironment(collectionId, name),
    'collections:sendRequest': async (input) => {
      const { spec, variables, secrets: needed } = await service.sendable(input.collectionId, input.path, input)
      const registry = deps.requests
      const controller = registry.start(input.requestId)
      const release = await secrets.lend(input.requestId, needed)
      const context = {
        requestId: input.requestId,
        profileId: input.profileId,
        variables,
        maxInlineBodyBytes: input.maxInlineBodyBytes,
        signal: controller.signal,
        onProgress,
        source: 'app' as const
      }
      const giveBack = () => {
        release()
        registry.finish(input.requestId, controller)
      }
      if (input.streamBody) {
        // The secrets stay lent until the whole body is in: a 401 refresh or retry happens before the head,
        // but the send itself (and its history record) ends only with the body.
        const { head, settled } = deps.sendStreamed(spec, context)
        void settled.then(giveBack)
        return head
      }
      try {
        return await deps.pipeline.send(spec, context)
      } finally {
        giveBack()
      }
    }
  }

  return {
    handlers,
    service,
    secrets,
    dispose: () => service.dispose()
  }
}
