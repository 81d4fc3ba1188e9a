import { createInstance, type i18n, type TFunction } from 'i18next'
import de from './de.json'
import en from './en.json'
import { type Locale, readerValue } from './format'

export const resources = { de: { translation: de }, en: { translation: en } } as const

/** A ready i18next instance for server-side texts (CLI, exports); the web app makes its own with react-i18next. */
export function createTranslator(locale: Locale): { t: TFunction; i18n: i18n } {
  const instance = createInstance()
  void instance.init({
    lng: locale,
    fallbackLng: 'de',
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
  })
  return { t: instance.t, i18n: instance }
}

export type { Locale }

/**
 * Sentences for a reader outside the web app (CLI, files): a key of the catalogue with its
 * parameters, numbers and ISO days written as the reader writes them.
 */
export function readerTranslator(locale: Locale) {
  const { t } = createTranslator(locale)
  return (key: string, params: Record<string, unknown> = {}) =>
    t(key, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, readerValue(v, locale)])))
}
