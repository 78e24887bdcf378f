// The Reactor starter collection: what a newcomer gets in one click (the first-run screen offers it). The
// calls of Adobe's getting-started guide — list companies (and what its 404 and 403 mean), properties, a
// property, rules, rule components, data elements, extensions, libraries, environments, builds — then the
// publishing flow: create a library, add resources to it, assign it to a development environment, build it,
// poll the build. Requests chain through variables ({{companyId}}, {{propertyId}}, {{libraryId}}, …): each
// list captures the first id it returns, declaratively, in OpenCollection's `runtime.actions` (Bruno runs
// the same captures), and says what a good answer is in `runtime.assertions`. The build poll is
// `reactor.poll` (repeat until the build leaves `pending`), for the runner. The Sandbox environment holds the
// Sandbox's seeded ids, so every request also works on its own, with no setup.
import { matchOperation } from '../../../shared/catalog/catalog'
import type { Collection, Environment } from '../../../shared/collections/collection-model'
import { REACTOR_ACCEPT, REACTOR_CONTENT_TYPE, requestSpec, type HttpMethod } from '../../../shared/requests/request-spec'
import { withFilePaths } from './item-paths'
import { emptyDefaults, folderItem, requestItem } from './model-builders'
import type { ResponseAssertion, SetVariableAction } from './response-expressions'

/** The built-in Sandbox profile's id (profiles/profile-service.ts), so its environment follows that profile. */
const SANDBOX_PROFILE = 'sandbox'

export interface StarterSandboxIds {
  companyId: string
  /** The seeded web property (`RunningSandbox.seeded.webPropertyId`). */
  webPropertyId: string
}

interface StarterRequest {
  name: string
  method: HttpMethod
  url: string
  params?: Array<[string, string]>
  body?: unknown
  docs: string
  status: number
  assertions?: ResponseAssertion[]
  captures?: Array<[variable: string, expression: string]>
  poll?: { until: ResponseAssertion; failWhen?: ResponseAssertion; intervalMs: number; maxAttempts: number }
}

const capture = (variable: string, expression: string): SetVariableAction => ({
  type: 'set-variable',
  phase: 'after-response',
  selector: { expression, method: 'jsonq' },
  variable: { name: variable, scope: 'runtime' }
})

const relationship = (type: string, variable: string) => ({ data: [{ id: `{{${variable}}}`, type }] })

