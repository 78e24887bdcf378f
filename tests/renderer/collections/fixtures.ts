import type { CollectionItem } from '../../../src/shared/collections/collection-model'
import type { CollectionView } from '../../../src/shared/ipc/collections.contract'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'

export const ROOT = '/work/team-requests'
export const COLLECTION_ID = 'a1b2c3d4e5f60718'

export const LIST_RULES = newRequestSpec({ name: 'List rules', url: '/properties/{{propertyId}}/rules' })
export const GET_RULE = newRequestSpec({ name: 'Get a rule', url: '/rules/{{ruleId}}' })
export const COMPANIES = newRequestSpec({ name: 'List companies', url: '/companies' })

export function items(): CollectionItem[] {
  return [
    {
      kind: 'folder',
      path: 'rules',
      name: 'Rules',
      seq: 1,
      defaults: { headers: [], variables: [{ name: 'ruleId', value: 'RLfolder', enabled: true }] },
      etag: 'f1',
      items: [
        { kind: 'request', path: 'rules/list-rules.yml', seq: 1, spec: LIST_RULES, etag: 'r1' },
        { kind: 'request', path: 'rules/get-rule.yml', seq: 2, spec: GET_RULE, etag: 'r2' }
      ]
    },
    { kind: 'request', path: 'companies.yml', seq: 2, spec: COMPANIES, etag: 'r3', docs: 'Lists the **companies** of the org.' },
    { kind: 'unreadable', path: 'broken.yml', message: 'Nested mappings are not allowed in compact mappings', line: 3, column: 5 }
  ]
}

/** A collection as main shows it: a folder with two requests, a request at the top, an unreadable file, two environments. */
export function teamView(patch: Partial<CollectionView> = {}): CollectionView {
  return {
    id: COLLECTION_ID,
    root: ROOT,
    name: 'Team requests',
    version: '1.0.0',
    etag: 'c1',
    defaults: { headers: [{ name: 'X-Team', value: 'tags', enabled: true }], variables: [{ name: 'region', value: 'eu', enabled: true }, { name: 'apiToken', enabled: true, secret: true }] },
    items: items(),
    environments: [
      { name: 'Production', profileId: 'p1', variables: [{ name: 'propertyId', value: 'PRprod', enabled: true }], file: 'environments/production.yml', etag: 'e1' },
      { name: 'Stage', profileId: 'p2', variables: [{ name: 'propertyId', value: 'PRstage', enabled: true }], file: 'environments/stage.yml', etag: 'e2' }
    ],
    ...patch
  } as CollectionView
}

export function viewsOf(...views: CollectionView[]): Map<string, CollectionView> {
  return new Map(views.map((view) => [view.id, view]))
}

export function ok<T>(value: T) {
  return { ok: true as const, value }
}
