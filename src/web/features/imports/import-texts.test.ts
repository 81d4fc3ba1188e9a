import { describe, expect, it } from 'vitest'
import { createTranslator } from '../../../shared/i18n/index'
import type { ImportIssue } from '../../../shared/imports'
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

  it('says a rejected run’s message in German and English', () => {
    expect(runMessageText(de, '1 of 7 rows are invalid; nothing was imported')).toBe(
      '1 von 7 Zeilen sind fehlerhaft; nichts wurde importiert.',
    )
    expect(runMessageText(en, '1 of 7 rows are invalid; nothing was imported')).toBe(
      '1 of 7 rows are invalid; nothing was imported.',
    )
    expect(runMessageText(de, 'The file cannot be read as it is; nothing was imported')).toBe(
      'Die Datei lässt sich so nicht lesen; nichts wurde importiert.',
    )
    // a specific text stays as it is
    expect(runMessageText(de, 'Import failed, nothing was written: disk full')).toBe(
      'Import failed, nothing was written: disk full',
    )
    expect(runMessageText(de, null)).toBe('')
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
