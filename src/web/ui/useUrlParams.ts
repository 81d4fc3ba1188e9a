import { useSearchParams } from 'react-router'

type Value = string | number | null

/**
 * The URL's query after a change of some of a page's values: only the keys patched change, a value
 * equal to its default (or null) leaves the URL, every other key stays as it is.
 */
export function patchedSearch<T extends Record<string, Value>>(
  current: string,
  defaults: T,
  patch: Partial<T>,
): URLSearchParams {
  const next = new URLSearchParams(current)
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in defaults) || value === undefined) continue
    if (value === null || value === defaults[key]) next.delete(key)
    else next.set(key, String(value))
  }
  return next
}

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
  // React Router renders a navigation as a transition, so a click can reach the handler of a render
  // from before the last change; the URL as it is now keeps that change (a sort stays when "show
  // more" follows it quickly)
  const update = (patch: Partial<T>) =>
    setSearch(patchedSearch(window.location.search, defaults, patch), { replace: true })
  return [values, update]
}
