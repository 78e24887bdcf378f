// Request tabs and the collection files they came from. A tab with a collection origin resolves its
// {{variables}} with its folders', its collection's and the active profile's environment (and is sent through
// collections:sendRequest, so main applies the same scopes and the secret values only main holds); Ctrl/Cmd+S
// writes it back to its file, or asks where ("Save as"); a value that looks like a secret is offered as a secret
// variable instead of being written; and a file changed on disk while its tab has unsaved edits asks which
// version to keep, losing neither. A tab without unsaved edits simply follows its file.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { CollectionConflict, CollectionView, SaveRequestInput, SaveResult, SecretFinding } from '@shared/ipc/collections.contract'
import type { RequestTabOrigin } from '@shared/ipc/requests.contract'
import type { RequestSpec } from '@shared/requests/request-spec'
import type { VariableScopes } from '@shared/requests/variables'
import type { ProfileOption } from '../../state/active-profile'
import { documentKey, draftFromSpec, isUnnamed, specFromDraft, tabTitle } from '../requests/model/request-draft'
import { isDirty, type OpenTab, type RequestTabs } from '../requests/use-request-tabs'
import {
  createCollection,
  entryById,
  entryForRoot,
  newFolder,
  onCollectionItemMoved,
  saveRequestDocument,
  useCollections,
  viewSource,
  type CollectionsState
} from './collections-store'
import { pickVariableName } from '../requests/context/PathParamsBar'
import { bindEnvironment, saveEnvironmentVariable } from './environments'
import { ConflictDialog, SaveAsDialog, SecretsFoundDialog, type ConflictChoice, type SaveAsChoice } from './SaveDialogs'
import { environmentFor, findItem, parentFolderOf, scopesOf } from './tree-model'
import { pluralWord } from '../../ui/plural'

/** What a tab knows about the collection file it came from. */
export interface TabCollection {
  collectionId: string
  root: string
  path: string
  collectionName: string
  view: CollectionView
  /** The environment bound to the active profile, if any. */
  environment?: string
  scopes: VariableScopes
  /** Names the scopes give a value to (or declare secret): `{{name}}` of these is not "unknown". */
  known: ReadonlySet<string>
}

/** A tab whose file changed (or went) on disk while it had unsaved edits: the person decides. */
export interface DiskConflict {
  /** The file's hash now; null when it is gone. */
  etag: string | null
  spec?: RequestSpec
}

type Pending =
  | { kind: 'save-as'; tabId: string; busy: boolean; error?: string }
  | { kind: 'secrets'; tabId: string; findings: SecretFinding[]; input: SaveRequestInput; root: string; fromDraft: RequestSpec; busy: boolean }
  | { kind: 'conflict'; tabId: string; conflict: CollectionConflict; input: SaveRequestInput; root: string; fromDraft: RequestSpec; busy: boolean }

export interface SaveStatus {
  tone: 'ok' | 'error'
  text: string
}

function originOf(root: string, path: string, etag: string): RequestTabOrigin {
  return { kind: 'collection', root, path, etag }
}

/** `{{name}}` values the scopes give (secret ones included: main holds their values). */
function knownNames(scopes: VariableScopes): Set<string> {
  const names = new Set<string>()
  for (const list of Object.values(scopes)) for (const variable of list ?? []) if (variable.enabled !== false && variable.name.trim()) names.add(variable.name.trim())
  return names
}

function collectionOfTab(tab: OpenTab, collections: CollectionsState, profileId: string | undefined): TabCollection | undefined {
  const origin = tab.origin
  if (!origin) return undefined
  const entry = collections.entries.find((candidate) => candidate.root === origin.root)
  const view = entry?.view
  if (!entry || !view) return undefined
  const environment = environmentFor(view, profileId)
  const scopes = scopesOf(view, origin.path, environment)
  return { collectionId: entry.id, root: entry.root, path: origin.path, collectionName: view.name, view, ...(environment ? { environment } : {}), scopes, known: knownNames(scopes) }
}

