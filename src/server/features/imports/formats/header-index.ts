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
