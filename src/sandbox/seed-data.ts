// Deterministic demo data. Everything is drawn from one PRNG seeded by the instance's seed, in a fixed
// order, so the same seed yields the same ids, names and timestamps on every run.
import { createPrng, pick, randomInt, type Prng } from './prng'
import { SANDBOX_CREDENTIALS } from './scenarios'
import { Store, type ResourceRecord } from './store'
import * as f from './resources/factories'

export type SandboxScale = 'small' | 'large'

export interface SeedResult {
  store: Store
  prng: Prng
  companyId: string
  webPropertyId: string
  edgePropertyId: string
  largePropertyId?: string
  /** the working org's own private extension package (with usage authorizations) */
  privateExtensionPackageId: string
}

export const SEED_COUNTS = { webRules: 60, webDataElements: 30, largeRules: 2000, largeComponentsPerRule: 3 }

const USERS = [
  ['Sam Sandbox', 'sam.sandbox@example.com'],
  ['Alex Example', 'alex.example@example.com'],
  ['Robin Demo', 'robin.demo@example.com']
] as const

const PAGES = ['home', 'product', 'cart', 'checkout', 'search', 'account', 'blog', 'support', 'landing', 'category']
const ACTIONS = ['Page View', 'Click', 'Add to Cart', 'Purchase', 'Form Submit', 'Video Start', 'Scroll Depth']

