import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core'

// WCAG 2.0 and 2.1, levels A and AA: what the app promises.
export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

let axeSource: Promise<string> | undefined

function loadAxeSource(): Promise<string> {
  axeSource ??= readFile(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8')
  return axeSource
}

export interface AxeCheckOptions {
  /** Rules switched off, each with the reason it is a false positive here: `{ 'rule-id': 'why' }`. */
  disabledRules?: Record<string, string>
}

/**
 * Runs axe-core on the page as it is now and returns the violations. The source goes in through
 * `page.evaluate` (CDP evaluation), which the page's strict CSP does not govern; an injected <script>
 * would be refused by it.
 */
export async function runAxe(page: Page, options: AxeCheckOptions = {}): Promise<Result[]> {
  const installed = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object')
  if (!installed) await page.evaluate(await loadAxeSource())
  const runOptions: RunOptions = {
    runOnly: { type: 'tag', values: WCAG_21_AA_TAGS },
    rules: Object.fromEntries(Object.keys(options.disabledRules ?? {}).map((id) => [id, { enabled: false }])),
    resultTypes: ['violations']
  }
  const results = await page.evaluate(
    (opts) => (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<AxeResults> } }).axe.run(document, opts),
    runOptions
  )
  return results.violations
}

const BLOCKING: ImpactValue[] = ['serious', 'critical']

export function isBlocking(violation: Result): boolean {
  return violation.impact != null && BLOCKING.includes(violation.impact)
}

/** One line per violation and up to five nodes each, readable in a test failure or a warning. */
export function formatViolations(violations: Result[], nodesEach = 5): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, nodesEach)
        .map((node) => `    ${node.target.join(' ')}\n      ${node.failureSummary?.split('\n').join(' ') ?? ''}`)
        .join('\n')
      const more = violation.nodes.length > nodesEach ? `\n    … and ${violation.nodes.length - nodesEach} more` : ''
      return `  [${violation.impact}] ${violation.id} (${violation.nodes.length}): ${violation.help}\n${nodes}${more}`
    })
    .join('\n')
}
