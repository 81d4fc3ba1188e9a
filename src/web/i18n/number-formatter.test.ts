import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { numberFormatter, readerNumber } from './number-formatter'

describe('numbers in texts', () => {
  it('writes numbers the reader’s way, without −0', () => {
    expect(readerNumber(1264, 'de')).toBe('1.264')
    expect(readerNumber(200000, 'de')).toBe('200.000')
    expect(readerNumber(1.32, 'de')).toBe('1,32')
    expect(readerNumber(-0, 'de')).toBe('0')
    expect(readerNumber(1264.5, 'en')).toBe('1,264.5')
  })

  it('formats every number put into a translated text, and leaves other values alone', async () => {
    const instance = i18next.createInstance()
    await instance.use(numberFormatter).init({
      lng: 'de',
      resources: {
        de: {
          translation: {
            rows: '{{rows}} Zeilen, Datei {{name}}',
            many_one: '{{count}} Kunde',
            many_other: '{{count}} Kunden',
          },
        },
        en: { translation: { rows: '{{rows}} rows, file {{name}}' } },
      },
      interpolation: { escapeValue: false, alwaysFormat: true },
    })
    expect(instance.t('rows', { rows: 200000, name: '2026.csv' })).toBe('200.000 Zeilen, Datei 2026.csv')
    expect(instance.t('many', { count: 1264 })).toBe('1.264 Kunden')
    expect(instance.t('many', { count: 1 })).toBe('1 Kunde')
    await instance.changeLanguage('en')
    expect(instance.t('rows', { rows: 200000, name: 'x' })).toBe('200,000 rows, file x')
  })
})
