import { describe, expect, it } from 'vitest'
import { client, startSandbox } from './helpers'

describe('large scale', () => {
  it('starts fast and serves a 5-10 MB page of rule components', async () => {
    const sb = await startSandbox({ scale: 'large' })
    try {
      expect(sb.startupMs).toBeLessThan(2000)
      const property = sb.seeded.largePropertyId!
      const c = await client(sb)
      const rules = await c.get(`/properties/${property}/rules`)
      expect(rules.json.meta.pagination.total_count).toBeGreaterThanOrEqual(2000)
      const res = await fetch(`${sb.baseUrl}/properties/${property}/rule_components?page[size]=100`, {
        headers: (await import('./helpers')).reactorHeaders(c.token)
      })
      const body = await res.text()
      const mb = Buffer.byteLength(body) / 1024 / 1024
      expect(mb).toBeGreaterThan(5)
      expect(mb).toBeLessThan(10)
      const json = JSON.parse(body)
      expect(json.meta.pagination.total_count).toBeGreaterThanOrEqual(6000)
      const custom = json.data.find((d: { attributes: { delegate_descriptor_id: string } }) => d.attributes.delegate_descriptor_id === 'core::actions::custom-code')
      expect(JSON.parse(custom.attributes.settings).source.length).toBeGreaterThan(50_000)
    } finally {
      await sb.close()
    }
  })

  it('large data is deterministic by seed too', async () => {
    const read = async () => {
      const sb = await startSandbox({ scale: 'large', seed: 3 })
      try {
        const c = await client(sb)
        const res = await c.get(`/properties/${sb.seeded.largePropertyId}/rule_components?page[number]=40&page[size]=5`)
        return JSON.stringify(res.json).replaceAll(sb.baseUrl, '')
      } finally {
        await sb.close()
      }
    }
    expect(await read()).toBe(await read())
  })
})
