import { describe, expect, it } from 'vitest'
import { isAllowedExternalUrl } from '../../../src/main/core/security/external-links'

describe('isAllowedExternalUrl', () => {
  it('allows https links to Adobe documentation hosts', () => {
    expect(isAllowedExternalUrl('https://developer.adobe.com/console')).toBe(true)
    expect(isAllowedExternalUrl('https://experienceleague.adobe.com/docs/experience-platform/tags/api/overview.html')).toBe(true)
  })

  it.each([
    'http://developer.adobe.com/',
    'https://developer.adobe.com.evil.example/',
    'https://evil.example/?https://developer.adobe.com',
    'https://user:pass@developer.adobe.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://developer.adobe.com/share',
    'https://reactor.adobe.io/companies',
    'not a url'
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false)
  })
})