export function seedStore(seed: number, scale: SandboxScale): SeedResult {
  const prng = createPrng(seed)
  const store = new Store(prng)
  let tick = Date.parse('2024-03-04T09:00:00.000Z') + randomInt(prng, 0, 86_400_000)
  // Timestamps advance a little per record so created_at sorts match creation order.
  const ctx = (): f.FactoryContext => {
    tick += randomInt(prng, 20_000, 400_000)
    return { store, prng, at: new Date(tick).toISOString() }
  }
  const audit = (entity: ResourceRecord, event: 'created' | 'updated' = 'created') => {
    const [userName, userEmail] = pick(prng, USERS)
    f.makeAuditEvent(ctx(), { entity, event, userName, userEmail })
  }

  const company = f.makeCompany(ctx(), { orgId: SANDBOX_CREDENTIALS.working.orgId, name: 'Sandbox Demo Company' })

  const packages = {
    core: f.makeExtensionPackage(ctx(), {
      name: 'core',
      displayName: 'Core',
      platform: 'web',
      version: '3.4.8',
      description: 'Provides default event, condition, and data element types available to all Tags users.'
    }),
    analytics: f.makeExtensionPackage(ctx(), {
      name: 'adobe-analytics',
      displayName: 'Adobe Analytics',
      platform: 'web',
      version: '1.9.4',
      description: 'Send data to Adobe Analytics.'
    }),
    ecid: f.makeExtensionPackage(ctx(), {
      name: 'adobe-mcid',
      displayName: 'Experience Cloud ID Service',
      platform: 'web',
      version: '6.0.1',
      description: 'Identify visitors across Adobe Experience Cloud solutions.'
    }),
    edgeCore: f.makeExtensionPackage(ctx(), {
      name: 'core',
      displayName: 'Core',
      platform: 'edge',
      version: '1.2.3',
      description: 'Core extension for event forwarding properties.'
    }),
    cloudConnector: f.makeExtensionPackage(ctx(), {
      name: 'adobe-cloud-connector',
      displayName: 'Adobe Cloud Connector',
      platform: 'edge',
      version: '1.2.0',
      description: 'Forward events to any HTTP endpoint.'
    })
  }

  const web = f.makeProperty(ctx(), {
    companyId: company.id,
    name: 'Sandbox Web Property',
    platform: 'web',
    domains: ['example.com', 'shop.example.com']
  })
  audit(web)
  const webSetup = seedProperty(ctx, prng, web, [packages.core, packages.analytics, packages.ecid], audit)
  const webCore = webSetup.extensions[0] as ResourceRecord
  const webAnalytics = webSetup.extensions[1] as ResourceRecord

  const rules: ResourceRecord[] = []
  for (let i = 0; i < SEED_COUNTS.webRules; i++) {
    const page = PAGES[i % PAGES.length] as string
    const rule = f.makeRule(ctx(), {
      propertyId: web.id,
      name: `${pick(prng, ACTIONS)} - ${page} ${String(i + 1).padStart(2, '0')}`,
      enabled: prng() > 0.15
    })
    rules.push(rule)
    f.makeRuleComponent(ctx(), {
      propertyId: web.id,
      ruleIds: [rule.id],
      extensionId: webCore.id,
      name: 'Library Loaded (Page Top)',
      delegateDescriptorId: 'core::events::library-loaded',
      settings: '{}',
      order: 0
    })
    if (i % 3 === 0) {
      f.makeRuleComponent(ctx(), {
        propertyId: web.id,
        ruleIds: [rule.id],
        extensionId: webCore.id,
        name: 'Path Without Query String',
        delegateDescriptorId: 'core::conditions::path',
        settings: JSON.stringify({ paths: [{ value: `/${page}`, valueIsRegex: false }] }),
        order: 1
      })
    }
    f.makeRuleComponent(ctx(), {
      propertyId: web.id,
      ruleIds: [rule.id],
      extensionId: i % 2 === 0 ? webAnalytics.id : webCore.id,
      name: i % 2 === 0 ? 'Send Beacon' : 'Custom Code',
      delegateDescriptorId: i % 2 === 0 ? 'adobe-analytics::actions::send-beacon' : 'core::actions::custom-code',
      settings:
        i % 2 === 0
          ? JSON.stringify({ type: 'page' })
          : JSON.stringify({ source: `console.log('sandbox rule ${i + 1} on ${page}');`, language: 'javascript' }),
      order: 2
    })
    if (i < 10) audit(rule)
  }

  const dataElements: ResourceRecord[] = []
  const deKinds = [
    ['core::dataElements::javascript-variable', (n: string) => ({ path: `digitalData.page.${n}` })],
    ['core::dataElements::cookie', (n: string) => ({ name: `sb_${n}` })],
    ['core::dataElements::query-string-parameter', (n: string) => ({ name: n, caseInsensitive: true })],
    ['core::dataElements::custom-code', (n: string) => ({ source: `return '${n}';` })]
  ] as const
  for (let i = 0; i < SEED_COUNTS.webDataElements; i++) {
    const [delegate, settings] = deKinds[i % deKinds.length] as (typeof deKinds)[number]
    const name = `${PAGES[i % PAGES.length]}_${['name', 'id', 'category', 'value'][i % 4]}_${i + 1}`
    dataElements.push(
      f.makeDataElement(ctx(), {
        propertyId: web.id,
        extensionId: webCore.id,
        name,
        delegateDescriptorId: delegate,
        settings: JSON.stringify(settings(name)),
        attributes: { storage_duration: pick(prng, [null, 'pageview', 'session', 'visitor']) }
      })
    )
  }

  // Libraries in each state, two of them built.
  const [dev, staging, production] = webSetup.environments as [ResourceRecord, ResourceRecord, ResourceRecord]
  const devLibrary = f.makeLibrary(ctx(), {
    propertyId: web.id,
    name: 'Sprint 42 - checkout tracking',
    rules: rules.slice(0, 5).map((rule) => rule.id),
    dataElements: dataElements.slice(0, 4).map((de) => de.id),
    extensions: webSetup.extensions.map((ext) => ext.id)
  })
  devLibrary.rels.environment = dev.id
  dev.rels.library = devLibrary.id
  f.makeBuild(ctx(), { library: devLibrary, environment: dev, status: 'succeeded' })
  const submitted = f.makeLibrary(ctx(), { propertyId: web.id, name: 'Sprint 41 - search', rules: [rules[6]!.id] })
  submitted.attributes.state = 'submitted'
  const published = f.makeLibrary(ctx(), {
    propertyId: web.id,
    name: 'Initial launch',
    rules: rules.slice(10, 20).map((rule) => rule.id),
    dataElements: dataElements.slice(0, 10).map((de) => de.id),
    extensions: webSetup.extensions.map((ext) => ext.id)
  })
  published.rels.environment = production.id
  f.makeBuild(ctx(), { library: published, environment: staging, status: 'succeeded' })
  f.makeBuild(ctx(), { library: published, environment: production, status: 'succeeded' })
  published.attributes.state = 'published'
  published.attributes.published_at = ctx().at
  for (const library of [devLibrary, submitted, published]) audit(library)
  // Upstream = the next library along the publishing flow (EL publishing-flow.md#upstream).
  devLibrary.rels.upstream_library = submitted.id
  submitted.rels.upstream_library = published.id

  f.makeCallback(ctx(), {
    propertyId: web.id,
    url: 'https://hooks.example.com/reactor',
    subscriptions: ['build.created', 'library.updated']
  })
  f.makeCallback(ctx(), { propertyId: web.id, url: 'https://audit.example.com/in', subscriptions: ['rule.updated'] })
  const [author, authorEmail] = USERS[0]
  f.makeNote(ctx(), { resourceId: web.id, text: 'Main storefront property. Ask #web-analytics before publishing.', authorName: author, authorEmail })
  f.makeNote(ctx(), { resourceId: rules[0]!.id, text: 'Fires on every page; keep it light.', authorName: author, authorEmail })
  f.makeNote(ctx(), { resourceId: devLibrary.id, text: 'QA sign-off pending.', authorName: USERS[1][0], authorEmail: USERS[1][1] })

  // Edge property: event forwarding, the only place secrets exist.
  const edge = f.makeProperty(ctx(), { companyId: company.id, name: 'Sandbox Edge Property', platform: 'edge' })
  audit(edge)
  const edgeSetup = seedProperty(ctx, prng, edge, [packages.edgeCore, packages.cloudConnector], audit)
  const connector = edgeSetup.extensions[1] as ResourceRecord
  for (let i = 0; i < 5; i++) {
    const rule = f.makeRule(ctx(), { propertyId: edge.id, name: `Forward to endpoint ${i + 1}` })
    f.makeRuleComponent(ctx(), {
      propertyId: edge.id,
      ruleIds: [rule.id],
      extensionId: connector.id,
      name: 'Send Data',
      delegateDescriptorId: 'adobe-cloud-connector::actions::send-data',
      settings: JSON.stringify({ method: 'POST', url: `https://collect.example.com/${i + 1}` }),
      order: 0
    })
  }
  f.makeDataElement(ctx(), {
    propertyId: edge.id,
    extensionId: (edgeSetup.extensions[0] as ResourceRecord).id,
    name: 'event_type',
    delegateDescriptorId: 'core::dataElements::path',
    settings: JSON.stringify({ path: 'arc.event.xdm.eventType' })
  })
  const [edgeDev, , edgeProd] = edgeSetup.environments as [ResourceRecord, ResourceRecord, ResourceRecord]
  f.makeSecret(ctx(), { propertyId: edge.id, environmentId: edgeDev.id, name: 'collector-token-dev', typeOf: 'token' })
  f.makeSecret(ctx(), { propertyId: edge.id, environmentId: edgeProd.id, name: 'collector-token-prod', typeOf: 'token' })
  f.makeSecret(ctx(), { propertyId: edge.id, environmentId: edgeProd.id, name: 'partner-oauth', typeOf: 'oauth2' })
  f.makeLibrary(ctx(), { propertyId: edge.id, name: 'Edge forwarding v1' })

  f.makeAppConfiguration(ctx(), {
    companyId: company.id,
    name: 'Sandbox iOS push',
    appId: 'com.example.sandbox',
    platform: 'mobile',
    messagingService: 'apns',
    keyType: 'p8'
  })
  f.makeAppConfiguration(ctx(), {
    companyId: company.id,
    name: 'Sandbox Android push',
    appId: 'com.example.sandbox.android',
    platform: 'mobile',
    messagingService: 'fcm',
    keyType: 'service_account'
  })

  const privatePackage = seedPrivatePackages(ctx, rules[0] as ResourceRecord)

  const result: SeedResult = {
    store,
    prng,
    companyId: company.id,
    webPropertyId: web.id,
    edgePropertyId: edge.id,
    privateExtensionPackageId: privatePackage.id
  }
  if (scale === 'large') result.largePropertyId = seedLarge(ctx, prng, company.id, packages.core).id
  return result
}

