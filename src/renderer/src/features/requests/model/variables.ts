// `{{name}}` substitution, resolved in the renderer before a request is sent. Unknown names are left in
// place and reported, so the user sees exactly what would have gone out.

export interface VariableRow {
  id: string
  name: string
  value: string
  enabled: boolean
}

const PATTERN = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g

export function variableMap(rows: readonly VariableRow[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const row of rows) if (row.enabled && row.name.trim()) map.set(row.name.trim(), row.value)
  return map
}

export function referencedVariables(text: string): string[] {
  return [...text.matchAll(PATTERN)].map((match) => match[1]!)
}

export function substitute(text: string, values: ReadonlyMap<string, string>, unknown: Set<string>): string {
  return text.replace(PATTERN, (whole, name: string) => {
    const value = values.get(name)
    if (value === undefined) {
      unknown.add(name)
      return whole
    }
    return value
  })
}
