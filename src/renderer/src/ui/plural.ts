// Counts in words with the language's plural rules: "1 request", "2 requests", never "1 items". The one copy
// for the whole renderer (Collections, History, the Runner and the Request area used to carry their own).
// Intl.PluralRules rather than `n === 1`, so the rule is the language's: English has "one" and "other"; the UI
// is English today, and these two objects are where that would change.
const rules = new Intl.PluralRules('en')
const numbers = new Intl.NumberFormat('en')

/** The word alone, for sentences that place the number themselves ("All 1 item merged" reads wrong: use countOf). */
export function pluralWord(count: number, one: string, other = `${one}s`): string {
  return rules.select(count) === 'one' ? one : other
}

/** "1 call" / "10,000 calls": the number, grouped, then the singular or plural as the language chooses. */
export function countOf(count: number, one: string, other = `${one}s`): string {
  return `${numbers.format(count)} ${pluralWord(count, one, other)}`
}