const PARTNER_ORG_ID = '5A4DB0C50000000000000E01@AdobeOrg'
const AGENCY_ORG_ID = '5A4DB0C50000000000000E02@AdobeOrg'

/**
 * Extension packages that are not public, and their usage authorizations: the working org owns a private
 * package (plus a development version of it) shared with a partner (approved) and an agency (pending); a
 * partner org shares its private package with the working org, waiting for the working org's approval.
 * Also a note on a rule component, so /rules/{id}/rule_component_notes has something to show.
 */
function seedPrivatePackages(ctx: () => f.FactoryContext, firstRule: ResourceRecord): ResourceRecord {
  const store = ctx().store
  const [author, authorEmail] = USERS[0]
  const owner = { name: author, email: authorEmail }
  const workingOrg = SANDBOX_CREDENTIALS.working.orgId
  const banner = {
    name: 'sandbox-consent-banner',
    displayName: 'Sandbox Consent Banner',
    platform: 'web',
    description: 'Shows the consent banner of the Sandbox Demo Company.',
    ownerOrgId: workingOrg,
    author: { name: author, url: 'https://example.com', email: authorEmail },
    createdBy: owner
  }
  const released = f.makeExtensionPackage(ctx(), { ...banner, version: '1.0.0', availability: 'private' })
  f.makeExtensionPackage(ctx(), { ...banner, version: '1.1.0', availability: 'development' })
  f.makeUsageAuthorization(ctx(), {
    packageRecord: released,
    authorizedOrgId: PARTNER_ORG_ID,
    state: 'approved',
    createdBy: owner,
    updatedBy: { name: 'Pat Partner', email: 'pat.partner@example.org' }
  })
  f.makeUsageAuthorization(ctx(), { packageRecord: released, authorizedOrgId: AGENCY_ORG_ID, createdBy: owner })
  const partnerPackage = f.makeExtensionPackage(ctx(), {
    name: 'partner-consent-manager',
    displayName: 'Partner Consent Manager',
    platform: 'web',
    version: '2.3.0',
    description: "A partner's private extension, shared with the Sandbox Demo Org.",
    ownerOrgId: PARTNER_ORG_ID,
    availability: 'private',
    author: { name: 'Pat Partner', url: 'https://partner.example.org', email: 'pat.partner@example.org' },
    createdBy: { name: 'Pat Partner', email: 'pat.partner@example.org' }
  })
  f.makeUsageAuthorization(ctx(), {
    packageRecord: partnerPackage,
    authorizedOrgId: workingOrg,
    createdBy: { name: 'Pat Partner', email: 'pat.partner@example.org' }
  })
  const component = store.where('rule_components', 'rules', firstRule.id)[0]
  if (component) {
    f.makeNote(ctx(), { resourceId: component.id, text: 'Loads before anything else on the page.', authorName: author, authorEmail })
  }
  return released
}

