import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateCatalogText, OUTPUT_PATH } from '../../../scripts/generate-catalog.mjs'
import {
  buildOperationPath,
  catalogGroups,
  catalogInfo,
  catalogOperations,
  getOperation,
  matchOperation,
  searchCatalog
} from '../../../src/shared/catalog/catalog'

describe('the generated catalog', () => {
  it('is up to date with resources/reactor-openapi-3.1.yaml (run `npm run catalog` if not)', () => {
    expect(readFileSync(OUTPUT_PATH, 'utf8')).toBe(generateCatalogText())
  })

  it('holds every spec operation plus the documented ones the spec misses', () => {
    expect(catalogInfo.counts.fromSpec).toBe(137)
    expect(catalogInfo.counts.added).toBeGreaterThan(10)
    expect(catalogOperations).toHaveLength(catalogInfo.counts.operations)
    const keys = catalogOperations.map((op) => `${op.method} ${op.path}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(new Set(catalogOperations.map((op) => op.id)).size).toBe(keys.length)
    for (const wanted of [
      'POST /properties/{PROPERTY_ID}/rule_components',
      'DELETE /data_elements/{DATA_ELEMENT_ID}',
      'GET /heartbeat',
      'POST /libraries/{LIBRARY_ID}/relationships/environment',
      'PATCH /libraries/{LIBRARY_ID}/relationships/environment'
    ]) {
      expect(keys).toContain(wanted)
    }
    const added = catalogOperations.find((op) => op.path === '/properties/{PROPERTY_ID}/rule_components')
    expect(added).toMatchObject({ source: 'docs', group: 'Rule components' })
    expect(added?.sourceNote).toMatch(/not in the OpenAPI spec/)
    expect(catalogOperations.find((op) => op.method === 'POST' && op.path === '/rules/{RULE_ID}/rule_components')?.deprecated).toBe(true)
  })

  it('presents filters as filter[attr], path params with their resource, and sample bodies', () => {
    const listRules = catalogOperations.find((op) => op.method === 'GET' && op.path === '/properties/{PROPERTY_ID}/rules')!
    expect(listRules.group).toBe('Rules')
    expect(listRules.paginated).toBe(true)
    expect(listRules.filters.map((f) => f.param)).toEqual(expect.arrayContaining(['filter[name]', 'filter[enabled]', 'filter[published]']))
    expect(listRules.queryParams.map((q) => q.name)).toEqual(['page[size]', 'page[number]', 'sort'])
    expect(listRules.pathParams).toEqual([expect.objectContaining({ name: 'PROPERTY_ID', resourceType: 'properties' })])
    const createRule = catalogOperations.find((op) => op.method === 'POST' && op.path === '/properties/{PROPERTY_ID}/rules')!
    expect(JSON.parse(createRule.sampleBody!)).toMatchObject({ data: { type: 'rules', attributes: { name: 'Example Rule' } } })
    for (const op of catalogOperations) if (op.sampleBody) expect(() => JSON.parse(op.sampleBody!)).not.toThrow()
    expect(catalogGroups.every((group) => group.operations.length > 0 && group.description.length > 0)).toBe(true)
  })

  it('search, lookup, path building and matching', () => {
    expect(searchCatalog('')).toHaveLength(catalogOperations.length)
    const hits = searchCatalog('list rules')
    expect(hits[0].path).toContain('rules')
    expect(searchCatalog('filter[published_at]').length).toBeGreaterThan(0)
    expect(searchCatalog('zzzz-nothing')).toEqual([])
    const op = getOperation('listRules')!
    expect(buildOperationPath(op, { PROPERTY_ID: 'PR1' })).toBe('/properties/PR1/rules')
    expect(buildOperationPath(op, {})).toBe('/properties/{PROPERTY_ID}/rules')
    expect(matchOperation('GET', 'https://reactor.adobe.io/properties/PR1/rules?page%5Bnumber%5D=2')?.id).toBe('listRules')
    expect(matchOperation('get', '/libraries/LB1/relationships/rules')?.path).toBe('/libraries/{LIBRARY_ID}/relationships/rules')
  })
})
