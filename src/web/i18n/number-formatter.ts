import type { FormatterModule } from 'i18next'
import { formatDate, intlLocale, type Locale } from '../../shared/i18n/format'

const formats = new Map<string, Intl.NumberFormat>()
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/** A number as the reader writes it: "1.264" and "0,5" in German, "1,264" and "0.5" in English; never "−0". */
export function readerNumber(value: number, locale: Locale): string {
  let format = formats.get(locale)
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 20 })
    formats.set(locale, format)
  }
  return format.format(value === 0 ? 0 : value)
}

/**
 * i18next's formatter for the web app: every number put into a text ("{{count}} Kunden") is written
 * in the reader's language, and so is every ISO day, so no caller can forget it. Texts are otherwise left
 * as they are.
 */
export const numberFormatter: FormatterModule = {
  type: 'formatter',
  init() {},
  add() {},
  addCached() {},
  // i18next hands over any value and puts what comes back into the text
  format(value: unknown, _format?: string, lng?: string): string {
    const locale = lng === 'en' ? 'en' : 'de'
    // a day from the server ("2026-11-23") reads as the reader writes days
    if (typeof value === 'string' && ISO_DAY.test(value)) return formatDate(value, locale)
    if (typeof value !== 'number' || !Number.isFinite(value)) return value as string
    return readerNumber(value, locale)
  },
}
