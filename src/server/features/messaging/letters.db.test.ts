import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { pdfText } from '../../../../test/pdf-text'
import type { TimelineEntry } from '../../../shared/api/worklist'
import { recordObjection } from '../contact/contact.service'
import { writeImport } from '../imports/write-import'
import { din5008, lettersPdf } from './letter-pdf'
import { addressLines } from './letters'

const TODAY = '2026-06-30'
const actor = { userId: null, now: `${TODAY}T08:00:00.000Z`, today: TODAY }
const field = din5008.addressField

describe('DIN 5008 letters', () => {
  it('puts the address in the window, the return line above it, and prints ß, ł, ş, İ with the embedded font', async () => {
    const company = {
      name: 'Nordlicht Großhandel GmbH',
      street: 'Große Elbstraße 12',
      postalCode: '22767',
      city: 'Hamburg',
      country: 'DE',
      phone: '040 123',
      email: 'info@nordlicht.example',
      website: '',
      managingDirectors: 'Jörg Weiß',
      register: 'Amtsgericht Hamburg HRB 1',
      vatId: 'DE123456789',
      bankName: 'Haspa',
      iban: 'DE02 2005 0550 1234 5678 90',
      bic: 'HASPDEHHXXX',
    }
    const long = Array.from(
      { length: 40 },
      (_, i) => `Absatz ${i + 1}: Wir würden uns freuen, Sie wieder begrüßen zu dürfen.`,
    ).join('\n\n')
    const pdf = await lettersPdf(
      company,
      [
        {
          recipient: {
            addressLines: ['Şükrü Öztürk İnşaat', 'Herr Łukasz Wójcik', 'Große Straße 5', '10115 Berlin'],
            customerNumber: 'K-1',
          },
          date: TODAY,
          subject: 'Wir vermissen Sie',
          body: 'Sehr geehrter Herr Wójcik,\n\nkurz und gut.',
          sender: { name: 'Julia Neumann', phone: '040 123-45', email: 'julia@nordlicht.example' },
          surveyUrl: 'https://crm.nordlicht.example/s/abcdefghijklmnopqrstuvwxyz012345',
        },
        {
          recipient: { addressLines: ['Frau Anna Müller', 'Weg 1', '20095 Hamburg'], customerNumber: 'K-2' },
          date: TODAY,
          subject: 'Ein langer Brief',
          body: long,
          sender: { name: 'Julia Neumann', phone: null, email: null },
          surveyUrl: null,
        },
      ],
      'de',
    )
    const { pages, items } = await pdfText(pdf)
    const page1 = items.filter((i) => i.page === 1)
    const inField = (text: string) => {
      const item = page1.find((i) => i.text.includes(text))
      expect(item, text).toBeDefined()
      return item!
    }
    // the address zone: below the 17.7 mm note zone, inside the 85 × 45 mm field (window of a DL envelope)
    for (const line of ['Şükrü Öztürk İnşaat', 'Herr Łukasz Wójcik', 'Große Straße 5', '10115 Berlin']) {
      const item = inField(line)
      expect(item.x).toBeGreaterThanOrEqual(field.left)
      expect(item.x).toBeLessThan(field.left + field.width)
      expect(item.y).toBeGreaterThan(field.top + din5008.noteZoneHeight)
      expect(item.y).toBeLessThanOrEqual(field.top + field.height)
    }
    // the return address line in the note zone
    const back = inField('Nordlicht Großhandel GmbH · Große Elbstraße 12 · 22767 Hamburg')
    expect(back.y).toBeGreaterThan(field.top)
    expect(back.y).toBeLessThan(field.top + din5008.noteZoneHeight)
    // information block at 125 mm; footer with register, VAT id and bank
    expect(inField('K-1').x).toBeGreaterThanOrEqual(din5008.infoBlock.left)
    const all = items.map((i) => i.text).join('\n')
    for (const text of [
      'USt-IdNr. DE123456789',
      'IBAN DE02 2005 0550 1234 5678 90',
      'Geschäftsführung: Jörg Weiß',
      'Amtsgericht Hamburg HRB 1',
    ])
      expect(all).toContain(text)
    // the long letter runs over pages that are numbered; the short one is not numbered
    expect(pages).toBeGreaterThanOrEqual(3)
    expect(page1.some((i) => i.text.startsWith('Seite'))).toBe(false)
    const numbered = items.filter((i) => /^Seite \d von \d$/.test(i.text))
    expect(numbered.map((i) => i.text)).toEqual(
      Array.from({ length: pages - 1 }, (_, i) => `Seite ${i + 1} von ${pages - 1}`),
    )
  })

  it('writes the address block as DIN 5008 does, a foreign country in capitals', () => {
    const base = {
      type: 'consumer',
      company_name: null,
      salutation: 'Frau Dr.',
      first_name: 'Anna',
      last_name: 'Müller',
      street: 'Weg 1',
      postal_code: '1010',
      city: 'Wien',
      country: 'AT',
    }
    expect(addressLines(base)).toEqual(['Frau Dr. Anna Müller', 'Weg 1', '1010 Wien', 'ÖSTERREICH'])
    expect(addressLines({ ...base, country: 'DE', postal_code: '20095', city: 'Hamburg' })).toEqual([
      'Frau Dr. Anna Müller',
      'Weg 1',
      '20095 Hamburg',
    ])
    expect(
      addressLines({
        ...base,
        type: 'business',
        company_name: 'Müller KG',
        salutation: null,
        first_name: null,
        last_name: null,
        country: null,
      }),
    ).toEqual(['Müller KG', 'Weg 1', '1010 Wien'])
  })
})

