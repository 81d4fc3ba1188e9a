import { createHash } from 'node:crypto'
import { fakerDE } from '@faker-js/faker'
import { addDays, type IsoDate } from '../../lib/dates'
import type { NewContactConsent, NewContactFacts, NewContactObjection } from '../contact/contact.table'
import type { CustomerRecord, DocumentRecord } from '../imports/records'
import { DEMO_SEED } from './generate-demo-company'

export interface DemoContactRecords {
  consents: Omit<NewContactConsent, 'customer_id'>[]
  objections: Omit<NewContactObjection, 'customer_id'>[]
  facts: Omit<NewContactFacts, 'customer_id'> | null
}

const NEWSLETTER_TEXT =
  'Ja, ich möchte den Newsletter der Nordlicht Großhandel GmbH mit Angeboten per E-Mail erhalten. Abmeldung jederzeit.'
const PHONE_TEXT = 'Ja, Nordlicht darf mich zu Angeboten telefonisch kontaktieren. Widerruf jederzeit.'
const PRESUMED_GROUNDS = [
  'Langjährige Geschäftsbeziehung; Einkauf bat im letzten Gespräch um Rückruf bei neuen Saisonangeboten.',
  'Regelmäßige Bestellungen derselben Warengruppe; Angebot passt zum dokumentierten Bedarf des Betriebs.',
  'Ansprechpartner hat auf der Messe Interesse an Rahmenverträgen bekundet (Gesprächsnotiz vorhanden).',
]

const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b)
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * What a real wholesaler has recorded about contact: newsletter sign-ups with double opt-in (some
 * withdrawn, some grown old), shop flags that are no §7 consent, phone consents from calls, documented
 * grounds for calling businesses, e-mail addresses from sales with the opt-out notice, and a few
 * objections. Fixed seed, like the company itself.
 */
export function generateDemoContact(
  customers: readonly CustomerRecord[],
  documents: readonly DocumentRecord[],
  today: IsoDate,
): Map<string, DemoContactRecords> {
  const f = fakerDE
  f.seed(DEMO_SEED + 7)
  const firstSale = new Map<string, DocumentRecord>()
  for (const d of documents) {
    if (!d.countsAsPurchase) continue
    const seen = firstSale.get(d.customerNumber)
    if (!seen || d.date < seen.date) firstSale.set(d.customerNumber, d)
  }
  const result = new Map<string, DemoContactRecords>()
  const now = `${today}T08:00:00.000Z`
  for (const c of customers) {
    const consents: Omit<NewContactConsent, 'customer_id'>[] = []
    const objections: Omit<NewContactObjection, 'customer_id'>[] = []
    const sale = firstSale.get(c.customerNumber)
    const consumer = c.type === 'consumer'
    const since = sale?.date ?? addDays(today, -900)
    const dateAfter = (days: number) => minDate(addDays(since, f.number.int({ min: 0, max: days })), today)
    const consent = (
      channel: 'email' | 'phone' | 'sms',
      source: 'form' | 'call' | 'shop_flag',
      grantedAt: IsoDate,
    ) => {
      const withdrawn = f.number.float() < 0.08
      consents.push({
        channel,
        status: withdrawn ? 'withdrawn' : 'granted',
        granted_at: grantedAt,
        source,
        text_version: source === 'shop_flag' ? null : channel === 'email' ? 'NL-2022-03' : 'TEL-2023-01',
        text_hash: source === 'shop_flag' ? null : sha256(channel === 'email' ? NEWSLETTER_TEXT : PHONE_TEXT),
        scope: source === 'shop_flag' ? null : 'Angebote und Neuheiten',
        doi_token: source === 'form' ? f.string.alphanumeric(24) : null,
        doi_confirmed_at: source === 'form' ? grantedAt : null,
        ip: source === 'form' ? f.internet.ipv4() : null,
        call_reference: source === 'call' ? `Gespräch ${f.string.numeric(6)}` : null,
        collected_by:
          source === 'form' ? 'Website-Formular' : source === 'call' ? 'Innendienst' : 'Online-Shop',
        withdrawn_at: withdrawn ? minDate(addDays(grantedAt, 200), today) : null,
        last_used_at: f.number.float() < 0.7 ? dateAfter(1500) : null,
        created_at: now,
        created_by: null,
      })
    }
    const roll = f.number.float()
    if (c.email && roll < 0.35) consent('email', 'form', dateAfter(400))
    else if (c.email && roll < 0.5) consent('email', 'shop_flag', dateAfter(200))
    if (consumer && c.phone && f.number.float() < 0.25) consent('phone', 'call', dateAfter(600))
    if (c.phone && f.number.float() < 0.05) consent('sms', 'form', dateAfter(600))
    const objection = f.number.float()
    if (objection < 0.015)
      objections.push({
        scope: 'all',
        gdpr: 1,
        received_at: dateAfter(1500),
        via: 'letter',
        wording: 'Ich widerspreche der Verarbeitung meiner Daten zu Werbezwecken (Art. 21 DSGVO).',
        created_at: now,
        created_by: null,
      })
    else if (objection < 0.04)
      objections.push({
        scope: f.helpers.arrayElement(['email', 'phone', 'letter'] as const),
        gdpr: 0,
        received_at: dateAfter(1500),
        via: f.helpers.arrayElement(['email', 'phone', 'letter'] as const),
        wording: 'Bitte keine Werbung mehr auf diesem Weg.',
        created_at: now,
        created_by: null,
      })
    const fromSale = c.email && sale && f.number.float() < 0.6
    const presumed = !consumer && f.number.float() < 0.45
    const facts: Omit<NewContactFacts, 'customer_id'> | null =
      fromSale || presumed
        ? {
            jurisdiction: null,
            email_origin: fromSale ? (sale.number ?? sale.externalKey) : null,
            optout_notice_version: fromSale ? 'Hinweis-Bestellung-2021' : null,
            presumed_consent_text: presumed ? f.helpers.arrayElement(PRESUMED_GROUNDS) : null,
            presumed_consent_reviewer: presumed ? 'Thomas Berger (Vertriebsleitung)' : null,
            presumed_consent_on: presumed ? dateAfter(900) : null,
            robinson_checked_on: null,
            robinson_listed: null,
            updated_at: now,
            updated_by: null,
          }
        : null
    if (consents.length > 0 || objections.length > 0 || facts)
      result.set(c.customerNumber, { consents, objections, facts })
  }
  return result
}
