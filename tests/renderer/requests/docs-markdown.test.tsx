import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { DocsMarkdown } from '../../../src/renderer/src/features/requests/catalog/DocsMarkdown'

describe('operation docs (Markdown from Adobe’s spec)', () => {
  it('renders emphasis, notes and code instead of showing raw Markdown', () => {
    const { container } = render(<DocsMarkdown text={'>**NOTE**: use `page[size]` up to 100.\n\nSecond paragraph.'} />)
    expect(container.querySelector('blockquote strong')?.textContent).toBe('NOTE')
    expect(container.querySelector('code')?.textContent).toBe('page[size]')
    expect(container.textContent).not.toContain('**')
  })

  it('keeps absolute https links, turns relative doc links into text, and never renders raw HTML or images', () => {
    const { container } = render(
      <DocsMarkdown
        text={
          'See [filtering](https://experienceleague.adobe.com/docs/x.html) and [the guide](../guides/filtering.md).\n\n<img src=x onerror="alert(1)"> <script>alert(1)</script>\n\n![diagram](https://example.com/a.png)'
        }
      />
    )
    const links = [...container.querySelectorAll('a')]
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://experienceleague.adobe.com/docs/x.html'])
    expect(links[0]!.getAttribute('rel')).toContain('noopener')
    expect(container.textContent).toContain('the guide')
    expect(container.querySelector('script, img, [onerror]')).toBeNull()
    expect(container.textContent).toContain('[diagram]')
  })
})
