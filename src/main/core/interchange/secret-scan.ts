// The secret scanner that gates every repro bundle: secretlint's recommended rules (AWS, GCP, GitHub, Slack,
// private keys, basic-auth URLs, …) plus the Adobe ones it does not have — Developer Console client secrets
// (`p8e-`, gitleaks' adobe-client-secret), JWTs (IMS access tokens are JWTs), bearer tokens, and
// `client_secret` values in forms, queries and JSON. Our own placeholders (`{{client_secret}}`,
// `{ACCESS_TOKEN}`) and masks (`••••••`) are not findings. A finding says which rule and where (file, line,
// column), never the value.
//
// @secretlint/core is ESM-only: imported on first use.
import { UNTRACKED, type TrackedOperation } from './operation-progress'

export interface SecretFinding {
  /** The file inside the bundle. */
  file: string
  line: number
  column: number
  /** What kind of secret, e.g. `Adobe client secret` or `@secretlint/secretlint-rule-aws`. */
  rule: string
}

/** Adobe/JWT/bearer rules for secretlint-rule-pattern (JavaScript regular expressions as `/…/flags` strings). */
export const ADOBE_SECRET_PATTERNS: ReadonlyArray<{ name: string; pattern: string }> = [
  { name: 'Adobe client secret', pattern: '/\\bp8e-[A-Za-z0-9_-]{20,}/' },
  { name: 'JSON Web Token', pattern: '/\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}/' },
  { name: 'bearer token', pattern: '/\\bBearer\\s+(?![{•])[A-Za-z0-9._~+/=-]{20,}/i' },
  { name: 'client_secret value', pattern: '/\\bclient_secret=(?![{%•*])[^&\\s"\'<]{8,}/i' },
  { name: 'client_secret value', pattern: '/"client_secret"\\s*:\\s*"(?![{•*])[^"]{8,}"/i' }
]

type Lint = typeof import('@secretlint/core').lintSource
let loaded: Promise<{ lint: Lint; rules: unknown[] }> | undefined

function scanner(): Promise<{ lint: Lint; rules: unknown[] }> {
  loaded ??= Promise.all([import('@secretlint/core'), import('@secretlint/secretlint-rule-preset-recommend'), import('@secretlint/secretlint-rule-pattern')]).then(([core, preset, pattern]) => {
    const creator = (module: { creator?: unknown; default?: { creator?: unknown } }) => module.creator ?? module.default?.creator
    return {
      lint: core.lintSource,
      rules: [
        { id: '@secretlint/secretlint-rule-preset-recommend', rule: creator(preset as never) },
        { id: '@secretlint/secretlint-rule-pattern', rule: creator(pattern as never), options: { patterns: ADOBE_SECRET_PATTERNS } }
      ]
    }
  })
  return loaded
}

/** Every possible secret in `files` (name → text), in file order. */
export async function scanForSecrets(files: Readonly<Record<string, string>>, operation: TrackedOperation = UNTRACKED): Promise<SecretFinding[]> {
  const { lint, rules } = await scanner()
  const findings: SecretFinding[] = []
  const names = Object.keys(files)
  operation.report(0, names.length, 'scanning')
  for (const [index, [file, content]] of Object.entries(files).entries()) {
    // secretlint is the slow part of a bundle (seconds for a 500-call HAR): a cancel lands between two files.
    operation.throwIfCancelled()
    const result = await lint({
      source: { filePath: `/bundle/${file}`, content, contentType: 'text' },
      options: { config: { rules } as never, maskSecrets: true, noPhysicFilePath: true }
    })
    for (const message of result.messages) {
      if (message.type !== 'message') continue
      const data = message.data as { PATTERN_NAME?: unknown } | undefined
      // maskSecrets masks the pattern's name too: take it from our own list by position in the message id.
      const patternName = message.ruleId === '@secretlint/secretlint-rule-pattern' ? patternNameAt(content, message.range) : undefined
      findings.push({
        file,
        line: message.loc.start.line,
        column: message.loc.start.column + 1,
        rule: patternName ?? (typeof data?.PATTERN_NAME === 'string' && !data.PATTERN_NAME.includes('*') ? data.PATTERN_NAME : message.ruleId)
      })
    }
    operation.report(index + 1, names.length, 'scanning')
  }
  return findings
}

/** Which of our patterns matched the text at `range` (secretlint masks the name it reports). */
function patternNameAt(content: string, range: readonly [number, number]): string | undefined {
  const found = content.slice(range[0], range[1])
  for (const { name, pattern } of ADOBE_SECRET_PATTERNS) {
    const [, source, flags] = /^\/(.*)\/([a-z]*)$/s.exec(pattern)!
    if (new RegExp(`^(?:${source})`, flags).test(found)) return name
  }
  return undefined
}

/** `Adobe client secret in bundle.json line 3, column 12; …` (never the value). */
export function describeFindings(findings: readonly SecretFinding[]): string {
  return findings
    .slice(0, 10)
    .map((finding) => `${finding.rule} in ${finding.file} line ${finding.line}, column ${finding.column}`)
    .concat(findings.length > 10 ? [`and ${findings.length - 10} more`] : [])
    .join('; ')
}
