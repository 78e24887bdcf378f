// Counts in words with the language's plural rules ("1 request", "2 requests"), never "1 items".
const rules = new Intl.PluralRules('en-US')

/** `count` followed by the singular or plural form, as English chooses for that number. */
export function plural(count: number, one: string, other = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${rules.select(count) === 'one' ? one : other}`
}