/** A campaign's letter step as a Serienbrief, on both databases. */
describe.each(testDialects)('campaign letters on %s', (dialect) => {
  let t: TestApp
  let manager: string
  let campaignId: number
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    t = await createTestApp(dialect)
    const address = { street: 'Große Straße 5', postalCode: '10115', city: 'Berlin' }
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T08:00:00Z`,
      customers: [
        {
          customerNumber: 'L1',
          type: 'business',
          companyName: 'Wójcik Bau GmbH',
          salutation: 'Herr',
          firstName: 'Łukasz',
          lastName: 'Wójcik',
          ...address,
        },
        {
          customerNumber: 'L2',
          type: 'consumer',
          salutation: 'Frau',
          firstName: 'Anna',
          lastName: 'Weiß',
          ...address,
        },
        {
          customerNumber: 'L3',
          type: 'consumer',
          salutation: 'Herr',
          firstName: 'Ohne',
          lastName: 'Adresse',
        },
        {
          customerNumber: 'L4',
          type: 'consumer',
          salutation: 'Herr',
          firstName: 'Will',
          lastName: 'Nicht',
          ...address,
        },
      ],
      documents: [],
    })
    const k = t.db.kysely
    for (const r of await k.selectFrom('customers').select(['id', 'customer_number']).execute())
      ids[r.customer_number] = r.id
    // L4 objected to advertising by letter
    await recordObjection(
      k,
      ids.L4!,
      { scope: 'letter', gdpr: false, receivedAt: TODAY, via: 'phone', wording: '' },
      actor,
    )
    const campaign = await k
      .insertInto('campaigns')
      .values({
        name: 'Brief-Aktion',
        state: 'running',
        filter: '{}',
        measure_id: null,
        steps: JSON.stringify([{ offsetDays: 0, channel: 'letter' }]),
        budget_cents: null,
        attribution_days: 90,
        control_share: 0,
        seed: 's',
        baseline_rate: 0.05,
        min_difference: 0.05,
        skipped: '{"notContactable":0,"noAssignee":0}',
        launched_on: TODAY,
        closed_on: null,
        created_at: actor.now,
        created_by: null,
        updated_at: actor.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    campaignId = campaign.id
    await k
      .insertInto('campaign_members')
      .values(
        ['L1', 'L2', 'L3', 'L4'].map((n, i) => ({
          campaign_id: campaign.id,
          customer_id: ids[n]!,
          arm: 'treatment' as const,
          stratum: 0,
          rank: i + 1,
          assignee_user_id: t.users.rep1,
          channel: 'letter' as const,
          expected_net_cents: 100,
          value_cents: 1000,
          probability: 0.1,
          contacted_on: null,
          added_at: actor.now,
        })),
      )
      .execute()
    manager = await t.login('manager@example.com')
  })
  afterAll(() => t.destroy())

  it('prints one letter per member the law allows, with an address; counts the rest; records each once', async () => {
    const res = await t.get(manager, `/api/campaigns/${campaignId}/steps/0/letters?format=pdf&lang=de`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('x-letters')).toBe('2')
    const leftOut = JSON.parse(res.headers.get('x-left-out')!) as Record<string, number>
    // L3 has no address, L4 objected to letters
    expect(leftOut.no_address).toBe(1)
    expect(Object.values(leftOut).reduce((a, b) => a + b, 0)).toBe(2)
    const { items } = await pdfText(Buffer.from(await res.arrayBuffer()))
    const text = items.map((i) => i.text).join('\n')
    expect(text).toContain('Wójcik Bau GmbH')
    expect(text).toContain('Sehr geehrter Herr Wójcik,')
    expect(text).toContain('Sehr geehrte Frau Weiß,')
    expect(text).toContain('jederzeit widersprechen')
    const csv = await (
      await t.get(manager, `/api/campaigns/${campaignId}/steps/0/letters?format=csv&lang=de`)
    ).text()
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('Kundennummer;Anrede;Firma;Name;Straße;PLZ;Ort;Land;Briefanrede;Betreff')
    expect(lines).toHaveLength(3)
    expect(
      lines.some((l) =>
        l.startsWith('L2;Frau;;Anna Weiß;Große Straße 5;10115;Berlin;;Sehr geehrte Frau Weiß,;'),
      ),
    ).toBe(true)
    // printed twice, recorded once; the members count as contacted; on the timeline
    const recorded = await t.db.kysely
      .selectFrom('outbound_messages')
      .select(['customer_id', 'kind'])
      .execute()
    expect(recorded).toHaveLength(2)
    const rep1 = await t.login('rep1@example.com')
    const timeline = (await (await t.get(manager, `/api/customers/${ids.L2}/timeline`)).json()) as {
      entries: TimelineEntry[]
    }
    expect(timeline.entries).toContainEqual(
      expect.objectContaining({ kind: 'message', data: expect.objectContaining({ kind: 'letter' }) }),
    )
    expect((await t.get(manager, `/api/campaigns/${campaignId}/steps/1/letters`)).status).toBe(400)
    expect((await t.get(rep1, `/api/campaigns/${campaignId}/steps/0/letters`)).status).toBe(403)
  })
})
