import Markdown from 'markdown-to-jsx'
import type { ReactNode } from 'react'

/**
 * Adobe's operation descriptions are Markdown. markdown-to-jsx builds React elements (never innerHTML);
 * raw HTML in the text stays text, images become their alt text (the CSP would block them anyway), and
 * only absolute https links stay links: a relative link from Adobe's doc tree leads nowhere here. Links
 * open outside the app window (Electron's main hands allow-listed Adobe hosts to the system browser).
 */
function DocsLink({ href, children }: { href?: string; children?: ReactNode }) {
  if (!href || !/^https:\/\//i.test(href)) return <span className="rq-docs-deadlink">{children}</span>
  return (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  )
}

function DocsImage({ alt }: { alt?: string }) {
  return alt ? <span className="rq-field-hint">[{alt}]</span> : null
}

/** `inline` for one-line texts (parameter descriptions): no paragraph wrapper. */
export function DocsMarkdown({ text, inline = false }: { text: string; inline?: boolean }) {
  return (
    <Markdown
      options={{
        disableParsingRawHTML: true,
        forceBlock: !inline,
        forceInline: inline,
        overrides: { a: { component: DocsLink }, img: { component: DocsImage } }
      }}
    >
      {text}
    </Markdown>
  )
}
