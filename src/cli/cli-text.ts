import { type Locale, readerValue } from '../shared/i18n/format'
import { createTranslator } from '../shared/i18n/index'

/**
 * The CLI's sentences in the --lang language (German by default): a key of the catalogue with its
 * parameters, numbers and days written as the reader writes them.
 */
export function cliTranslator(locale: Locale) {
  const { t } = createTranslator(locale)
  return (key: string, params: Record<string, unknown> = {}) =>
    t(key, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, readerValue(v, locale)])))
}
