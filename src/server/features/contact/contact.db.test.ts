import fs from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import { importFile } from '../imports/import-file'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { refreshAllEligibility } from './eligibility'

const TODAY = '2026-06-30'

/** Persistence and HTTP of consent, objection, eligibility, suppression, access and erasure, on both databases. */
describe.each(testDialects)('contact and data protection on %s', (dialect) => {
  let t: TestApp
  let admin: string
  let manager: string
  let rep1: string
  let rep2: string
  const ids: Record<string, number> = {}
  const contactable = async (cookie: string, channel: string) => {
    const res = await t.get(cookie, `/api/customers?contactable=${channel}&pageSize=500`)
    expect(res.status).toBe(200)
    return ((await res.json()) as { items: { customerNumber: string }[] }).items
      .map((i) => i.customerNumber)
      .sort()
  }
  const decision = async (cookie: string, id: number, channel: string) => {
    const res = await t.get(cookie, `/api/customers/${id}/contact`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      decisions: { channel: string; allowed: boolean; blockers: { code: string }[] }[]
    }
    return body.decisions.find((d) => d.channel === channel)!
  }

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T10:00:00Z`,
      customers: [
        {
          customerNumber: 'B1',
          companyName: 'Müller Gastro GmbH',
          type: 'business',
          email: 'einkauf@mueller-gastro.de',
          phone: '089 123456',
          street: 'Hauptstr. 1',
          postalCode: '80331',
          city: 'München',
          owner: 'rep1@example.com',
        },
        {
          customerNumber: 'C1',
          firstName: 'Petra',
          lastName: 'Schön',
          type: 'consumer',
          email: 'Petra.Schoen@example.de',
          phone: '+49 171 2345678',
          street: 'Gartenweg 5',
          postalCode: '50667',
          city: 'Köln',
          owner: 'rep1@example.com',
        },
        {
          customerNumber: 'C2',
          firstName: 'Jens',
          lastName: 'Alt',
          type: 'consumer',
          email: 'jens.alt@example.de',
          phone: '0221 998877',
          street: 'Ringstraße 9',
          postalCode: '50667',
          city: 'Köln',
          owner: 'rep2@example.com',
        },
      ],
      documents: [
        invoice('B1', 'R1', '2024-01-10', 500),
        invoice('C1', 'R2', '2025-02-10', 70),
        invoice('C2', 'R3', '2016-03-01', 40),
        invoice('C2', 'R4', '2022-05-01', 60),
      ],
    })
    await classifyCustomers({ db: t.db, asOf: TODAY })
    await refreshAllEligibility(t.db, TODAY)
    for (const r of await t.db.kysely.selectFrom('customers').select(['id', 'customer_number']).execute())
      ids[r.customer_number] = r.id
    ;[admin, manager, rep1, rep2] = await Promise.all([
      t.login('admin@example.com'),
      t.login('manager@example.com'),
      t.login('rep1@example.com'),
      t.login('rep2@example.com'),
    ])
  })
  afterAll(() => t.destroy())

  it('without any record only letters are allowed, and the API says why not for the rest', async () => {
    expect(await contactable(admin, 'letter')).toEqual(['B1', 'C1', 'C2'])
    expect(await contactable(admin, 'email')).toEqual([])
    expect(await contactable(admin, 'phone')).toEqual([])
    const phone = await decision(admin, ids.C1!, 'phone')
    expect(phone.allowed).toBe(false)
    expect(phone.blockers.map((b) => b.code)).toContain('no_consent')
  })

  it('a double-opt-in consent allows e-mail; its text is kept only as a hash; withdrawal stops it', async () => {
    const res = await t.send(rep1, `/api/customers/${ids.C1}/consents`, {
      channel: 'email',
      grantedAt: '01.03.2026',
      source: 'form',
      textVersion: 'NL-1',
      text: 'Ja, ich möchte Angebote per E-Mail.',
      doiToken: 'tok',
      doiConfirmedAt: '2026-03-01',
      ip: '203.0.113.5',
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: number }
    const stored = await t.db.kysely
      .selectFrom('contact_consents')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(stored.granted_at).toBe('2026-03-01')
    expect(stored.text_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(stored)).not.toContain('Angebote per E-Mail')
    expect(await contactable(admin, 'email')).toEqual(['C1'])

    const withdrawn = await t.send(rep1, `/api/customers/${ids.C1}/consents/${id}/withdraw`, {})
    expect(withdrawn.status).toBe(200)
    expect(await contactable(admin, 'email')).toEqual([])
    expect((await decision(admin, ids.C1!, 'email')).blockers.map((b) => b.code)).toContain(
      'consent_withdrawn',
    )
    // a second withdrawal finds nothing granted
    expect((await t.send(rep1, `/api/customers/${ids.C1}/consents/${id}/withdraw`, {})).status).toBe(404)
  })

  it('refuses consents dated in the future, reps on other reps’ customers, and facts from reps', async () => {
    const future = await t.send(rep1, `/api/customers/${ids.C1}/consents`, {
      channel: 'phone',
      grantedAt: '2027-01-01',
      source: 'call',
    })
    expect(future.status).toBe(400)
    expect(((await future.json()) as { error: { message: string } }).error.message).toContain('grantedAt')
    const notTheirs = await t.send(rep2, `/api/customers/${ids.C1}/consents`, {
      channel: 'phone',
      grantedAt: '2026-01-01',
      source: 'call',
    })
    expect(notTheirs.status).toBe(404)
    expect((await t.get(rep2, `/api/customers/${ids.C1}/contact`)).status).toBe(404)
    expect(
      (await t.send(rep1, `/api/customers/${ids.B1}/contact-facts`, { emailOrigin: 'R1' }, 'PUT')).status,
    ).toBe(403)
  })

  it('documented grounds allow calling a business; the e-mail of a sale with notice allows existing-customer mail', async () => {
    const res = await t.send(
      manager,
      `/api/customers/${ids.B1}/contact-facts`,
      {
        presumedConsentText: 'Einkäufer bat um Rückruf zu Saisonware',
        presumedConsentReviewer: 'Vertriebsleitung',
        presumedConsentOn: '2026-05-02',
        emailOrigin: 'R1',
        optOutNoticeVersion: 'Hinweis-1',
      },
      'PUT',
    )
    expect(res.status).toBe(200)
    expect(await contactable(admin, 'phone')).toEqual(['B1'])
    expect(await contactable(admin, 'email')).toEqual(['B1'])
    const overview = (await (await t.get(admin, `/api/customers/${ids.B1}/contact`)).json()) as {
      facts: { presumedConsentOn: string }
      decisions: { channel: string; basis: { basis: string } | null }[]
    }
    expect(overview.facts.presumedConsentOn).toBe('2026-05-02')
    expect(overview.decisions.find((d) => d.channel === 'email')!.basis!.basis).toBe('existing_customer')
  })

  it('the call list holds only the customers who may be called, and logs a decision for every one', async () => {
    const res = await t.get(manager, '/api/contact/call-list')
    expect(res.status).toBe(200)
    expect(res.headers.get('x-winback-included')).toBe('1')
    expect(res.headers.get('x-winback-excluded')).toBe('2')
    const csv = await res.text()
    expect(csv).toContain('B1;Müller Gastro GmbH')
    expect(csv).toContain('089 123456')
    expect(csv).not.toContain('C1')
    const logged = await t.db.kysely
      .selectFrom('contact_decisions')
      .select(['customer_id', 'allowed', 'context'])
      .where('context', '=', 'call_list_export')
      .execute()
    expect(logged).toHaveLength(3)
    expect(logged.filter((d) => d.allowed === 1).map((d) => d.customer_id)).toEqual([ids.B1])
  })

  it('an objection takes the customer out of every contactable list and suppresses the person', async () => {
    const res = await t.send(rep1, `/api/customers/${ids.B1}/objections`, {
      scope: 'all',
      gdpr: true,
      receivedAt: TODAY,
      via: 'letter',
      wording: 'Keine Werbung mehr.',
    })
    expect(res.status).toBe(201)
    for (const channel of ['email', 'phone', 'letter', 'sms'])
      expect(await contactable(admin, channel), channel).not.toContain('B1')
    expect((await decision(admin, ids.B1!, 'letter')).blockers.map((b) => b.code)).toContain('gdpr_objection')
    const suppression = await t.db.kysely.selectFrom('suppression_list').selectAll().execute()
    expect(suppression.map((s) => s.kind).sort()).toEqual(['email', 'phone', 'postal'])
    expect(JSON.stringify(suppression)).not.toContain('mueller-gastro')
  })

  it('imports consents and objections from CSV all or nothing, idempotently; a shop flag is no consent', async () => {
    const send = (form: FormData) =>
      t.app.request('/api/contact/import', {
        method: 'POST',
        body: form,
        headers: { cookie: manager, origin: 'http://localhost' },
      })
    const upload = async (text: string, name = 'einwilligungen.csv') => {
      const form = new FormData()
      form.append('file', new File([new Uint8Array(iconv.encode(text, 'win1252'))], name))
      return t.app.request('/api/contact/import', {
        method: 'POST',
        body: form,
        headers: { cookie: manager, origin: 'http://localhost' },
      })
    }
    const bad = await upload(
      'Kundennummer;Kanal;Datum;Quelle\nC2;Telefon;31.02.2026;Anruf\nX9;E-Mail;01.01.2026;Formular\n',
    )
    expect(bad.status).toBe(422)
    const problems = (
      (await bad.json()) as { error: { details: { line: number; code: string; column: string }[] } }
    ).error.details
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 2, code: 'invalid_date', column: 'Datum' }),
        expect.objectContaining({ line: 3, code: 'unknown_customer' }),
      ]),
    )
    expect(
      await t.db.kysely
        .selectFrom('contact_consents')
        .select('id')
        .where('customer_id', '=', ids.C2!)
        .execute(),
    ).toEqual([])

    const good =
      'Kundennummer;Art;Kanal;Datum;Quelle;Über\nC2;Einwilligung;Telefon;12.04.2026;Anruf;\nC1;Widerspruch;Brief;01.06.2026;;Brief\n'
    const ok = await upload(good)
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ consents: 1, objections: 1, unchanged: 0 })
    const again = await upload(good)
    expect(await again.json()).toEqual({ consents: 0, objections: 0, unchanged: 2 })
    expect(await contactable(admin, 'letter')).toEqual(['C2'])

    const shop = await upload(
      'Email,Accepts Email Marketing\njens.alt@example.de,yes\n',
      'shopify-customers.csv',
    )
    expect(shop.status).toBe(200)
    expect((await decision(admin, ids.C2!, 'email')).blockers.map((b) => b.code)).toContain(
      'consent_only_shop_flag',
    )
    expect((await upload('Kundennummer;Kanal\nC2;Telefon\n')).status).toBe(422)

    // the file is received onto disk (never held as a parsed form) and removed once read
    const uploads = path.join(t.deps.config.dataDir, 'uploads')
    expect(fs.readdirSync(uploads)).toEqual([])
    const noFile = new FormData()
    noFile.append('note', 'no file')
    const missing = await send(noFile)
    expect(missing.status).toBe(400)
    expect(JSON.stringify(await missing.json())).toContain('file')
    const empty = new FormData()
    empty.append('file', new File([], 'leer.csv'))
    expect((await send(empty)).status).toBe(422)
    const tooLarge = new FormData()
    tooLarge.append('file', new File([new Uint8Array(64 * 1024 * 1024 + 1)], 'riesig.csv'))
    const refused = await send(tooLarge)
    expect(refused.status).toBe(413)
    expect(fs.readdirSync(uploads)).toEqual([])
  })

  it('the company jurisdiction is a setting: admins change it, every customer is checked again', async () => {
    expect(
      (
        await t.send(
          manager,
          '/api/contact/settings',
          { jurisdiction: 'AT', consentRenewalMonths: 12 },
          'PUT',
        )
      ).status,
    ).toBe(403)
    expect(
      (
        await t.send(
          admin,
          '/api/contact/settings',
          { jurisdiction: 'XX', consentRenewalMonths: null },
          'PUT',
        )
      ).status,
    ).toBe(400)
    const res = await t.send(
      admin,
      '/api/contact/settings',
      { jurisdiction: 'at', consentRenewalMonths: 12 },
      'PUT',
    )
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      jurisdiction: string
      consentRenewalMonths: number
      jobId: string
      profiles: { id: string }[]
    }
    expect(body).toMatchObject({ jurisdiction: 'AT', consentRenewalMonths: 12 })
    expect(body.profiles.map((p) => p.id).sort()).toEqual(['AT', 'DE'])
    expect((await t.deps.jobs.get(Number(body.jobId)))?.status).toBe('queued')
    await t.deps.jobs.idle()
    expect((await t.deps.jobs.get(Number(body.jobId)))?.status).toBe('succeeded')
    const rows = await t.db.kysely.selectFrom('contact_eligibility').select('as_of').distinct().execute()
    expect(rows).toHaveLength(1)
    expect(
      (await (await t.get(manager, '/api/contact/settings')).json()) as { jurisdiction: string },
    ).toMatchObject({
      jurisdiction: 'AT',
    })
    const overview = (await (await t.get(admin, `/api/customers/${ids.C1}/contact`)).json()) as {
      jurisdiction: string
    }
    expect(overview.jurisdiction).toBe('AT')
    await t.send(admin, '/api/contact/settings', { jurisdiction: 'DE', consentRenewalMonths: null }, 'PUT')
    await t.deps.jobs.idle()
  })

  it('an admin exports everything about a person as JSON and PDF; others may not', async () => {
    expect((await t.get(manager, `/api/customers/${ids.C1}/data-export`)).status).toBe(403)
    const res = await t.get(admin, `/api/customers/${ids.C1}/data-export`)
    expect(res.status).toBe(200)
    const data = (await res.json()) as {
      customer: { customer_number: string }
      consents: unknown[]
      documents: unknown[]
    }
    expect(data.customer.customer_number).toBe('C1')
    expect(data.consents).toHaveLength(1)
    expect(data.documents).toHaveLength(1)
    const pdf = await t.get(admin, `/api/customers/${ids.C1}/data-export?format=pdf`)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const bytes = Buffer.from(await pdf.arrayBuffer())
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(bytes.length).toBeGreaterThan(2000)
  })

  it('erasure removes marketing data, keeps invoices within 8 years, and a re-import of the person is refused', async () => {
    expect((await t.send(manager, `/api/customers/${ids.C2}/erase`, { confirm: 'C2' })).status).toBe(403)
    expect((await t.send(admin, `/api/customers/${ids.C2}/erase`, { confirm: 'C1' })).status).toBe(400)
    const res = await t.send(admin, `/api/customers/${ids.C2}/erase`, { confirm: 'C2' })
    expect(res.status).toBe(200)
    const result = (await res.json()) as {
      kept: { what: string; count: number; until: string }[]
      removed: Record<string, number>
    }
    // R3 of 2016 is past its 8 years (31.12.2024); R4 of 2022 is kept until 31.12.2030
    expect(result.kept).toEqual(
      expect.arrayContaining([expect.objectContaining({ what: 'invoices', count: 1, until: '2030-12-31' })]),
    )
    expect(result.removed.documents).toBe(1)
    const row = await t.db.kysely
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', ids.C2!)
      .executeTakeFirstOrThrow()
    expect(row.email).toBeNull()
    expect(row.phone).toBeNull()
    expect(row.erased_at).not.toBeNull()
    expect(row.last_name).toBe('Alt')
    expect(
      await t.db.kysely
        .selectFrom('contact_consents')
        .select('id')
        .where('customer_id', '=', ids.C2!)
        .execute(),
    ).toEqual([])
    expect((await t.get(admin, '/api/customers?pageSize=500')).status).toBe(200)
    expect(await contactable(admin, 'letter')).toEqual([])
    expect((await t.send(admin, `/api/customers/${ids.C2}/erase`, { confirm: 'C2' })).status).toBe(409)

    // the same person under a new customer number, by e-mail, and the old number, with a new order each
    const csv = [
      'Kundennummer;Vorname;Nachname;E-Mail;Rechnungsnummer;Datum;Netto',
      'N7;Jens;Alt;JENS.ALT@example.de;R90;01.06.2026;50,00',
      'C2;Jens;Alt;;R91;02.06.2026;30,00',
      'N8;Eva;Neu;eva@example.de;R92;03.06.2026;20,00',
    ].join('\r\n')
    const outcome = await importFile({
      db: t.db,
      fileName: 'rueckkehr.csv',
      bytes: new TextEncoder().encode(csv),
      format: 'generic',
      kind: 'orders',
      skipInvalid: false,
      asOf: TODAY,
      userId: null,
      clock: () => new Date(`${TODAY}T12:00:00Z`),
    })
    expect(outcome.status).toBe('succeeded')
    const suppressed = outcome.issues.filter((i) => i.code === 'suppressed')
    expect(suppressed.map((i) => [i.value, i.line]).sort()).toEqual([
      ['C2', 3],
      ['N7', 2],
    ])
    expect(outcome.customersCreated).toBe(1)
    expect(outcome.documentsCreated).toBe(1)
    const numbers = (await t.db.kysely.selectFrom('customers').select('customer_number').execute()).map(
      (r) => r.customer_number,
    )
    expect(numbers).not.toContain('N7')
    expect(numbers).toContain('N8')

    const log = (await (await t.get(admin, '/api/audit?pageSize=200')).json()) as {
      items: { action: string }[]
    }
    expect(log.items.map((i) => i.action)).toEqual(
      expect.arrayContaining([
        'consent.recorded',
        'consent.withdrawn',
        'contact_facts.updated',
        'objection.recorded',
        'consent.imported',
        'person.exported',
        'person.erased',
        'suppression.matched',
      ]),
    )
    expect((await t.get(manager, '/api/audit')).status).toBe(403)
  })
})