const FOLDERS: Array<{ name: string; docs: string; requests: StarterRequest[] }> = [
  {
    name: 'Check your credential',
    docs: 'The first call of Adobe\'s getting-started guide: if it answers, the credential works.',
    requests: [
      {
        name: 'List companies',
        method: 'GET',
        url: '/companies',
        status: 200,
        captures: [['companyId', 'res.body.data[0].id']],
        assertions: [{ expression: 'res.body.data', operator: 'isArray' }],
        docs: [
          'Lists the Tags companies your credential can see; almost every org has exactly one. The first one\'s id becomes `{{companyId}}`.',
          '',
          'What the answer means:',
          '',
          '- **200**: the credential works and has Tags access.',
          '- **404** (`No companies were found`): the credential is valid and the token was accepted, but the org has no Tags company for it. Check the org (x-gw-ims-org-id) the credential belongs to, or ask an admin whether the org has Tags at all.',
          '- **403**: the token is valid but the credential has no Tags product profile. In Adobe Developer Console, open the project, then the API (Experience Platform Launch API), and add a product profile; in the Admin Console, give that product profile the rights you need.',
          '- **401**: the token was refused (expired, or for another environment): the profile fetches a new one; check the profile\'s Client ID, Client Secret and scopes.'
        ].join('\n')
      }
    ]
  },
  {
    name: 'Explore a property',
    docs: 'Read-only calls: properties and what they hold. Each list captures the first id for the next call.',
    requests: [
      {
        name: 'List web properties',
        method: 'GET',
        url: '/companies/{{companyId}}/properties',
        params: [['filter[platform]', 'EQ web']],
        status: 200,
        captures: [['propertyId', 'res.body.data[0].id']],
        assertions: [{ expression: 'res.body.data', operator: 'isArray' }],
        docs: 'Lists the company\'s web properties (`filter[platform]=EQ web`; remove the filter to see mobile and edge properties too). The first one\'s id becomes `{{propertyId}}`. Lists come 25 per page; `meta.pagination` says how many there are.'
      },
      {
        name: 'Get a property',
        method: 'GET',
        url: '/properties/{{propertyId}}',
        status: 200,
        assertions: [{ expression: 'res.body.data.type', operator: 'eq', value: 'properties' }],
        docs: 'One property: its name, platform, domains, and links to everything it holds.'
      },
      {
        name: 'List rules',
        method: 'GET',
        url: '/properties/{{propertyId}}/rules',
        status: 200,
        captures: [['ruleId', 'res.body.data[0].id']],
        assertions: [{ expression: 'res.body.data', operator: 'isArray' }],
        docs: 'The property\'s rules. The first one\'s id becomes `{{ruleId}}`.'
      },
      {
        name: 'List rule components',
        method: 'GET',
        url: '/rules/{{ruleId}}/rule_components',
        status: 200,
        assertions: [{ expression: 'res.body.data', operator: 'isArray' }],
        docs: 'The events, conditions and actions of `{{ruleId}}`. Their `settings` are a JSON string: the viewer expands it.'
      },
      {
        name: 'List data elements',
        method: 'GET',
        url: '/properties/{{propertyId}}/data_elements',
        status: 200,
        captures: [['dataElementId', 'res.body.data[0].id']],
        assertions: [{ expression: 'res.body.data', operator: 'isArray' }],
        docs: 'The property\'s data elements. The first one\'s id becomes `{{dataElementId}}`.'
      },
      {
        name: 'List extensions',
        method: 'GET',
        url: '/properties/{{propertyId}}/extensions',
        status: 200,
        captures: [['extensionId', 'res.body.data[0].id']],
        assertions: [{ expression: 'res.body.data', operator: 'isArray' }],
        docs: 'The extensions installed on the property (Core is always there). The first one\'s id becomes `{{extensionId}}`.'
      },
      {
        name: 'List libraries',
        method: 'GET',
        url: '/properties/{{propertyId}}/libraries',
        status: 200,
        captures: [['libraryId', 'res.body.data[0].id']],
        assertions: [{ expression: 'res.body.data', operator: 'isArray' }],
        docs: 'The property\'s libraries in every state (development, submitted, approved, published). The first one\'s id becomes `{{libraryId}}` until the publishing flow creates its own.'
      },
      {
        name: 'List environments',
        method: 'GET',
        url: '/properties/{{propertyId}}/environments',
        status: 200,
        assertions: [{ expression: 'res.body.data', operator: 'isArray' }],
        docs: 'Where libraries are built: development, staging and production environments, each on a host.'
      },
      {
        name: 'List builds of a library',
        method: 'GET',
        url: '/libraries/{{libraryId}}/builds',
        status: 200,
        assertions: [{ expression: 'res.body.data', operator: 'isArray' }],
        docs: 'The builds of `{{libraryId}}` and their status (pending, succeeded, failed).'
      }
    ]
  },
  {
    name: 'Publish a library',
    docs: [
      'The publishing flow, on your own development environment: create a library, add a rule, a data element and an extension to it, assign it to the environment, build it, and poll the build.',
      '',
      '**These requests change the property.** Against the Sandbox nothing real changes; on a real property they create an environment and a library (delete them in the Tags UI afterwards).'
    ].join('\n'),
    requests: [
      {
        name: 'List hosts',
        method: 'GET',
        url: '/properties/{{propertyId}}/hosts',
        status: 200,
        captures: [['hostId', 'res.body.data[0].id']],
        assertions: [{ expression: 'res.body.data', operator: 'isNotEmpty' }],
        docs: 'Where environments deliver their builds (Adobe-managed Akamai, or your SFTP server). The first one\'s id becomes `{{hostId}}`.'
      },
      {
        name: 'Create a development environment',
        method: 'POST',
        url: '/properties/{{propertyId}}/environments',
        body: { data: { attributes: { name: 'Starter development', stage: 'development' }, relationships: { host: { data: { id: '{{hostId}}', type: 'hosts' } } }, type: 'environments' } },
        status: 201,
        captures: [['environmentId', 'res.body.data.id']],
        docs: 'A development environment holds one library at a time, so the flow builds into one of its own. Its id becomes `{{environmentId}}`.'
      },
      {
        name: 'Create a library',
        method: 'POST',
        url: '/properties/{{propertyId}}/libraries',
        body: { data: { attributes: { name: 'Starter library' }, type: 'libraries' } },
        status: 201,
        captures: [['libraryId', 'res.body.data.id']],
        assertions: [{ expression: 'res.body.data.attributes.state', operator: 'eq', value: 'development' }],
        docs: 'A new library, in the development state. Its id becomes `{{libraryId}}`.'
      },
      {
        name: 'Add a rule to the library',
        method: 'POST',
        url: '/libraries/{{libraryId}}/relationships/rules',
        body: relationship('rules', 'ruleId'),
        status: 200,
        docs: 'Adds `{{ruleId}}` to the library (resources are added through its relationships; POST adds, PATCH replaces, DELETE removes).'
      },
      {
        name: 'Add a data element to the library',
        method: 'POST',
        url: '/libraries/{{libraryId}}/relationships/data_elements',
        body: relationship('data_elements', 'dataElementId'),
        status: 200,
        docs: 'Adds `{{dataElementId}}` to the library.'
      },
      {
        name: 'Add an extension to the library',
        method: 'POST',
        url: '/libraries/{{libraryId}}/relationships/extensions',
        body: relationship('extensions', 'extensionId'),
        status: 200,
        docs: 'Adds `{{extensionId}}` to the library.'
      },
      {
        name: 'Assign the library to the environment',
        method: 'PATCH',
        url: '/libraries/{{libraryId}}/relationships/environment',
        body: { data: { id: '{{environmentId}}', type: 'environments' } },
        status: 200,
        docs: 'A library is built for the environment it is assigned to.'
      },
      {
        name: 'Build the library',
        method: 'POST',
        url: '/libraries/{{libraryId}}/builds',
        status: 201,
        captures: [['buildId', 'res.body.data.id']],
        assertions: [{ expression: 'res.body.data.attributes.status', operator: 'eq', value: 'pending' }],
        docs: 'Starts a build; it answers at once with status `pending`. Its id becomes `{{buildId}}`.'
      },
      {
        name: 'Poll the build',
        method: 'GET',
        url: '/builds/{{buildId}}',
        status: 200,
        assertions: [{ expression: 'res.body.data.attributes.status', operator: 'in', value: 'pending,succeeded' }],
        poll: {
          until: { expression: 'res.body.data.attributes.status', operator: 'neq', value: 'pending' },
          failWhen: { expression: 'res.body.data.attributes.status', operator: 'eq', value: 'failed' },
          intervalMs: 1000,
          maxAttempts: 30
        },
        docs: 'The build\'s status: `pending` while it runs, then `succeeded` (or `failed`, with the reason in its attributes). A run repeats this request every second until the build is no longer pending (at most 30 times).'
      }
    ]
  }
]

