import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { writeImport } from '../imports/write-import'
import { revokeSurveys, surveyLink } from './survey.service'

const TODAY = '2026-06-30'

/** "Warum sind Sie gegangen?" on both databases: the page, the answer, and what it records. */
describe.each(testDialects)('the survey page on %s', (dialect) => {
  let t: TestApp
  const ids: Record<string, number> = {}
  let reasons: Record<string, number>
  const link = async (customer: string) =>
    new URL(
      await surveyLink(t.db.kysely, t.deps.config, {
        customerId: ids[customer]!,
        campaignId: null,
        language: customer === 'EN' ? 'en' : 'de',
        now: `${TODAY}T08:00:00Z`,
      }),
    ).pathname
  const post = (path: string, form: Record<string, string | string[]>) => {
    const body = new URLSearchParams()
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x)
    return t.app.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  }

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T08:00:00Z`,
      customers: [
        {
          customerNumber: 'DE',
          type: 'consumer',
          firstName: 'Gerda',
          lastName: 'Geheimname',
          owner: 'rep1@example.com',
        },
        { customerNumber: 'EN', type: 'consumer', firstName: 'Olga', lastName: 'Objects' },
      ],
      documents: [],
    })
    for (const r of await t.db.kysely.selectFrom('customers').select(['id', 'customer_number']).execute())
      ids[r.customer_number] = r.id
    reasons = Object.fromEntries(
      (await t.db.kysely.selectFrom('churn_reasons').select(['id', 'code']).execute()).map((r) => [
        r.code,
        r.id,
      ]),
    )
  })
  afterAll(() => t.destroy())

  it('shows the company and the reasons, nothing about the person, and takes the answer once', async () => {
    const path = await link('DE')
    expect(path).toMatch(/^\/s\/[A-Za-z0-9_-]{32}$/)
    // the same link however often it is made (a letter printed twice)
    expect(await link('DE')).toBe(path)
    const form = await t.app.request(path)
    expect(form.status).toBe(200)
    const html = await form.text()
    expect(html).toContain('Warum sind Sie gegangen?')
    expect(html).toContain('Qualität')
    expect(html).not.toContain('Geheimname')
    expect(html).not.toContain('<script')
    const res = await post(path, {
      reason: [String(reasons.quality), String(reasons.delivery), '999999'],
      text: 'Die Ware kam <b>zweimal</b> zu spät.',
      offer: 'yes',
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Vielen Dank!')
    const stated = await t.db.kysely
      .selectFrom('customer_churn_reasons')
      .select(['reason_id', 'source', 'confidence', 'note'])
      .where('customer_id', '=', ids.DE!)
      .orderBy('reason_id')
      .execute()
    expect(stated).toEqual(
      [reasons.quality, reasons.delivery]
        .sort((a, b) => a! - b!)
        .map((id) => ({
          reason_id: id,
          source: 'survey',
          confidence: 'high',
          note: 'Die Ware kam <b>zweimal</b> zu spät.',
        })),
    )
    // an offer is welcome: the owner calls tomorrow
    const followups = await t.db.kysely
      .selectFrom('followups')
      .select(['assignee_user_id', 'source', 'due_on', 'priority'])
      .execute()
    expect(followups).toEqual([
      { assignee_user_id: t.users.rep1, source: 'survey', due_on: '2026-07-01', priority: 'high' },
    ])
    // once
    expect(await (await post(path, { reason: String(reasons.quality) })).text()).toContain(
      'schon beantwortet',
    )
    expect(await t.db.kysely.selectFrom('customer_churn_reasons').select('id').execute()).toHaveLength(2)
  })

  it('records an objection to all advertising, in English for an English invitation; a revoked link ends', async () => {
    const path = await link('EN')
    expect(await (await t.app.request(path)).text()).toContain('Why did you leave?')
    await post(path, { objection: 'yes', offer: 'yes' })
    const objections = await t.db.kysely
      .selectFrom('contact_objections')
      .select(['customer_id', 'scope', 'via'])
      .execute()
    expect(objections).toEqual([{ customer_id: ids.EN, scope: 'all', via: 'form' }])
    // objecting wins over "an offer is welcome": no Wiedervorlage
    expect(
      await t.db.kysely.selectFrom('followups').select('id').where('customer_id', '=', ids.EN!).execute(),
    ).toEqual([])
    await revokeSurveys(t.db.kysely, ids.DE!, `${TODAY}T09:00:00Z`)
    expect((await t.app.request(await link('DE'))).status).toBe(404)
    expect((await t.app.request('/s/not-a-token-of-ours-at-all-xx')).status).toBe(404)
  })
})
