/**
 * Every secret value the main process currently knows (client secrets, access tokens, pasted tokens, secret
 * variables). Outbound paths (IPC answers, events, logs, files, exports, history) ask it whether a payload
 * contains one, or have it masked. This is defence in depth: services already return metadata only, but a
 * bug must fail closed, never leak.
 *
 * A secret is matched in every form it can take on the way out, not only raw: URL-encoded (`%20` and `+`),
 * base64 and base64url (at every byte alignment, so it is found inside `Basic base64(user:secret)` too) and
 * JSON-escaped (a secret holding `"` or `\` reads differently inside JSON text). Callers guard values (every
 * string of an answer), not the JSON text of the answer.
 */
export class SecretRegistry {
  private readonly values = new Set<string>()
  /** Each tracked secret's forms, longest first so a longer form is masked before a shorter one inside it. */
  private forms: string[] = []

  /**
   * Below this length a secret is matched only as a whole token (not inside a longer run of letters and
   * digits): a short test secret must still be caught, but `abc` must not block every answer with "abc" in it.
   */
  static readonly substringMinimumLength = 8

  add(value: string | undefined | null): void {
    if (!value || this.values.has(value)) return
    this.values.add(value)
    this.rebuild()
  }

  remove(value: string | undefined | null): void {
    if (value && this.values.delete(value)) this.rebuild()
  }

  private rebuild(): void {
    const forms = new Set<string>()
    for (const value of this.values) for (const form of encodedForms(value)) forms.add(form)
    this.forms = [...forms].sort((a, b) => b.length - a.length)
  }

  /** True when `text` contains any tracked secret in any of its forms. */
  containsSecret(text: string): boolean {
    for (const form of this.forms) if (matches(text, form)) return true
    return false
  }

  /** True when any string inside `value` (keys included) contains a tracked secret. */
  containsSecretIn(value: unknown): boolean {
    if (this.forms.length === 0) return false
    let found = false
    walkStrings(value, (text) => {
      if (!found && this.containsSecret(text)) found = true
    })
    return found
  }

  /** Replaces every tracked secret, in every form, with a fixed mask. */
  redact(text: string): string {
    let out = text
    for (const form of this.forms) if (matches(out, form)) out = replaceAll(out, form, '••••••')
    return out
  }

  /**
   * A copy of a JSON-like value with every tracked secret masked in every string (keys included);
   * `onRedacted` is called once per string that changed. For documents written to disk (tabs, history).
   */
  redactDeep<T>(value: T, onRedacted?: () => void): T {
    const walk = (item: unknown): unknown => {
      if (typeof item === 'string') {
        const masked = this.redact(item)
        if (masked !== item) onRedacted?.()
        return masked
      }
      if (Array.isArray(item)) return item.map(walk)
      if (item && typeof item === 'object') {
        const out: Record<string, unknown> = {}
        for (const [key, child] of Object.entries(item)) out[walk(key) as string] = walk(child)
        return out
      }
      return item
    }
    return walk(value) as T
  }

  get size(): number {
    return this.values.size
  }
}

/** The forms a secret takes in text that leaves the app. */
export function encodedForms(secret: string): string[] {
  const forms = new Set<string>([secret])
  forms.add(encodeURIComponent(secret))
  forms.add(new URLSearchParams({ s: secret }).toString().slice(2))
  const jsonEscaped = JSON.stringify(secret).slice(1, -1)
  forms.add(jsonEscaped)
  // JSON inside a JSON string: Reactor's `settings` attributes are JSON-encoded strings in JSON bodies.
  forms.add(JSON.stringify(jsonEscaped).slice(1, -1))
  forms.add(encodeURIComponent(jsonEscaped))
  for (const fragment of base64Fragments(secret)) {
    forms.add(fragment)
    forms.add(fragment.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  return [...forms].filter((form) => form.length > 0)
}

/**
 * The part of base64(prefix + secret) that depends only on the secret, for each of the three byte alignments
 * the secret can have inside a longer encoded value. Fragments shorter than 8 characters are left out (too
 * likely to occur by chance); a secret that short is still found raw.
 */
function base64Fragments(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  const out: string[] = []
  for (let prefix = 0; prefix < 3; prefix++) {
    const encoded = Buffer.concat([Buffer.alloc(prefix), bytes]).toString('base64').replace(/=+$/, '')
    const start = Math.ceil((prefix * 4) / 3)
    const end = Math.floor(((prefix + bytes.length) * 4) / 3)
    const fragment = encoded.slice(start, end)
    if (fragment.length >= SecretRegistry.substringMinimumLength) out.push(fragment)
  }
  return out
}

const WORD = /[A-Za-z0-9]/

function matches(text: string, form: string): boolean {
  if (form.length >= SecretRegistry.substringMinimumLength) return text.includes(form)
  let at = text.indexOf(form)
  while (at >= 0) {
    const before = at > 0 ? text[at - 1]! : ''
    const after = text[at + form.length] ?? ''
    if (!WORD.test(before) && !WORD.test(after)) return true
    at = text.indexOf(form, at + 1)
  }
  return false
}

function replaceAll(text: string, form: string, mask: string): string {
  if (form.length >= SecretRegistry.substringMinimumLength) return text.split(form).join(mask)
  let out = ''
  let from = 0
  let at = text.indexOf(form)
  while (at >= 0) {
    const before = at > 0 ? text[at - 1]! : ''
    const after = text[at + form.length] ?? ''
    if (!WORD.test(before) && !WORD.test(after)) {
      out += text.slice(from, at) + mask
      from = at + form.length
    }
    at = text.indexOf(form, at + form.length)
  }
  return out + text.slice(from)
}

function walkStrings(value: unknown, visit: (text: string) => void, depth = 0): void {
  // Past this depth the value is checked as text instead: a guard must never give up and pass it through.
  if (depth > 64) return visit(JSON.stringify(value) ?? '')
  if (typeof value === 'string') return visit(value)
  if (Array.isArray(value)) {
    for (const item of value) walkStrings(item, visit, depth + 1)
    return
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      visit(key)
      walkStrings(child, visit, depth + 1)
    }
  }
}
