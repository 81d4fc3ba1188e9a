import { formatDate, formatNumber, type Locale } from '../shared/i18n/format'
import { createTranslator } from '../shared/i18n/index'

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * The CLI's sentences in the --lang language (German by default): a key of the catalogue with its
 * parameters, numbers and days written as the reader writes them.
 */
export function cliTranslator(locale: Locale) {
  const { t } = createTranslator(locale)
  const readable = (params: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(params).map(([k, v]) => [
        k,
        typeof v === 'number'
          ? formatNumber(v, locale)
          : typeof v === 'string' && ISO_DAY.test(v)
            ? formatDate(v, locale)
            : v,
      ]),
    )
  return (key: string, params: Record<string, unknown> = {}) => t(key, readable(params))
}
