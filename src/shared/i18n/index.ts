import { createInstance, type i18n, type TFunction } from 'i18next'
import de from './de.json'
import en from './en.json'
import type { Locale } from './format'

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
