// Counts in words: "1 call", "2 calls", chosen by Intl.PluralRules rather than `n === 1` so the rule is the
// language's (English has "one" and "other"; the UI is English today, the rule object is where that changes).
const rules = new Intl.PluralRules('en')
const numbers = new Intl.NumberFormat('en')

/** "1 call" / "10,000 calls". */
export function countOf(count: number, one: string, other: string): string {
  return `${numbers.format(count)} ${rules.select(count) === 'one' ? one : other}`
}

/** The word alone, for sentences that place the number themselves. */
export function pluralWord(count: number, one: string, other: string): string {
  return rules.select(count) === 'one' ? one : other
}