function starterItem(request: StarterRequest, seq: number) {
  const hasBody = request.body !== undefined
  const operation = matchOperation(request.method, request.url.replace(/\{\{[^}]*\}\}/g, 'X'))
  const spec = requestSpec({
    name: request.name,
    method: request.method,
    url: request.url,
    params: (request.params ?? []).map(([name, value]) => ({ name, value, enabled: true })),
    headers: [{ name: 'Accept', value: REACTOR_ACCEPT, enabled: true }, ...(hasBody ? [{ name: 'Content-Type', value: REACTOR_CONTENT_TYPE, enabled: true }] : [])],
    body: hasBody ? { type: 'json', text: JSON.stringify(request.body, null, 2) } : { type: 'none' },
    reactor: {
      ...(operation ? { operationId: operation.id } : {}),
      ...(request.poll ? { poll: request.poll } : {})
    }
  })
  const assertions: ResponseAssertion[] = [{ expression: 'res.status', operator: 'eq', value: String(request.status) }, ...(request.assertions ?? [])]
  const actions = (request.captures ?? []).map(([variable, expression]) => capture(variable, expression))
  return requestItem(spec, seq, request.docs, { runtime: { assertions, ...(actions.length > 0 ? { actions } : {}) } })
}

/** The Sandbox's environment: its seeded company and web property, bound to the built-in Sandbox profile. */
export function starterSandboxEnvironment(ids: StarterSandboxIds): Environment {
  return {
    name: 'Sandbox',
    profileId: SANDBOX_PROFILE,
    variables: [
      { name: 'companyId', value: ids.companyId, enabled: true },
      { name: 'propertyId', value: ids.webPropertyId, enabled: true }
    ]
  }
}

export interface StarterOptions {
  /** The running Sandbox's seeded ids (`RunningSandbox.seeded`); without them the collection has no environment. */
  sandbox?: StarterSandboxIds
}

export function starterCollection(options: StarterOptions = {}): Collection {
  const items = FOLDERS.map((folder, index) => folderItem(folder.name, index + 1, emptyDefaults(), folder.requests.map((request, i) => starterItem(request, i + 1)), folder.docs))
  return withFilePaths({
    root: '',
    name: 'Reactor starter',
    version: '1.0.0',
    defaults: emptyDefaults(),
    items,
    environments: options.sandbox ? [starterSandboxEnvironment(options.sandbox)] : [],
    docs: [
      '# Reactor starter',
      '',
      'Adobe\'s getting-started calls for the Reactor API (Experience Platform Tags), in the order the guide takes them. Auth comes from the active profile: nothing to paste.',
      '',
      'Run the folders top to bottom: each list request captures the first id it returns ({{companyId}}, {{propertyId}}, {{ruleId}}, …) for the requests after it. With the Sandbox profile every request also works on its own: the Sandbox environment holds its company and web property ids.'
    ].join('\n')
  })
}
