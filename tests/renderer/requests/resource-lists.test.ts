import { describe, expect, it } from 'vitest'
import { listUrl, resourceChain } from '../../../src/renderer/src/features/requests/context/resource-lists'

describe('path parameter lists', () => {
  it('walks a resource up to its root list', () => {
    expect(resourceChain('rule_components')).toEqual(['companies', 'properties', 'rules', 'rule_components'])
    expect(resourceChain('extension_package_usage_authorizations')).toEqual(['extension_packages', 'extension_package_usage_authorizations'])
  })

  it('lists nested resources under their picked parent, encoded', () => {
    expect(listUrl('rules', 'PR0123')).toBe('/properties/PR0123/rules')
    expect(listUrl('rules', undefined)).toBeUndefined()
    expect(listUrl('companies', undefined)).toBe('/companies')
  })

  it('asks for the user’s private and development extension packages, not only public ones', () => {
    expect(listUrl('extension_packages', undefined)).toBe('/extension_packages?max_availability=development')
  })
})
