import { useSearchParams } from 'react-router'

type Value = string | number | null

/**
 * A page's filters, sort and "show more" kept in the URL, so a link, a reload and the way back from a
 * customer show the same list. Values equal to their default stay out of the URL; numbers come back
 * as numbers. Changes replace the history entry: going back leaves the list, not a filter.
 */
export function useUrlParams<T extends Record<string, Value>>(defaults: T): [T, (patch: Partial<T>) => void] {
  const [search, setSearch] = useSearchParams()
  const values = Object.fromEntries(
    Object.entries(defaults).map(([key, fallback]) => {
      const raw = search.get(key)
      if (raw === null) return [key, fallback]
      if (typeof fallback === 'number') return [key, Number.isFinite(Number(raw)) ? Number(raw) : fallback]
      return [key, raw]
    }),
  ) as T
  const update = (patch: Partial<T>) => {
    const next = new URLSearchParams(search)
    for (const [key, value] of Object.entries({ ...values, ...patch })) {
      if (!(key in defaults)) continue
      if (value === null || value === defaults[key]) next.delete(key)
      else next.set(key, String(value))
    }
    setSearch(next, { replace: true })
  }
  return [values, update]
}
