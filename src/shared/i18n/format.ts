export type Locale = 'de' | 'en'

export const locales: readonly Locale[] = ['de', 'en']

export function intlLocale(locale: Locale): string {
  return locale === 'de' ? 'de-DE' : 'en-GB'
}

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()

/** One formatter per kind and locale: making one costs far more than formatting with it (a list of 50 rows). */
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let format = formats.get(key)
  if (!format) {
    format = make()
    formats.set(key, format)
  }
  return format as T
}

/** 1.234,56 € (de) or €1,234.56 (en) from integer cents. */
export function formatMoney(cents: number, locale: Locale, currency = 'EUR', fractionDigits = 2): string {
  return formatter(
    `money|${locale}|${currency}|${fractionDigits}`,
    () =>
      new Intl.NumberFormat(intlLocale(locale), {
        style: 'currency',
        currency,
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }),
  ).format(cents / 100)
}

/** 31.12.2024 (de) or 31/12/2024 (en) from an ISO date. */
export function formatDate(iso: string | null, locale: Locale): string {
  if (!iso) return ''
  const [y, m, d] = iso.slice(0, 10).split('-')
  return locale === 'de' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`
}

/** A moment in the reader's own time zone: 23.11.2026, 21:57 (de) or 23/11/2026, 21:57 (en). */
export function formatDateTime(iso: string, locale: Locale): string {
  return formatter(
    `datetime|${locale}`,
    () =>
      new Intl.DateTimeFormat(intlLocale(locale), {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }),
  ).format(new Date(iso))
}

/** Today as a user types a date into a form (31.12.2024 or 31/12/2024): the default of date fields. */
export function todayText(locale: Locale): string {
  return formatDate(new Date().toISOString().slice(0, 10), locale)
}

export function formatMonth(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number)
  return formatter(
    `month|${locale}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { month: 'short', year: 'numeric', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(y!, m! - 1, 1)))
}

export function formatNumber(value: number, locale: Locale, fractionDigits = 0): string {
  return formatter(
    `number|${locale}|${fractionDigits}`,
    () => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: fractionDigits }),
  ).format(value)
}

/** A number as the reader writes it: "1.264" and "0,5" in German, "1,264" and "0.5" in English; never "−0". */
export function readerNumber(value: number, locale: Locale): string {
  return formatter(
    `reader|${locale}`,
    () => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 20 }),
  ).format(value === 0 ? 0 : value)
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * A value put into a sentence, as the reader writes it: numbers in their format, ISO days
 * ("2026-11-23") as dates; anything else as it is. The web app's i18n formatter and the CLI use it.
 */
export function readerValue(value: unknown, locale: Locale): unknown {
  if (typeof value === 'string' && ISO_DAY.test(value)) return formatDate(value, locale)
  if (typeof value === 'number' && Number.isFinite(value)) return readerNumber(value, locale)
  return value
}

/** A decimal number for CSV cells: decimal comma in German files, point in English ones. */
export function csvDecimal(cents: number, locale: Locale): string {
  const text = (cents / 100).toFixed(2)
  return locale === 'de' ? text.replace('.', ',') : text
}

/** 45,7 % (de) or 45.7% (en) from a fraction. */
export function formatPercent(share: number, locale: Locale): string {
  return formatter(
    `percent|${locale}`,
    () => new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 1 }),
  ).format(share)
}

/** A month of the year (1–12) by name: "April". */
export function monthName(month: number, locale: Locale): string {
  return formatter(
    `monthName|${locale}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(2000, month - 1, 1)))
}

/** A season of months, "April–August" (wrapping the year end: "November–Februar"). */
export function formatSeason(from: number, to: number, locale: Locale): string {
  return `${monthName(from, locale)}–${monthName(to, locale)}`
}
