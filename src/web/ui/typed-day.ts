/**
 * The ISO day of a date as people type it: 7.12.2026 or 07.12.26 (German), 07/12/2026 (the English
 * UI writes days first too), or 2026-12-07; null for anything else or a day that does not exist.
 */
export function dayOfTyped(text: string): string | null {
  const value = text.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value)
  const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$/.exec(value)
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : dmy
      ? [Number(dmy[3]!.length === 2 ? `20${dmy[3]}` : dmy[3]), Number(dmy[2]), Number(dmy[1])]
      : [Number.NaN, Number.NaN, Number.NaN]
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return null
  // 31.02. does not exist: the calendar would roll it into March
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}
