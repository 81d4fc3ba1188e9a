import { describe, expect, it } from 'vitest'
import { createTranslator } from '../../../shared/i18n/index'
import { describeAuditEntry } from './describe-audit'

const de = createTranslator('de').t
const en = createTranslator('en').t

describe('audit entries in sentences', () => {
  it('says what happened in the reader’s language, with names instead of keys', () => {
    const consent = { consentId: 4, channel: 'phone', source: 'call', grantedAt: '2026-06-01' }
    expect(describeAuditEntry(de, 'consent.recorded', consent, 'de')).toBe(
      'Telefon, Quelle: Telefonat, erteilt am 01.06.2026',
    )
    expect(describeAuditEntry(en, 'consent.recorded', consent, 'en')).toBe(
      'Phone, source: Call, given on 01/06/2026',
    )
    const facts = { fields: ['presumed_consent_reviewer', 'robinson_listed'] }
    expect(describeAuditEntry(de, 'contact_facts.updated', facts, 'de')).toBe(
      'geändert: mutmaßliche Einwilligung: geprüft von, auf der Robinsonliste',
    )
    const setting = { key: 'mail.smtp', fields: ['host', 'password'] }
    expect(describeAuditEntry(de, 'settings.changed', setting, 'de')).toBe(
      'E-Mail-Versand (SMTP): Server, Passwort',
    )
    expect(describeAuditEntry(en, 'settings.changed', setting, 'en')).toBe(
      'E-mail sending (SMTP): server, password',
    )
  })

  it('describes imports, users and objections with German numbers and dates', () => {
    const run = {
      fileName: 'umsatz.csv',
      format: 'generic',
      customersCreated: 1264,
      customersUpdated: 0,
      documentsCreated: 200000,
      documentsUpdated: 3,
      rejectedRows: 2,
    }
    expect(describeAuditEntry(de, 'import.completed', run, 'de')).toBe(
      'umsatz.csv: 1.264 Kunden neu, 0 geändert; 200.000 Belege neu, 3 geändert; 2 Zeilen übersprungen',
    )
    expect(
      describeAuditEntry(
        de,
        'user.changed',
        {
          email: 'neu@example.com',
          role: { from: 'rep', to: 'manager' },
          disabled: true,
          passwordChanged: true,
        },
        'de',
      ),
    ).toBe('neu@example.com: Rolle Vertrieb → Vertriebsleitung, gesperrt, Passwort geändert')
    expect(describeAuditEntry(en, 'user.created', { email: 'a@b.de', name: 'Nina', role: 'rep' }, 'en')).toBe(
      'Nina (a@b.de) as Sales',
    )
    const objection = {
      scope: 'all',
      gdpr: true,
      via: 'letter',
      receivedAt: '2026-05-04',
      suppressionEntries: 2,
    }
    expect(describeAuditEntry(de, 'objection.recorded', objection, 'de')).toBe(
      'Widerspruch nach Art. 21 DSGVO (alle Kanäle), eingegangen am 04.05.2026 per Brief; 2 Einträge auf der Sperrliste',
    )
  })

  it('falls back to key: value for an action it does not know', () => {
    expect(describeAuditEntry(de, 'something.new', { count: 3, on: '2026-01-02' }, 'de')).toBe(
      'count: 3 · on: 02.01.2026',
    )
  })
})