function seedProperty(
  ctx: () => f.FactoryContext,
  prng: Prng,
  property: ResourceRecord,
  packages: ResourceRecord[],
  audit: (entity: ResourceRecord) => void
): { extensions: ResourceRecord[]; environments: ResourceRecord[] } {
  const extensions = packages.map((packageRecord) =>
    f.makeExtension(ctx(), { propertyId: property.id, packageRecord, settings: '{}' })
  )
  const host = f.makeHost(ctx(), { propertyId: property.id, name: 'Managed by Adobe', typeOf: 'akamai' })
  const environments = (['development', 'staging', 'production'] as const).map((stage) =>
    f.makeEnvironment(ctx(), {
      propertyId: property.id,
      hostId: host.id,
      name: stage[0]!.toUpperCase() + stage.slice(1),
      stage,
      propertyToken: String(property.attributes.token)
    })
  )
  for (const record of [...extensions, host, ...environments]) audit(record)
  void prng
  return { extensions, environments }
}

/**
 * The large data set: thousands of rules whose custom-code actions carry 60-120 KB of source each. The
 * settings strings are generated on read from a shared chunk, so startup stays fast and memory small.
 */
function seedLarge(ctx: () => f.FactoryContext, prng: Prng, companyId: string, corePackage: ResourceRecord): ResourceRecord {
  const property = f.makeProperty(ctx(), {
    companyId,
    name: 'Sandbox Large Property',
    platform: 'web',
    domains: ['large.example.com']
  })
  const [core] = seedProperty(ctx, prng, property, [corePackage], () => undefined).extensions as [ResourceRecord]
  const line = (n: number) =>
    `  window.sandboxMetrics.push({ step: ${n}, label: 'checkout-funnel-${n}', value: Math.round(performance.now()) });\n`
  let chunk = ''
  for (let n = 0; n < 12; n++) chunk += line(n)
  const settingsFor = (index: number, bytes: number) => () =>
    JSON.stringify({
      source: `// sandbox custom code #${index}\nwindow.sandboxMetrics = window.sandboxMetrics || [];\n${chunk.repeat(
        Math.ceil(bytes / chunk.length)
      )}`,
      language: 'javascript'
    })
  for (let i = 0; i < SEED_COUNTS.largeRules; i++) {
    const rule = f.makeRule(ctx(), { propertyId: property.id, name: `Large rule ${String(i + 1).padStart(4, '0')}` })
    f.makeRuleComponent(ctx(), {
      propertyId: property.id,
      ruleIds: [rule.id],
      extensionId: core.id,
      name: 'DOM Ready',
      delegateDescriptorId: 'core::events::dom-ready',
      settings: '{}',
      order: 0
    })
    for (let a = 1; a < SEED_COUNTS.largeComponentsPerRule; a++) {
      const bytes = randomInt(prng, 60_000, 120_000)
      f.makeRuleComponent(ctx(), {
        propertyId: property.id,
        ruleIds: [rule.id],
        extensionId: core.id,
        name: `Custom Code ${a}`,
        delegateDescriptorId: 'core::actions::custom-code',
        lazySettings: settingsFor(i * 10 + a, bytes),
        order: a
      })
    }
  }
  return property
}
