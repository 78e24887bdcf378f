import { describe, expect, it } from 'vitest'
import { render, screen } from '@testing-library/react'
import { PaginationBar } from '../../../src/renderer/src/features/requests/response/PaginationBar'

function bar(totalCount: number, totalPages: number) {
  const noop = () => {}
  return (
    <PaginationBar
      summary={{ isJsonApi: true, links: [], errors: [], pagination: { current_page: 1, next_page: totalPages > 1 ? 2 : null, prev_page: null, total_pages: totalPages, total_count: totalCount } }}
      fetchAll={{ state: 'idle' }}
      onGoToPage={noop}
      onFetchAll={noop}
      onCancelFetchAll={noop}
      onOpenUrl={noop}
    />
  )
}

// The pagination bar read "Page 1 of 1 · 1 items": counts go through the plural helper (Intl.PluralRules).
describe('pagination bar counts', () => {
  it('says "1 item" for one and "1,250 items" for many, with "Fetch all 13 pages"', async () => {
    const { rerender } = render(bar(1, 1))
    expect((await screen.findByTestId('pagination-label')).textContent).toBe('Page 1 of 1 · 1 item')
    rerender(bar(1250, 13))
    expect(screen.getByTestId('pagination-label').textContent).toBe('Page 1 of 13 · 1,250 items')
    expect(screen.getByRole('button', { name: 'Fetch all 13 pages' })).toBeTruthy()
  })
})
