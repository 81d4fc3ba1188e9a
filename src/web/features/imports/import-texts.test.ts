import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { createTranslator, resources } from '../../../shared/i18n/index'
import type { ImportIssue } from '../../../shared/imports'
import { numberFormatter } from '../../i18n/number-formatter'
import { issueReasonText, runMessageText } from './import-texts'

const issue = (code: ImportIssue['code'], value: string, reason: string): ImportIssue => ({
  severity: 'error',
  code,
  file: 'umsatz.csv',
  line: 2,
  column: 'Datum',
  value,
  reason,
})

describe('the import texts in the reader’s language', () => {
  const de = createTranslator('de').t
  const en = createTranslator('en').t

  const old = (message: string) => ({ message, messageText: null })

  it('says a run’s message from its key, nested reasons too', async () => {
    const failed = {
      message: 'Import failed, nothing was written: Unexpected error: disk full',
      messageText: {
        key: 'importFailed',
        params: { reason: { key: 'unexpected', params: { message: 'disk full' } } },
      },
    }
    expect(runMessageText(de, failed)).toBe(
      'Import fehlgeschlagen, nichts wurde geschrieben: Unerwarteter Fehler: disk full',
    )
    expect(runMessageText(en, failed)).toBe(failed.message)
    const rejected = {
      message: 'x',
      messageText: { key: 'importRowsInvalid', params: { rejected: 1200, total: 7000 } },
    }
    // numbers as the web app's formatter writes them
    const web = i18next.createInstance()
    await web.use(numberFormatter).init({
      lng: 'de',
      resources,
      interpolation: { escapeValue: false, alwaysFormat: true },
    })
    expect(runMessageText(web.t, rejected)).toBe(
      '1.200 von 7.000 Zeilen sind fehlerhaft; nichts wurde importiert',
    )
  })

  it('says the message of a run stored before its key in German and English', () => {
    expect(runMessageText(de, old('1 of 7 rows are invalid; nothing was imported'))).toBe(
      '1 von 7 Zeilen sind fehlerhaft; nichts wurde importiert.',
    )
    expect(runMessageText(en, old('1 of 7 rows are invalid; nothing was imported'))).toBe(
      '1 of 7 rows are invalid; nothing was imported.',
    )
    expect(runMessageText(de, old('The file cannot be read as it is; nothing was imported'))).toBe(
      'Die Datei lässt sich so nicht lesen; nichts wurde importiert.',
    )
    // a specific text stays as it is
    expect(runMessageText(de, old('Import failed, nothing was written: disk full'))).toBe(
      'Import failed, nothing was written: disk full',
    )
    expect(runMessageText(de, { message: null, messageText: null })).toBe('')
  })

  it('says the reasons that only repeat the value in German, and keeps specific ones', () => {
    expect(issueReasonText(de, issue('invalid_date', '31.02.2026', '"31.02.2026" is not a valid date'))).toBe(
      '„31.02.2026“ ist kein gültiges Datum',
    )
    expect(issueReasonText(de, issue('invalid_amount', 'zehn', '"zehn" is not an amount'))).toBe(
      '„zehn“ ist kein Betrag',
    )
    const cents = '"1,234" has more than two decimal places: amounts are taken to the cent, never rounded'
    expect(issueReasonText(de, issue('invalid_amount', '1,234', cents))).toBe(cents)
  })
})
