// Per-instance in-memory state. Records keep relationships as ids (`rels`) and are rendered into Adobe's
// JSON:API shapes only on the way out, so creates, updates and transitions are plain mutations here.
import { randomHex, type Prng } from './prng'

export type ResourceType =
  | 'companies'
  | 'properties'
  | 'hosts'
  | 'environments'
  | 'extensions'
  | 'extension_packages'
  | 'extension_package_usage_authorizations'
  | 'rules'
  | 'rule_components'
  | 'data_elements'
  | 'libraries'
  | 'builds'
  | 'callbacks'
  | 'audit_events'
  | 'notes'
  | 'secrets'
  | 'app_configurations'
  | 'users'

export const ID_PREFIX: Record<ResourceType, string> = {
  companies: 'CO',
  properties: 'PR',
  hosts: 'HT',
  environments: 'EN',
  extensions: 'EX',
  extension_packages: 'EP',
  extension_package_usage_authorizations: 'EA',
  rules: 'RL',
  rule_components: 'RC',
  data_elements: 'DE',
  libraries: 'LB',
  builds: 'BL',
  callbacks: 'CB',
  audit_events: 'AE',
  notes: 'NT',
  secrets: 'SE',
  app_configurations: 'AC',
  users: 'UR'
}

const TYPE_BY_PREFIX = new Map<string, ResourceType>(
  (Object.entries(ID_PREFIX) as [ResourceType, string][]).map(([type, prefix]) => [prefix, type])
)

export function typeOfId(id: string): ResourceType | undefined {
  return /^[A-Z]{2}[0-9a-f]{32}$/.test(id) ? TYPE_BY_PREFIX.get(id.slice(0, 2)) : undefined
}

export type RelValue = string | string[] | null

export interface ResourceRecord {
  id: string
  type: ResourceType
  attributes: Record<string, unknown>
  rels: Record<string, RelValue>
  meta: Record<string, unknown>
  /** when set, `settle` runs once the clock passes it (builds and secrets finish asynchronously) */
  settleAt?: number
  settle?: (record: ResourceRecord) => void
}

export class Store {
  private readonly tables = new Map<ResourceType, Map<string, ResourceRecord>>()
  private readonly pending = new Set<ResourceRecord>()

  constructor(private readonly prng: Prng) {}

  newId(type: ResourceType): string {
    return ID_PREFIX[type] + randomHex(this.prng, 32)
  }

  insert(record: ResourceRecord): ResourceRecord {
    this.table(record.type).set(record.id, record)
    if (record.settle) this.pending.add(record)
    return record
  }

  get(id: string): ResourceRecord | undefined {
    const type = typeOfId(id)
    return type ? this.tables.get(type)?.get(id) : undefined
  }

  all(type: ResourceType): ResourceRecord[] {
    return [...this.table(type).values()]
  }

  delete(id: string): boolean {
    const record = this.get(id)
    if (!record) return false
    this.pending.delete(record)
    return this.table(record.type).delete(id)
  }

  /** Records of `type` whose relationship `rel` points at (or includes) `id`. */
  where(type: ResourceType, rel: string, id: string): ResourceRecord[] {
    const out: ResourceRecord[] = []
    for (const record of this.table(type).values()) {
      const value = record.rels[rel]
      if (value === id || (Array.isArray(value) && value.includes(id))) out.push(record)
    }
    return out
  }

  /** Lets asynchronous work (builds, secret exchanges) complete; called at the start of every request. */
  settleDue(now = Date.now()): void {
    for (const record of this.pending) {
      if (record.settleAt !== undefined && record.settleAt <= now) {
        this.pending.delete(record)
        const settle = record.settle
        record.settle = undefined
        record.settleAt = undefined
        settle?.(record)
      }
    }
  }

  schedule(record: ResourceRecord, atMs: number, settle: (record: ResourceRecord) => void): void {
    record.settleAt = atMs
    record.settle = settle
    this.pending.add(record)
  }

  private table(type: ResourceType): Map<string, ResourceRecord> {
    let table = this.tables.get(type)
    if (!table) {
      table = new Map()
      this.tables.set(type, table)
    }
    return table
  }
}
