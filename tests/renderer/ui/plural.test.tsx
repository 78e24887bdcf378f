import { describe, expect, it, vi } from 'vitest'
import { render, screen } from '@testing-library/react'
import { SandboxArea } from '../../../src/renderer/src/features/sandbox/SandboxArea'
import { CatalogPanel } from '../../../src/renderer/src/features/requests/catalog/CatalogPanel'
import { countOf, pluralWord } from '../../../src/renderer/src/ui/plural'
import type { WindowApi } from '../../../src/shared/contract'
import { installFakeApi } from '../../support/fake-api'
import { LIST_COMPANIES } from '../requests/fixtures'

describe('counts in words', () => {
  it('says 1 in the singular and every other count in the plural, numbers grouped', () => {
    expect(countOf(1, 'item')).toBe('1 item')
    expect(countOf(0, 'item')).toBe('0 items')
    expect(countOf(2, 'token request')).toBe('2 token requests')
    expect(countOf(10_000, 'entry', 'entries')).toBe('10,000 entries')
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry')
    expect(pluralWord(1, 'match', 'matches')).toBe('match')
    expect(pluralWord(3, 'match', 'matches')).toBe('matches')
  })
})

describe('counts on screen', () => {
  it('the Sandbox says "1 token request", not "1 token requests"', async () => {
    const status = { running: true, baseUrl: 'http://127.0.0.1:4100', seed: 1, scale: 'small', startupMs: 12, stats: { imsTokenRequests: 1, reactorRequests: 2 }, scenarios: [], faults: [] }
    installFakeApi({ getSandboxStatus: vi.fn(async () => ({ ok: true as const, value: status })) as unknown as WindowApi['getSandboxStatus'] })
    render(<SandboxArea />)
    expect(await screen.findByText('1 token request, 2 Reactor requests')).toBeTruthy()
  })

  it('the catalog says "1 operation" for a one-operation catalog', () => {
    render(<CatalogPanel groups={[{ name: 'Companies', description: '', operations: [LIST_COMPANIES] }]} selectedId={undefined} onPick={() => {}} />)
    expect(screen.getByText('1 operation')).toBeTruthy()
  })
})