export function useCollectionTabs({ tabs, profile }: { tabs: RequestTabs; profile: ProfileOption | undefined }) {
  const collections = useCollections()
  const [pending, setPending] = useState<Pending | undefined>()
  const [conflicts, setConflicts] = useState<ReadonlyMap<string, DiskConflict>>(() => new Map())
  const [status, setStatus] = useState<SaveStatus | undefined>()
  const tabsRef = useRef(tabs.tabs)
  tabsRef.current = tabs.tabs
  const { revise } = tabs

  // One object per tab while nothing it depends on changes, so a memoised tab does not re-render.
  const cache = useRef(new Map<string, { view: CollectionView; path: string; profileId?: string; value: TabCollection }>())
  const byTab = useMemo(() => {
    const out = new Map<string, TabCollection>()
    for (const tab of tabs.tabs) {
      const cached = cache.current.get(tab.id)
      const entry = tab.origin ? collections.entries.find((candidate) => candidate.root === tab.origin!.root) : undefined
      if (cached && entry?.view === cached.view && cached.path === tab.origin?.path && cached.profileId === profile?.id) {
        out.set(tab.id, cached.value)
        continue
      }
      const value = collectionOfTab(tab, collections, profile?.id)
      if (value) {
        cache.current.set(tab.id, { view: value.view, path: value.path, profileId: profile?.id, value })
        out.set(tab.id, value)
      } else cache.current.delete(tab.id)
    }
    return out
  }, [tabs.tabs, collections, profile?.id])

  // ----- files changed on disk (or by this window's own edits) while tabs show them
  // Each tab reacts once per new version of its file in the tree: a tree that has not caught up yet (a choice
  // made from a conflict's answer, before the watcher reports the file) does not pull the tab back.
  const seen = useRef(new Map<string, string | null>())
  useEffect(() => {
    for (const tab of tabs.tabs) {
      const origin = tab.origin
      if (!origin) continue
      const entry = collections.entries.find((candidate) => candidate.root === origin.root)
      if (!entry?.view) continue
      const found = findItem(entry.view.items, origin.path)?.item
      const item = found?.kind === 'request' ? found : undefined
      const source = viewSource(entry.id)
      const version = found ? (item?.etag ?? 'unreadable') : null
      if (seen.current.get(tab.id) === version && (!item || item.etag !== origin.etag)) continue
      seen.current.set(tab.id, version)
      if (item && item.etag === origin.etag) {
        if (conflicts.has(tab.id)) setConflicts((current) => withoutKey(current, tab.id))
        continue
      }
      if (!item) {
        // Our own rename or move reports the new path separately; a file gone on disk is the person's call.
        if (source === 'edit' || found) continue
        if (!conflicts.has(tab.id) || conflicts.get(tab.id)!.etag !== null) setConflicts((current) => new Map(current).set(tab.id, { etag: null }))
        continue
      }
      const etag = item.etag ?? ''
      if (!isDirty(tab)) {
        // Nothing unsaved: the tab shows the file as it is now.
        revise(tab.id, (current) => (current.origin?.etag === origin.etag && !isDirty(current) ? { ...current, draft: draftFromSpec(item.spec), baseline: item.spec, origin: { ...origin, etag } } : current))
        continue
      }
      if (source === 'edit') {
        // This window changed the file (a reorder renumbers its neighbours): the edits stay, the hash follows.
        revise(tab.id, (current) => (current.origin?.etag === origin.etag ? { ...current, origin: { ...origin, etag } } : current))
        continue
      }
      if (conflicts.get(tab.id)?.etag !== etag) setConflicts((current) => new Map(current).set(tab.id, { etag, spec: item.spec }))
    }
  }, [tabs.tabs, collections, conflicts, revise])

  // Renames and moves made here: tabs opened from the old path follow the file to its new one.
  useEffect(
    () =>
      onCollectionItemMoved(({ collectionId, root, from, to }) => {
        const view = entryById(collectionId)?.view
        for (const tab of tabsRef.current) {
          const origin = tab.origin
          if (!origin || origin.root !== root || !(origin.path === from || origin.path.startsWith(`${from}/`))) continue
          const path = `${to}${origin.path.slice(from.length)}`
          const item = view ? findItem(view.items, path)?.item : undefined
          revise(tab.id, (current) => {
            if (current.origin?.path !== origin.path) return current
            const etag = item?.kind === 'request' ? (item.etag ?? current.origin.etag) : current.origin.etag
            const next = { ...current.origin, path, ...(etag ? { etag } : {}) }
            if (item?.kind !== 'request') return { ...current, origin: next }
            if (!isDirty(current)) return { ...current, draft: draftFromSpec(item.spec), baseline: item.spec, origin: next }
            // Unsaved edits stay; the new name follows into the tab unless it was renamed there too.
            const renamed = current.draft.name === current.baseline.name ? { ...current.draft, name: item.spec.name } : current.draft
            return { ...current, draft: renamed, baseline: { ...current.baseline, name: item.spec.name }, origin: next }
          })
        }
      }),
    [revise]
  )

  // ----- saving
  /**
   * `fromDraft` is the tab's document when the save began: the tab takes what was saved (a new name from Save
   * as, {{name}} where a secret was) unless the person typed on meanwhile, whose edits then stay (and show dirty).
   */
  const finishSaved = useCallback(
    (tabId: string, sent: RequestSpec, fromDraft: RequestSpec, result: Extract<SaveResult, { status: 'saved' }>, root: string) => {
      const stored = findItem(result.collection.items, result.path)?.item
      // With secrets stored as variables the file holds {{name}} where the tab held the value: the tab takes it too.
      const saved = result.secretsStored.length > 0 && stored?.kind === 'request' ? stored.spec : sent
      revise(tabId, (tab) => {
        const typedMeanwhile = documentKey(specFromDraft(tab.draft)) !== documentKey(fromDraft)
        const draft = !typedMeanwhile && documentKey(saved) !== documentKey(fromDraft) ? draftFromSpec(saved) : tab.draft
        return { ...tab, draft, baseline: saved, origin: originOf(root, result.path, result.etag) }
      })
      setConflicts((current) => withoutKey(current, tabId))
      const folder = parentFolderOf(result.path)
      const secrets = result.secretsStored.length > 0 ? ` ${result.secretsStored.length === 1 ? 'One value was' : `${result.secretsStored.length} values were`} stored in your keychain as secret ${pluralWord(result.secretsStored.length, 'variable')} (${result.secretsStored.map((secret) => `{{${secret.variable}}}`).join(', ')}).` : ''
      setStatus({ tone: 'ok', text: `Saved “${saved.name}” to ${result.collection.name}${folder ? ` › ${folder}` : ''} (${result.path}).${secrets}` })
    },
    [revise]
  )

  const sendSave = useCallback(
    async (tabId: string, input: SaveRequestInput, root: string, fromDraft: RequestSpec = input.spec as RequestSpec) => {
      let result: SaveResult
      try {
        result = await saveRequestDocument(input)
      } catch (error) {
        setPending(undefined)
        setStatus({ tone: 'error', text: `Not saved: ${(error as Error).message}` })
        return
      }
      if (result.status === 'saved') {
        setPending(undefined)
        finishSaved(tabId, input.spec as RequestSpec, fromDraft, result, root)
      } else if (result.status === 'secrets-found') {
        setPending({ kind: 'secrets', tabId, findings: result.findings, input, root, fromDraft, busy: false })
      } else {
        setPending({ kind: 'conflict', tabId, conflict: result, input, root, fromDraft, busy: false })
      }
    },
    [finishSaved]
  )

  const saveAs = useCallback((tabId: string) => setPending({ kind: 'save-as', tabId, busy: false }), [])

  /** Ctrl/Cmd+S: back to the tab's collection file, or "Save as" for a tab that has none. */
  const save = useCallback(
    (tabId: string) => {
      const tab = tabsRef.current.find((candidate) => candidate.id === tabId)
      if (!tab) return
      const origin = tab.origin
      if (!origin) {
        saveAs(tabId)
        return
      }
      const entry = entryForRoot(origin.root)
      if (!entry?.view) {
        setStatus({ tone: 'error', text: `The collection this request came from (${origin.root}) is not open. Open that folder in Collections, or use Save as.` })
        saveAs(tabId)
        return
      }
      if (entry.view.readOnlyReason) {
        setStatus({ tone: 'error', text: `Not saved: ${entry.view.readOnlyReason} Use Save as to keep it elsewhere.` })
        return
      }
      void sendSave(tabId, { collectionId: entry.id, path: origin.path, spec: specFromDraft(tab.draft), baseEtag: origin.etag ?? null }, entry.root)
    },
    [saveAs, sendSave]
  )

  const submitSaveAs = useCallback(
    async (tabId: string, choice: SaveAsChoice) => {
      const tab = tabsRef.current.find((candidate) => candidate.id === tabId)
      if (!tab) return
      setPending({ kind: 'save-as', tabId, busy: true })
      try {
        const view = choice.collectionId ? entryById(choice.collectionId)?.view : await createCollection(choice.newCollection ?? 'My collection')
        if (!view) throw new Error('That collection is no longer open.')
        const folder = choice.newFolder ? await newFolder(view.id, choice.folder, choice.newFolder) : choice.folder
        const current = specFromDraft(tab.draft)
        await sendSave(tabId, { collectionId: view.id, folder, spec: { ...current, name: choice.name } }, view.root, current)
      } catch (error) {
        setPending({ kind: 'save-as', tabId, busy: false, error: (error as Error).message })
      }
    },
    [sendSave]
  )

  /** The person's answer to a conflict (at save time, or a file changed on disk while the tab had edits). */
  const resolve = useCallback(
    async (tabId: string, choice: ConflictChoice, base: { input: SaveRequestInput; root: string; disk: DiskConflict; fromDraft: RequestSpec }) => {
      const { input, root, disk, fromDraft } = base
      const path = input.path!
      if (choice === 'mine') {
        await sendSave(tabId, { ...input, baseEtag: disk.etag }, root, fromDraft)
        return
      }
      if (choice === 'both') {
        const spec = input.spec as RequestSpec
        const name = disk.etag === null ? spec.name : `${spec.name} (my copy)`
        await sendSave(tabId, { collectionId: input.collectionId, folder: parentFolderOf(path), spec: { ...spec, name } }, root, fromDraft)
        return
      }
      setPending(undefined)
      const theirs = disk.spec
      if (!theirs || disk.etag === null) return
      revise(tabId, (tab) => ({ ...tab, draft: draftFromSpec(theirs), baseline: theirs, origin: originOf(root, path, disk.etag!) }))
      setConflicts((current) => withoutKey(current, tabId))
      setStatus({ tone: 'ok', text: `The tab now shows “${theirs.name}” as it is on disk; your edits were set aside.` })
    },
    [revise, sendSave]
  )

  /** The banner's choices for a file that changed on disk while its tab had unsaved edits. */
  const resolveDiskConflict = useCallback(
    (tabId: string, choice: ConflictChoice) => {
      const tab = tabsRef.current.find((candidate) => candidate.id === tabId)
      const disk = conflicts.get(tabId)
      const entry = tab?.origin ? entryForRoot(tab.origin.root) : undefined
      if (!tab?.origin || !disk || !entry) return
      const spec = specFromDraft(tab.draft)
      void resolve(tabId, choice, { input: { collectionId: entry.id, path: tab.origin.path, spec, baseEtag: tab.origin.etag ?? null }, root: entry.root, disk, fromDraft: spec })
    },
    [conflicts, resolve]
  )

  // ----- environments
  const chooseEnvironment = useCallback(
    async (tabId: string, name: string | undefined) => {
      const info = byTab.get(tabId)
      if (!info || !profile) return
      try {
        await bindEnvironment(info.view, name, profile.id)
        setStatus({ tone: 'ok', text: name ? `${profile.name} now uses the ${name} environment of ${info.collectionName}.` : `${profile.name} uses no environment of ${info.collectionName} now.` })
      } catch (error) {
        setStatus({ tone: 'error', text: `The environment was not changed: ${(error as Error).message}` })
      }
    },
    [byTab, profile]
  )

  /** "Save as {{propertyId}}": the picked id becomes an environment variable, and the URL uses it. */
  const saveAsVariable = useCallback(
    async (tabId: string, resourceType: string, id: string) => {
      const info = byTab.get(tabId)
      if (!info || !profile) return
      const name = pickVariableName(resourceType)
      try {
        const environment = await saveEnvironmentVariable(info.view, profile, name, id)
        tabs.update(tabId, (draft) => {
          const segments = draft.url.split('/')
          const replaced = segments.map((segment) => (segment === id || segment === encodeURIComponent(id) ? `{{${name}}}` : segment))
          return replaced.join('/') === draft.url ? draft : { ...draft, url: replaced.join('/') }
        })
        setStatus({ tone: 'ok', text: `Saved {{${name}}} = ${id} in the ${environment} environment of ${info.collectionName} (used with ${profile.name}).` })
      } catch (error) {
        setStatus({ tone: 'error', text: `{{${name}}} was not saved: ${(error as Error).message}` })
      }
    },
    [byTab, profile, tabs]
  )

  // ----- the dialogs of a save in progress
  let dialog: ReactNode = null
  const pendingTab = pending ? tabs.tabs.find((tab) => tab.id === pending.tabId) : undefined
  if (pending && !pendingTab) {
    // The tab was closed meanwhile.
  } else if (pending?.kind === 'save-as' && pendingTab) {
    const origin = pendingTab.origin
    const from = origin ? entryForRoot(origin.root) : undefined
    const spec = specFromDraft(pendingTab.draft)
    dialog = (
      <SaveAsDialog
        collections={collections.entries.flatMap((entry) => (entry.view ? [entry.view] : []))}
        initial={{ collectionId: from?.id, folder: origin ? parentFolderOf(origin.path) : '', name: isUnnamed(spec.name) ? tabTitle(spec) : spec.name }}
        busy={pending.busy}
        error={pending.error}
        onSave={(choice) => void submitSaveAs(pending.tabId, choice)}
        onCancel={() => setPending(undefined)}
      />
    )
  } else if (pending?.kind === 'secrets') {
    dialog = (
      <SecretsFoundDialog
        findings={pending.findings}
        busy={pending.busy}
        onCancel={() => {
          setPending(undefined)
          setStatus({ tone: 'error', text: 'Not saved: the request holds a value that looks like a secret.' })
        }}
        onStore={() => {
          setPending({ ...pending, busy: true })
          void sendSave(pending.tabId, { ...pending.input, secretsAs: 'variables' }, pending.root, pending.fromDraft)
        }}
      />
    )
  } else if (pending?.kind === 'conflict') {
    const { conflict } = pending
    const yours = pending.input.spec as RequestSpec
    dialog = (
      <ConflictDialog
        name={yours.name}
        path={conflict.path}
        disk={{ deleted: conflict.disk.etag === null, spec: conflict.disk.spec, unreadable: conflict.disk.unreadable }}
        yours={yours}
        busy={pending.busy}
        onCancel={() => {
          setPending(undefined)
          if (conflict.disk.etag !== null) setConflicts((current) => new Map(current).set(pending.tabId, { etag: conflict.disk.etag, spec: conflict.disk.spec }))
        }}
        onChoice={(choice) => {
          setPending({ ...pending, busy: true })
          void resolve(pending.tabId, choice, { input: pending.input, root: pending.root, disk: { etag: conflict.disk.etag, spec: conflict.disk.spec }, fromDraft: pending.fromDraft })
        }}
      />
    )
  }

  return {
    /** The collection a tab's document came from (scopes, environment), if it is open. */
    collectionFor: (tabId: string) => byTab.get(tabId),
    conflictFor: (tabId: string) => conflicts.get(tabId),
    save,
    saveAs,
    resolveDiskConflict,
    chooseEnvironment,
    saveAsVariable,
    dialog,
    status,
    dismissStatus: useCallback(() => setStatus(undefined), [])
  }
}

function withoutKey<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  if (!map.has(key)) return map
  const next = new Map(map)
  next.delete(key)
  return next
}
