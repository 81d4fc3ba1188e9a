import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, TEST_NOW, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import type { AssistSettingsDto, NoteAnalysis, ReasonModelStatus } from '../../../shared/api/assist'
import type { TimelineEntry } from '../../../shared/api/worklist'
import { collectPersonData, eraseCustomer } from '../contact/data-protection'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'

const TODAY = TEST_NOW.toISOString().slice(0, 10) // Tuesday, 30 June 2026

const PRICE = [
  'Preise zu hoch',
  'zu teuer geworden',
  'Preiserhöhung war zu viel, zu teuer',
  'findet die Preise zu hoch',
]
const DELIVERY = [
  'Lieferung kam zu spät',
  'Liefertermin verpasst, Lieferung zu spät',
  'Lieferungen verspätet',
  'lange Lieferzeiten',
]
const TAILS = [
  '',
  ' Rückruf in zwei Wochen.',
  ' Katalog geschickt.',
  ' Angebot nachfassen.',
  ' Kunde verärgert.',
]

/** A fake OpenAI-compatible server: answers every chat completion and remembers what it was sent. */
async function fakeModel() {
  const received: {
    path: string
    auth: string | undefined
    body: { model: string; messages: { content: string }[] }
  }[] = []
  const server = http.createServer((req, res) => {
    let data = ''
    req.on('data', (c) => {
      data += c
    })
    req.on('end', () => {
      received.push({ path: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(data) })
      res.setHeader('content-type', 'application/json')
      res.end(
        JSON.stringify({
          choices: [{ message: { role: 'assistant', content: '- Preis zu hoch\n- Rückruf vereinbart' } }],
        }),
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    received,
    close: () => server.close(),
  }
}

/** The call assistant on both databases: learning the reasons, reading a note, the optional language model. */
describe.each(testDialects)('the call assistant on %s', (dialect) => {
  let t: TestApp
  let admin: string
  let manager: string
  let rep: string
  let model: Awaited<ReturnType<typeof fakeModel>>
  const ids: Record<string, number> = {}
  let reasons: Record<string, number>

  beforeAll(async () => {
    t = await createTestApp(dialect)
    model = await fakeModel()
    const customers = Array.from({ length: 50 }, (_, i) => ({
      customerNumber: `K${100 + i}`,
      companyName: `Kunde ${i} GmbH`,
      type: 'business' as const,
      owner: 'rep1@example.com',
    }))
    customers.push({
      customerNumber: 'MUELLER',
      companyName: 'Müller Bau GmbH',
      type: 'business',
      owner: 'rep1@example.com',
    })
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T08:00:00Z`,
      customers: customers.map((c) => ({
        ...c,
        email: `${c.customerNumber}@example.com`,
        phone: '030 1234567',
      })),
      documents: customers.map((c) => invoice(c.customerNumber, `${c.customerNumber}-1`, '2023-03-01', 500)),
    })
    await classifyCustomers({ db: t.db, asOf: TODAY })
    const k = t.db.kysely
    for (const r of await k.selectFrom('customers').select(['id', 'customer_number']).execute())
      ids[r.customer_number] = r.id
    reasons = Object.fromEntries(
      (await k.selectFrom('churn_reasons').select(['id', 'code']).execute()).map((r) => [r.code, r.id]),
    )
    // confirmed notes: stated, surveyed, from cancellations; plus what must not be learned
    const rows = []
    for (let i = 0; i < 40; i++) {
      const price = i % 2 === 0
      rows.push({
        customer_id: ids[`K${100 + i}`]!,
        reason_id: price ? reasons.price_performance! : reasons.delivery!,
        source: (['stated', 'survey', 'cancellation'] as const)[i % 3]!,
        confidence: 'high' as const,
        recorded_on: TODAY,
        note: `${(price ? PRICE : DELIVERY)[Math.floor(i / 2) % 4]}.${TAILS[i % 5]}`,
        remediation_cost_cents: null,
        created_at: `${TODAY}T08:00:00Z`,
        created_by: null,
      })
    }
    // a guess and a low-confidence record are not labels
    for (const [source, confidence] of [
      ['assumed', 'high'],
      ['stated', 'low'],
    ] as const)
      for (let i = 40; i < 45; i++)
        rows.push({
          ...rows[0]!,
          customer_id: ids[`K${100 + i}`]!,
          reason_id: reasons.quality!,
          source,
          confidence,
          note: 'Qualität mies, defekt',
        })
    await k.insertInto('customer_churn_reasons').values(rows).execute()
    admin = await t.login('admin@example.com')
    manager = await t.login('manager@example.com')
    rep = await t.login('rep1@example.com')
  })
  afterAll(async () => {
    model.close()
    await t.destroy()
  })

  const analyse = async (note: string, cookie = rep) =>
    (await (await t.send(cookie, '/api/assist/notes', { note })).json()) as NoteAnalysis

  it('says it needs confirmed notes before anything was learned', async () => {
    const a = await analyse('zu teuer')
    expect(a.reasons).toMatchObject({ state: 'untrained', suggestions: [], needed: 30 })
  })

  it('learns from confirmed notes as a job managers start, and shows them its accuracy', async () => {
    expect((await t.send(rep, '/api/assist/reason-model/train', {})).status).toBe(403)
    const started = await t.send(manager, '/api/assist/reason-model/train', {})
    expect(started.status).toBe(202)
    await t.deps.jobs.idle()
    expect((await t.get(rep, '/api/assist/reason-model')).status).toBe(403)
    const status = (await (await t.get(manager, '/api/assist/reason-model')).json()) as ReasonModelStatus
    expect(status).toMatchObject({ state: 'ready', confirmedNotes: 40, newSinceTraining: 0 })
    // quality was only assumed or uncertain: not learned
    expect(status.reasons.map((r) => r.reasonId).sort()).toEqual(
      [reasons.price_performance, reasons.delivery].sort(),
    )
    // a fold whose rest has fewer than the minimum of notes is not measured
    expect(status.accuracy!.notes).toBeGreaterThanOrEqual(20)
    expect(status.accuracy!.top1).toBeGreaterThanOrEqual(0.9)
  })

  it('reads a note: reason with its words, the Wiedervorlage, outcome, offer and competitor', async () => {
    await t.send(
      admin,
      '/api/assist/settings',
      { competitors: ['Papier-Paul'], llm: { enabled: false, baseUrl: '', model: '', tone: '' } },
      'PUT',
    )
    const a = await analyse(
      'Kunde findet uns zu teuer, kauft bei Papier-Paul. Gutschein über 50 € angeboten, Rückruf nächste Woche Dienstag.',
    )
    expect(a.language).toBe('de')
    expect(a.reasons.state).toBe('ready')
    expect(a.reasons.suggestions[0]!.reasonId).toBe(reasons.price_performance)
    expect(a.reasons.suggestions[0]!.words).toContain('teuer')
    expect(a.followup).toEqual({
      dueOn: '2026-07-07',
      dueTime: null,
      text: 'nächste Woche Dienstag',
      movedFromWeekend: false,
    })
    expect(a.outcome?.outcome).toBe('call_back')
    expect(a.offer).toEqual({ offer: 'Gutschein über 50 € angeboten', value: '50,00' })
    expect(a.competitor).toEqual({ name: 'Papier-Paul', known: true })
    expect((await analyse('Hallo')).reasons.state).toBe('no_words')
  })

  it('saves what the rep took over with the call: the reason feeds the next training, the competitor the timeline', async () => {
    const customerId = ids.K145!
    // a visit: the contact law asks nothing of it
    const res = await t.send(rep, `/api/customers/${customerId}/calls`, {
      channel: 'visit',
      reached: 'reached',
      outcome: 'call_back',
      reasonId: reasons.price_performance,
      competitor: 'Papier-Paul',
      note: 'Viel zu teuer, Preise zu hoch.',
      next: { dueOn: '07.07.2026', priority: 'normal' },
    })
    expect(res.status).toBe(201)
    const status = (await (await t.get(manager, '/api/assist/reason-model')).json()) as ReasonModelStatus
    expect(status.newSinceTraining).toBe(1)
    const timeline = (await (await t.get(rep, `/api/customers/${customerId}/timeline`)).json()) as {
      entries: TimelineEntry[]
    }
    expect(timeline.entries.find((e) => e.kind === 'call')?.data).toMatchObject({ competitor: 'Papier-Paul' })
  })

  it('keeps the language model off until an admin configures it; only admins see the settings', async () => {
    expect((await t.get(manager, '/api/assist/settings')).status).toBe(403)
    expect(await (await t.get(rep, '/api/assist/status')).json()).toEqual({ languageModel: false })
    const off = await t.send(rep, `/api/customers/${ids.MUELLER}/assist`, {
      purpose: 'summary',
      note: 'zu teuer',
    })
    expect(off.status).toBe(409)
    expect(((await off.json()) as { error: { code: string } }).error.code).toBe('assistant_off')
    const saved = await t.send(
      admin,
      '/api/assist/settings',
      {
        competitors: [],
        llm: {
          enabled: true,
          baseUrl: `${model.url}/`,
          model: 'llama3.1:8b',
          apiKey: 'sk-local',
          tone: 'freundlich, per Sie',
        },
      },
      'PUT',
    )
    const settings = (await saved.json()) as AssistSettingsDto
    expect(settings.llm).toEqual({
      enabled: true,
      baseUrl: model.url,
      model: 'llama3.1:8b',
      apiKeySet: true,
      tone: 'freundlich, per Sie',
    })
    expect(JSON.stringify(settings)).not.toContain('sk-local')
  })

  it('sends minimised data, logs what was sent, shows it in the access export and erases it', async () => {
    const customerId = ids.MUELLER!
    const res = await t.send(rep, `/api/customers/${customerId}/assist`, {
      purpose: 'summary',
      note: 'Herr Müller von Müller Bau, Tel. 0171 2345678, mueller@bau.de: zu teuer. Rückruf Dienstag.',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      text: '- Preis zu hoch\n- Rückruf vereinbart',
      model: 'llama3.1:8b',
    })
    const sent = model.received.at(-1)!
    expect(sent.path).toBe('/v1/chat/completions')
    expect(sent.auth).toBe('Bearer sk-local')
    expect(sent.body.model).toBe('llama3.1:8b')
    const text = JSON.stringify(sent.body)
    for (const secret of ['Müller', '0171', 'mueller@bau.de', 'MUELLER', '030 1234567'])
      expect(text).not.toContain(secret)
    expect(text).toContain('zu teuer')
    const draft = await t.send(rep, `/api/customers/${customerId}/assist`, {
      purpose: 'draft',
      channel: 'email',
    })
    expect(draft.status).toBe(200)
    const draftSent = JSON.stringify(model.received.at(-1)!.body)
    expect(draftSent).toContain('freundlich, per Sie')
    expect(draftSent).toContain('[Anrede]')
    for (const secret of ['Müller', 'MUELLER@example.com', '030 1234567'])
      expect(draftSent).not.toContain(secret)
    // a rep sees only their own customers
    expect(
      (
        await t.send(await t.login('rep2@example.com'), `/api/customers/${customerId}/assist`, {
          purpose: 'summary',
          note: 'x',
        })
      ).status,
    ).toBe(404)

    const actor = { userId: t.users.admin, now: `${TODAY}T12:00:00Z`, today: TODAY }
    const logged = await t.db.kysely
      .selectFrom('llm_requests')
      .selectAll()
      .where('customer_id', '=', customerId)
      .execute()
    expect(logged.map((r) => [r.purpose, r.model, r.endpoint])).toEqual([
      ['summary', 'llama3.1:8b', model.url],
      ['draft', 'llama3.1:8b', model.url],
    ])
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'assistant.sent')
      .execute()
    expect(audit.length).toBe(2)
    const data = (await collectPersonData(t.db.kysely, customerId, actor)) as unknown as {
      sections: Record<string, unknown[]>
    }
    expect(JSON.stringify(data)).toContain('languageModelRequests')
    await eraseCustomer(t.db.kysely, customerId, actor)
    expect(
      await t.db.kysely
        .selectFrom('llm_requests')
        .selectAll()
        .where('customer_id', '=', customerId)
        .execute(),
    ).toEqual([])
    // an erased person is never sent
    const count = model.received.length
    const erased = await t.send(admin, `/api/customers/${customerId}/assist`, {
      purpose: 'summary',
      note: 'x',
    })
    expect(erased.status).toBe(409)
    expect(model.received.length).toBe(count)
  })

  it('reports a model that does not answer, and logs the attempt', async () => {
    await t.send(
      admin,
      '/api/assist/settings',
      { competitors: [], llm: { enabled: true, baseUrl: 'http://127.0.0.1:9/v1', model: 'gone', tone: '' } },
      'PUT',
    )
    const res = await t.send(rep, `/api/customers/${ids.K100}/assist`, { purpose: 'next_step', note: '' })
    expect(res.status).toBe(502)
    const row = await t.db.kysely
      .selectFrom('llm_requests')
      .selectAll()
      .where('model', '=', 'gone')
      .executeTakeFirstOrThrow()
    expect(row.received).toBeNull()
    expect(row.error).toBeTruthy()
  })
})
