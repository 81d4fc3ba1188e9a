import { isAppError } from '../server/lib/errors'
import { formatDate, formatNumber, type Locale } from '../shared/i18n/format'
import { createTranslator } from '../shared/i18n/index'

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * An error as the CLI prints it, in the --lang language: what the server says as a key with
 * parameters (days and numbers as the reader writes them), anything else as its message.
 */
export function describeError(error: unknown, locale: Locale): string {
  if (!isAppError(error)) return error instanceof Error ? error.message : String(error)
  const params = Object.fromEntries(
    Object.entries(error.text.params ?? {}).map(([k, v]) => [
      k,
      typeof v === 'number' ? formatNumber(v, locale) : ISO_DAY.test(v) ? formatDate(v, locale) : v,
    ]),
  )
  return createTranslator(locale).t(`serverErrors.${error.text.key}`, params)
}
