import { looksLikeSecret } from './secret-patterns'

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
  /** What each secret is, in words, when the caller said so ("client secret", "access token"). */
  private readonly kinds = new Map<string, string>()
  /** Each tracked secret's forms, longest first so a longer form is masked before a shorter one inside it. */
  private forms: string[] = []
  /** The secret each form belongs to (to say which kind a scan found). */
  private owners = new Map<string, string>()

  /**
   * Below this length a secret is matched only as a whole token (not inside a longer run of letters and
   * digits): a short test secret must still be caught, but `abc` must not block every answer with "abc" in it.
   */
  static readonly substringMinimumLength = 8

  /** `kind` names the secret for a person ("client secret"); a later add may name one added unnamed. */
  add(value: string | undefined | null, kind?: string): void {
    if (!value) return
    if (kind && !this.kinds.has(value)) {
      this.kinds.set(value, kind)
      this.maskFormsCache = undefined
    }
    if (this.values.has(value)) return
    this.values.add(value)
    this.rebuild()
  }

  remove(value: string | undefined | null): void {
    if (value && this.values.delete(value)) {
      this.kinds.delete(value)
      this.rebuild()
    }
  }

  private rebuild(): void {
    const owners = new Map<string, string>()
    for (const value of this.values) for (const form of encodedForms(value)) if (!owners.has(form)) owners.set(form, value)
    this.owners = owners
    this.forms = [...owners.keys()].sort((a, b) => b.length - a.length)
  }

  /** What a tracked secret is, in words: the name it was added with, else what it looks like. */
  private kindOf(value: string): string {
    return this.kinds.get(value) ?? looksLikeSecret(value) ?? 'secret the app holds'
  }

  /** The kind of the first tracked secret found in `text` (any form), or undefined. */
  findSecret(text: string): string | undefined {
    for (const form of this.forms) if (matches(text, form)) return this.kindOf(this.owners.get(form)!)
    return undefined
  }

  /**
   * A scan over text that arrives in pieces (a large body being written to disk): each piece is searched
   * together with the end of the one before, so a secret split across two chunks is found. The overlap is
   * the longest form plus one character (the whole-word check of a short secret needs its neighbour).
   * Memory stays at one overlap whatever the body's size.
   */
  scanner(): SecretScan {
    let tail = ''
    let found: string | undefined
    return {
      push: (text: string) => {
        if (found !== undefined || this.forms.length === 0) return
        const window = tail + text
        found = this.findSecret(window)
        const overlap = (this.forms[0]?.length ?? 0) + 1
        tail = window.length > overlap ? window.slice(window.length - overlap) : window
      },
      get found() {
        return found
      }
    }
  }

  /**
   * Every form of every tracked secret, longest first, with its kind: for a masker that works on bytes (a
   * streamed response body, src/main/core/http/chunk-secret-mask.ts). The same array until a secret is added
   * or removed, so a caller can cache what it derives from it by identity.
   */
  maskForms(): ReadonlyArray<{ form: string; kind: string }> {
    if (this.maskFormsCache?.forms !== this.forms) {
      this.maskFormsCache = { forms: this.forms, list: this.forms.map((form) => ({ form, kind: this.kindOf(this.owners.get(form)!) })) }
    }
    return this.maskFormsCache.list
  }

  private maskFormsCache: { forms: string[]; list: ReadonlyArray<{ form: string; kind: string }> } | undefined

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

export interface SecretScan {
  push(text: string): void
  /** The kind of the first secret found so far ("Adobe client secret"), or undefined. */
  readonly found: string | undefined
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
