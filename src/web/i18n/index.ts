import i18next from 'i18next'
import { initReactI18next, useTranslation } from 'react-i18next'
import type { Locale } from '../../shared/i18n/format'
import { resources } from '../../shared/i18n/index'
import { numberFormatter } from './number-formatter'

const STORAGE_KEY = 'winback.lang'

export function storedLocale(): Locale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY)
  return stored === 'en' ? 'en' : 'de'
}

void i18next
  .use(numberFormatter)
  .use(initReactI18next)
  .init({
    resources,
    lng: storedLocale(),
    fallbackLng: 'de',
    initAsync: false,
    // React escapes every value it renders; numbers are written in the reader's language
    interpolation: { escapeValue: false, alwaysFormat: true },
  })

export function setLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
  void i18next.changeLanguage(locale)
}

/** The translation function and the current locale for formatting. */
export function useI18n() {
  const { t, i18n } = useTranslation()
  const locale: Locale = i18n.language === 'en' ? 'en' : 'de'
  return { t, locale }
}

export default i18next
