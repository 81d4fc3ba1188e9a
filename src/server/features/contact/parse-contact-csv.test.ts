import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { parseContactCsv } from './parse-contact-csv'

const utf8 = (text: string) => new TextEncoder().encode(text)

describe('parseContactCsv', () => {
  it('reads German consents and objections in Windows-1252 with German dates', () => {
    const bytes = iconv.encode(
      'Kundennummer;Art;Kanal;Datum;Quelle;Textversion;DOI bestätigt am;DSGVO;Über;Wortlaut\r\n' +
        'K1;Einwilligung;E-Mail;01.03.26;Formular;NL-2;02.03.2026;;;\r\n' +
        'K2;Widerspruch;alle;15.04.2026;;;;ja;Brief;Bitte keine Werbung – nie mehr\r\n',
      'win1252',
    )
    const { rows, issues } = parseContactCsv('einw.csv', bytes)
    expect(issues).toEqual([])
    expect(rows).toEqual([
      {
        line: 2,
        customerNumber: 'K1',
        email: null,
        record: {
          kind: 'consent',
          channel: 'email',
          grantedAt: '2026-03-01',
          source: 'form',
          textVersion: 'NL-2',
          doiConfirmedAt: '2026-03-02',
          ip: null,
          withdrawnAt: null,
        },
      },
      {
        line: 3,
        customerNumber: 'K2',
        email: null,
        record: {
          kind: 'objection',
          scope: 'all',
          gdpr: true,
          receivedAt: '2026-04-15',
          via: 'letter',
          wording: 'Bitte keine Werbung – nie mehr',
        },
      },
    ])
  })

  it('reads English headers and defaults: source import, objection via other', () => {
    const { rows, issues } = parseContactCsv(
      'c.csv',
      utf8('customer number,kind,channel,date\nK1,consent,phone,2026-01-05\nK1,objection,sms,2026-02-01\n'),
    )
    expect(issues).toEqual([])
    expect(rows.map((r) => r.record)).toEqual([
      expect.objectContaining({
        kind: 'consent',
        channel: 'phone',
        source: 'import',
        grantedAt: '2026-01-05',
      }),
      expect.objectContaining({ kind: 'objection', scope: 'sms', via: 'other', gdpr: false }),
    ])
  })

  it('keeps a shop export’s marketing flag as a shop flag, never as a form consent', () => {
    const { rows, issues } = parseContactCsv(
      'customers_export.csv',
      utf8(
        'Email,Accepts Email Marketing,Accepts SMS Marketing\na@x.de,yes,no\nb@x.de,no,no\nC@X.DE,yes,yes\n',
      ),
    )
    expect(issues).toEqual([])
    expect(
      rows.map((r) => [
        r.email,
        r.record.kind === 'consent' && r.record.channel,
        r.record.kind === 'consent' && r.record.source,
      ]),
    ).toEqual([
      ['a@x.de', 'email', 'shop_flag'],
      ['c@x.de', 'email', 'shop_flag'],
      ['c@x.de', 'sms', 'shop_flag'],
    ])
  })

  it('names file, line, column and value of every problem', () => {
    const { issues } = parseContactCsv(
      'bad.csv',
      utf8(
        'Kundennummer;Art;Kanal;Datum;Quelle\nK1;Einwilligung;Fax;01.01.2026;Formular\nK2;Einwilligung;E-Mail;32.01.2026;Formular\n' +
          ';Einwilligung;E-Mail;01.01.2026;\nK3;Vielleicht;E-Mail;01.01.2026;\nK4;Einwilligung;alle;01.01.2026;\nK5;Einwilligung;SMS;;Brieftaube\n',
      ),
    )
    expect(issues.map((i) => [i.file, i.line, i.column, i.value, i.code])).toEqual([
      ['bad.csv', 2, 'Kanal', 'Fax', 'invalid_value'],
      ['bad.csv', 3, 'Datum', '32.01.2026', 'invalid_date'],
      ['bad.csv', 4, 'Kundennummer', '', 'missing_value'],
      ['bad.csv', 5, 'Art', 'Vielleicht', 'invalid_value'],
      ['bad.csv', 6, 'Kanal', 'alle', 'invalid_value'],
      ['bad.csv', 7, 'Quelle', 'Brieftaube', 'invalid_value'],
      ['bad.csv', 7, 'Datum', '', 'missing_value'],
    ])
  })

  it('refuses a file without a customer column or a channel column', () => {
    expect(parseContactCsv('x.csv', utf8('Name;Datum\nA;01.01.2026\n')).issues.map((i) => i.code)).toEqual([
      'missing_column',
      'missing_column',
    ])
  })
})
