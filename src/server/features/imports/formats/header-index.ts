import { normalizeHeader } from '../guess-mapping'

/** Finds columns by any of several header spellings (exports differ between versions and plugins). */
export function headerIndex(headers: readonly string[]) {
  const byName = new Map<string, number>()
  headers.forEach((h, i) => {
    const key = normalizeHeader(h)
    if (!byName.has(key)) byName.set(key, i)
  })
  return (...names: string[]): number | undefined => {
    for (const name of names) {
      const i = byName.get(normalizeHeader(name))
      if (i !== undefined) return i
    }
    return undefined
  }
}

/** Each column's index by its spellings (undefined where the file has none of them). */
export function findColumns<T extends Record<string, readonly string[]>>(
  headers: readonly string[],
  names: T,
): { [K in keyof T]: number | undefined } {
  const find = headerIndex(headers)
  return Object.fromEntries(Object.entries(names).map(([k, n]) => [k, find(...n)])) as {
    [K in keyof T]: number | undefined
  }
}
