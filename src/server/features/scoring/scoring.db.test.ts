import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import type { Database } from '../../db/schema'
import { rescore, scheduleNightlyClassification } from '../../jobs/nightly'
import { addDays, type IsoDate, toEpochDay } from '../../lib/dates'
import { createLogger } from '../../logger'
import { deriveQueued, queueDerivation } from '../imports/derived-data'
import type { CustomerRecord, DocumentRecord } from '../imports/records'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { classificationDay } from '../lifecycle/lifecycle.repository'
import { loadLedgers } from './load-ledgers'
import { predictWithFit, type SpendModel } from './score'
import { copyStatusToScores, currentScoringRound } from './scores.repository'

/** A deterministic pseudo-random source (LCG), so both dialects see the same base. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state / 2_147_483_648
  }
}

/**
 * 600 customers who buy at their own Poisson rate and drop out at their own rate (the Pareto/NBD
 * story), first purchases spread over 2023–2025, observed until 2026-06-30.
 */
function syntheticBase(): { customers: CustomerRecord[]; documents: DocumentRecord[] } {
  const next = random(42)
  const customers: CustomerRecord[] = []
  const documents: DocumentRecord[] = []
  const end = Date.parse('2026-06-30')
  for (let i = 1; i <= 600; i++) {
    const customerNumber = `S${String(i).padStart(4, '0')}`
    customers.push({
      customerNumber,
      companyName: `Testkunde ${i} GmbH`,
      type: 'business',
      segment: i % 2 ? 'Handel' : 'Gastronomie',
      ...(i % 3 === 0 ? { owner: 'rep1@example.com' } : {}),
    })
    const ratePerDay = (0.2 + 2 * next()) / 30
    const lifetimeDays = -Math.log(1 - next()) * 400
    let day = Date.parse('2023-01-01') + Math.floor(next() * 900) * 86_400_000
    const death = day + lifetimeDays * 86_400_000
    let n = 0
    while (day <= end && day <= death) {
      n++
      documents.push({
        customerNumber,
        externalKey: `invoice:${customerNumber}-${n}`,
        kind: 'invoice',
        number: `${customerNumber}-${n}`,
        referenceNumber: null,
        date: new Date(day).toISOString().slice(0, 10),
        netCents: Math.round(5000 + next() * 20000),
        grossCents: null,
        marginCents: null,
        currency: 'EUR',
        status: null,
        countsAsPurchase: true,
        quantity: null,
        line: 0,
      })
      day += Math.max(1, Math.round(-Math.log(1 - next()) / ratePerDay)) * 86_400_000
    }
  }
  return { customers, documents }
}

describe.each(testDialects)('scoring over HTTP on %s', (dialect) => {
  let t: TestApp
  let manager: string
  let rep1: string
  const post = (cookie: string, body: unknown) =>
    t.app.request('/api/scoring/runs', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  /** the scoring round a run counted up to before it read */
  const roundOf = async (runId: number) =>
    (
      await t.db.kysely
        .selectFrom('model_runs')
        .select('scoring_round')
        .where('id', '=', runId)
        .executeTakeFirstOrThrow()
    ).scoring_round!
  const get = async (cookie: string, path: string) => {
    const response = await t.app.request(`/api/${path}`, { headers: { cookie } })
    expect(response.status).toBe(200)
    return response.json()
  }

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: '2026-06-30T10:00:00Z',
      ...syntheticBase(),
    })
    await classifyCustomers({ db: t.db, asOf: '2026-06-30' })
    manager = await t.login('manager@example.com')
    rep1 = await t.login('rep1@example.com')
  })
  afterAll(() => t.destroy())

  it('has no run before the first; only managers see the model and start a run', async () => {
    expect(await get(manager, 'scoring/latest')).toEqual({ run: null })
    // the model's technical figures are for managers: a rep sees the scores on the customers
    expect((await t.app.request('/api/scoring/latest', { headers: { cookie: rep1 } })).status).toBe(403)
    expect((await post(rep1, { model: 'auto' })).status).toBe(403)
    const badDate = await post(manager, { calibrationEnd: '31.02.2025' })
    expect(badDate.status).toBe(400)
    expect(await badDate.json()).toMatchObject({ error: { code: 'validation_failed' } })
    expect((await post(manager, { holdoutEnd: '2026-06-30' })).status).toBe(400)
    expect((await post(manager, { model: 'gamma' })).status).toBe(400)
    expect((await post(manager, { calibrationEnd: '2026-07-01' })).status).toBe(400)
    // BG/BB counts periods, the other models time units
    const weeksOfBgBb = await post(manager, { model: 'bgbb', timeUnit: 'week' })
    expect(weeksOfBgBb.status).toBe(400)
    expect(await weeksOfBgBb.json()).toMatchObject({
      error: { message: expect.stringContaining('month, quarter or year') },
    })
    expect((await post(manager, { model: 'pnbd', timeUnit: 'year' })).status).toBe(400)
  })

  it('fits with a holdout in the background, stores the run and scores every buyer', async () => {
    const started = await post(manager, { calibrationEnd: '30.06.2025', holdoutEnd: '2026-06-30' })
    expect(started.status).toBe(202)
    const { jobId } = await started.json()
    await t.deps.jobs.idle()
    expect(await get(manager, `jobs/${jobId}`)).toMatchObject({ job: { status: 'succeeded' } })
    const { run } = await get(manager, 'scoring/latest')
    expect(run).toMatchObject({
      chosenBy: 'holdout',
      calibrationEnd: '2025-06-30',
      holdoutEnd: '2026-06-30',
      asOf: '2026-06-30',
      timeUnit: 'week',
      customers: 600,
    })
    expect(run.candidates.map((c: { model: string }) => c.model).sort()).toEqual(['bgnbd', 'mbgnbd', 'pnbd'])
    for (const candidate of run.candidates) expect(candidate.holdout.meanAbsoluteError).toBeGreaterThan(0)
    // the chosen model forecast the holdout year within a third of what happened
    expect(
      Math.abs(run.holdout.predictedTotal - run.holdout.actualTotal) / run.holdout.actualTotal,
    ).toBeLessThan(1 / 3)
    expect(run.holdout.tracking.at(-1).holdout).toBe(true)
    expect(run.heatmap.pAlive.length).toBe(run.heatmap.frequencies.length)
    const scores = await t.db.kysely
      .selectFrom('customer_scores')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(scores.n)).toBe(600)
  })

  it('scores by quarter with BG/BB where purchases are periods, with its holdout and heat map', async () => {
    const started = await post(manager, {
      model: 'bgbb',
      timeUnit: 'quarter',
      calibrationEnd: '2025-06-30',
      holdoutEnd: '30.06.2026',
    })
    expect(started.status).toBe(202)
    await t.deps.jobs.idle()
    const { run } = await get(manager, 'scoring/latest')
    expect(run).toMatchObject({ model: 'bgbb', timeUnit: 'quarter', chosenBy: 'requested', customers: 600 })
    expect(Object.keys(run.params)).toEqual(['alpha', 'beta', 'gamma', 'delta'])
    expect(run.holdout.length).toBe(4)
    expect(run.candidates[0].holdout.logLikelihood).toBeLessThan(0)
    // periods: x purchases in n quarters, the last in quarter t_x, so x ≤ t_x ≤ n
    expect(run.heatmap.frequencies).toEqual(run.heatmap.recencies)
    expect(run.heatmap.pAlive[1][0]).toBe(-1)
    expect(run.heatmap.pAlive[1][1]).toBeGreaterThan(0)
    const detail = await get(manager, 'customers?sort=clv&dir=desc&pageSize=1')
    const customer = await get(manager, `customers/${detail.items[0].id}`)
    expect(customer.score).toMatchObject({ model: 'bgbb', timeUnit: 'quarter' })
  })

  it('lists and sorts customers by P(alive) and CLV, and shows the score on the customer page', async () => {
    // the week-based run again, as the tests after this one expect
    await post(manager, { calibrationEnd: '30.06.2025', holdoutEnd: '2026-06-30' })
    await t.deps.jobs.idle()
    const byAlive = await get(manager, 'customers?sort=pAlive&dir=desc&pageSize=500')
    expect(byAlive.total).toBe(600)
    const alive: number[] = byAlive.items.map((c: { pAlive: number }) => c.pAlive)
    expect(alive).toHaveLength(500)
    expect(alive.every((p) => p >= 0 && p <= 1)).toBe(true)
    expect([...alive].sort((a, b) => b - a)).toEqual(alive)
    const byClv = await get(manager, 'customers?sort=clv&dir=desc&pageSize=5')
    const top = byClv.items[0]
    expect(top.clvCents).toBeGreaterThan(byClv.items[4].clvCents)
    const detail = await get(manager, `customers/${top.id}`)
    expect(detail.score).toMatchObject({ asOf: '2026-06-30', clvCents: top.clvCents, pAlive: top.pAlive })
    expect(detail.score.expectedPurchases).toBeGreaterThan(0)
    // reps see only their own customers' scores
    const own = await get(rep1, 'customers?sort=clv&dir=desc&pageSize=500')
    expect(own.total).toBe(200)
    // one status by value (read from the copy on the status rows): the same order as the scores
    for (const status of ['lost', 'active']) {
      const list = await get(manager, `customers?status=${status}&sort=clv&dir=desc&pageSize=500`)
      expect(list.items.length).toBeGreaterThan(0)
      expect(list.items.every((c: { status: string }) => c.status === status)).toBe(true)
      const values: number[] = list.items.map((c: { clvCents: number }) => c.clvCents)
      expect([...values].sort((a, b) => b - a)).toEqual(values)
    }
  })

  it('updates nightly: only the customers whose purchases changed are predicted again, with the fit, as of the new day', async () => {
    const today: IsoDate = addDays('2026-06-30', 1)
    const fit = (await get(manager, 'scoring/latest')).run
    expect(fit).toMatchObject({ chosenBy: 'holdout', predicted: null, fittedAsOf: '2026-06-30' })
    const before = new Map(
      (await t.db.kysely.selectFrom('customer_scores').selectAll().execute()).map((r) => [r.customer_id, r]),
    )
    // twelve customers buy on the new day (imported during it; the night derives them)
    const buyers = Array.from({ length: 12 }, (_, i) => `S${String(i * 7 + 1).padStart(4, '0')}`)
    const seed = syntheticBase()
    await writeImport({
      db: t.db,
      fileName: 'day',
      source: 'seed',
      importRunId: null,
      now: `${today}T10:00:00Z`,
      customers: seed.customers.filter((c) => buyers.includes(c.customerNumber)),
      documents: buyers.map((customerNumber) => ({
        ...seed.documents[0]!,
        customerNumber,
        externalKey: `invoice:${customerNumber}-july`,
        number: `${customerNumber}-july`,
        date: today,
      })),
    })
    // as an import does: the customers it changed are derived again (the night does it first)
    const buyerIds = (
      await t.db.kysely.selectFrom('customers').select('id').where('customer_number', 'in', buyers).execute()
    ).map((r) => r.id)
    await queueDerivation(t.db.kysely, buyerIds, today, `${today}T10:00:00Z`)
    const nightly = scheduleNightlyClassification({
      db: t.db,
      jobs: t.deps.jobs,
      logger: createLogger('silent'),
      today: () => today,
    })
    try {
      await new Promise((resolve) => setTimeout(resolve, 50))
      await t.deps.jobs.idle()
    } finally {
      nightly.stop()
    }
    expect(await classificationDay(t.db.kysely)).toBe(today)
    // a month's end: many customers were due for classification, most without buying
    const classifiedToday = await t.db.kysely
      .selectFrom('customer_status')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('as_of', '=', today)
      .executeTakeFirstOrThrow()
    expect(Number(classifiedToday.n)).toBeGreaterThan(buyers.length + 10)
    const { run } = await get(manager, 'scoring/latest')
    // the fit of the day before, as it was: its dates, choice, parameters and spend model
    expect(run).toMatchObject({
      asOf: today,
      fittedAsOf: '2026-06-30',
      calibrationEnd: fit.calibrationEnd,
      holdoutEnd: fit.holdoutEnd,
      chosenBy: 'holdout',
      model: fit.model,
      params: fit.params,
      spend: fit.spend,
      customers: 600,
    })
    // the customers whose purchases changed (the buyers), and no others
    const repredicted = new Set(
      (
        await t.db.kysely
          .selectFrom('customer_status')
          .select('customer_id')
          .where('scoring_round', '>=', await roundOf(fit.id))
          .execute()
      ).map((r) => r.customer_id),
    )
    expect([...repredicted].sort((a, b) => a - b)).toEqual(buyerIds.sort((a, b) => a - b))
    expect(run.predicted).toBe(12)
    const after = await t.db.kysely.selectFrom('customer_scores').selectAll().execute()
    expect(after).toHaveLength(600)
    const runIds = await t.db.kysely.selectFrom('model_runs').select('id').orderBy('id', 'desc').execute()
    for (const r of after) {
      const old = before.get(r.customer_id)!
      if (!repredicted.has(r.customer_id)) {
        // not predicted again: the row of the run that predicted it, as it was (but for the copy
        // of a status the night changed: checked below)
        expect({ ...r, status: old.status }).toEqual(old)
        continue
      }
      expect(r.run_id).toBe(runIds[0]!.id)
      // their P(alive) of the run before is kept beside the new one, for the early warning
      expect(r.previous_p_alive).toBe(old.p_alive)
      // a day later with the same fit: one day more observed, and the purchase of the day
      expect(r.x).toBe(old.x + 1)
      expect(r.t).toBeCloseTo(old.t + 1 / 7, 9)
      expect(r.days_since_last).toBe(0)
    }
    // exactly what the fit predicts for them from every customer's ledger as of the day (a whole
    // prediction, not the update's reading of the buyers' ledgers only)
    const { packed } = await loadLedgers(t.db, today)
    const fitRow = await t.db.kysely
      .selectFrom('model_runs')
      .selectAll()
      .where('id', '=', fit.id)
      .executeTakeFirstOrThrow()
    const whole = predictWithFit(
      packed.customers,
      { model: fit.model, params: fit.params, spend: JSON.parse(fitRow.spend) as SpendModel },
      {
        unit: fit.timeUnit,
        calibrationEnd: toEpochDay(today),
        model: fit.model,
        horizon: fitRow.horizon,
        clvMonths: fitRow.clv_months,
        monthlyDiscountRate: Number(fitRow.monthly_discount_rate),
        wonBackMonths: fitRow.won_back_months,
      },
    )
    const rowOf = new Map(after.map((r) => [r.customer_id, r]))
    let compared = 0
    for (let i = 0; i < whole.customerCount; i++) {
      const c = whole.customerAt(i)
      const row = rowOf.get(Number(c.id))!
      if (!repredicted.has(row.customer_id)) continue
      compared++
      expect(row.p_alive).toBe(c.pAlive)
      expect(Number(row.clv_cents)).toBe(Math.round(c.clvCents))
      expect(Number(row.won_back_value_cents)).toBe(Math.round(c.wonBackValueCents))
      expect(row.expected_purchases).toBe(c.expectedPurchases)
    }
    expect(compared).toBe(repredicted.size)
    // the customer page shows the day each score was predicted as of
    const unchanged = after.find((r) => !repredicted.has(r.customer_id))!
    const changed = after.find((r) => repredicted.has(r.customer_id))!
    expect((await get(manager, `customers/${unchanged.customer_id}`)).score.asOf).toBe('2026-06-30')
    expect((await get(manager, `customers/${changed.customer_id}`)).score.asOf).toBe(today)
    // the lists' indexes are all there (SQLite; a whole run sets them aside while it writes)
    if (dialect === 'sqlite') {
      const { rows } = await sql<{ name: string }>`
        select name from sqlite_master where type = 'index' and tbl_name = 'customer_scores' and sql is not null
        order by name`.execute(t.db.kysely)
      expect(rows.map((r) => r.name)).toEqual([
        'customer_scores_clv',
        'customer_scores_p_alive',
        'customer_scores_status_clv',
        'customer_scores_status_p_alive',
      ])
    }
    // every score row carries its customer's status (the list's orders of a status by value), also
    // after a classification that changes statuses (it copies them onto the scores it touches)
    const copies = async () => {
      const rows = await t.db.kysely
        .selectFrom('customer_scores as sc')
        .leftJoin('customer_status as cs', 'cs.customer_id', 'sc.customer_id')
        .select(['sc.customer_id', 'sc.status as copied', 'cs.status'])
        .execute()
      expect(rows).toHaveLength(600)
      for (const r of rows) expect(r.copied).toBe(r.status)
      return new Map(rows.map((r) => [r.customer_id, r.status]))
    }
    const statusesToday = await copies()
    await classifyCustomers({ db: t.db, asOf: addDays(today, 400), dueOnly: true })
    const later = await copies()
    expect([...later].filter(([id, status]) => statusesToday.get(id) !== status).length).toBeGreaterThan(10)
    await classifyCustomers({ db: t.db, asOf: today })
    expect(await copies()).toEqual(statusesToday)
  })

  it('fits again, with the same holdout length and the kept model, when too many customers changed', async () => {
    const today: IsoDate = addDays('2026-06-30', 2)
    const chosenBefore = (await get(manager, 'scoring/latest')).run.model
    const before = new Map(
      (await t.db.kysely.selectFrom('customer_scores').select(['customer_id', 'p_alive']).execute()).map(
        (r) => [r.customer_id, Number(r.p_alive)],
      ),
    )
    // a third of the customers buy (an update may stand in for a quarter at most)
    const seed = syntheticBase()
    const buyers = seed.customers.filter((_, i) => i % 3 === 0)
    await writeImport({
      db: t.db,
      fileName: 'many',
      source: 'seed',
      importRunId: null,
      now: `${today}T10:00:00Z`,
      customers: buyers,
      documents: buyers.map(({ customerNumber }) => ({
        ...seed.documents[0]!,
        customerNumber,
        externalKey: `invoice:${customerNumber}-many`,
        number: `${customerNumber}-many`,
        date: today,
      })),
    })
    const buyerIds = (
      await t.db.kysely
        .selectFrom('customers')
        .select('id')
        .where(
          'customer_number',
          'in',
          buyers.map((b) => b.customerNumber),
        )
        .execute()
    ).map((r) => r.id)
    await queueDerivation(t.db.kysely, buyerIds, today, `${today}T10:00:00Z`)
    await deriveQueued({ db: t.db })
    await rescore({ db: t.db, logger: createLogger('silent'), clock: () => new Date() }, today, () => {})
    const { run } = await get(manager, 'scoring/latest')
    expect(run).toMatchObject({
      asOf: today,
      fittedAsOf: today,
      predicted: null,
      calibrationEnd: addDays(today, -365),
      holdoutEnd: today,
    })
    // the model the comparison two days before chose is fitted again, not compared again
    expect(run).toMatchObject({ chosenBy: 'kept', model: chosenBefore })
    expect(run.candidates.map((c: { model: string }) => c.model)).toEqual([chosenBefore])
    // every customer's P(alive) of the run before is kept beside the new one
    const after = await t.db.kysely
      .selectFrom('customer_scores')
      .select(['customer_id', 'previous_p_alive'])
      .execute()
    expect(after).toHaveLength(before.size)
    for (const r of after) expect(r.previous_p_alive).toBe(before.get(r.customer_id))
  })

  it('compares the models again a week after the last comparison, starting every candidate from it', async () => {
    // eight days after the last fit (two days after the comparison before it)
    const week = addDays('2026-06-30', 10)
    await rescore({ db: t.db, logger: createLogger('silent'), clock: () => new Date() }, week, () => {})
    const { run } = await get(manager, 'scoring/latest')
    expect(run).toMatchObject({ asOf: week, chosenBy: 'holdout', predicted: null })
    expect(run.candidates.length).toBeGreaterThan(1)
    // the next night predicts with that fit: nobody was reclassified since
    const next = addDays(week, 1)
    await rescore({ db: t.db, logger: createLogger('silent'), clock: () => new Date() }, next, () => {})
    expect((await get(manager, 'scoring/latest')).run).toMatchObject({
      asOf: next,
      fittedAsOf: week,
      chosenBy: 'holdout',
      model: run.model,
      predicted: 0,
      customers: 600,
    })
    // a week after the fit it is still the fit; the day after, the models are compared again
    await rescore(
      { db: t.db, logger: createLogger('silent'), clock: () => new Date() },
      addDays(week, 7),
      () => {},
    )
    expect((await get(manager, 'scoring/latest')).run).toMatchObject({ fittedAsOf: week })
    await rescore(
      { db: t.db, logger: createLogger('silent'), clock: () => new Date() },
      addDays(week, 8),
      () => {},
    )
    expect((await get(manager, 'scoring/latest')).run).toMatchObject({
      asOf: addDays(week, 8),
      fittedAsOf: addDays(week, 8),
      chosenBy: 'holdout',
      predicted: null,
    })
  })

  it.runIf(dialect === 'postgres')(
    'keeps a status that a classification writes while a run is about to save its scores',
    async () => {
      const db = t.db.kysely
      const target = await db
        .selectFrom('customer_scores')
        .select(['customer_id', 'status'])
        .where('status', '<>', 'lost')
        .orderBy('customer_id')
        .executeTakeFirstOrThrow()
      let release = () => {}
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      // a classification (an import's, in its worker) that has written a status and its copy on the
      // scores and commits once the run waits for it
      const classification = db.transaction().execute(async (trx) => {
        await trx
          .updateTable('customer_status')
          .set({ status: 'lost' })
          .where('customer_id', '=', target.customer_id)
          .execute()
        await copyStatusToScores(trx, [target.customer_id])
        await released
      })
      const run = rescore(
        { db: t.db, logger: createLogger('silent'), clock: () => new Date() },
        addDays('2026-06-30', 30),
        () => {},
      )
      await someoneWaitsForALock(db, 'the run never waited for the classification')
      release()
      await classification
      await run
      const saved = await db
        .selectFrom('customer_scores')
        .select('status')
        .where('customer_id', '=', target.customer_id)
        .executeTakeFirstOrThrow()
      expect(saved.status).toBe('lost')
    },
  )

  it.runIf(dialect === 'postgres')(
    'predicts a customer whose classification was in flight when the nightly update began',
    async () => {
      const db = t.db.kysely
      const fitRun = (await get(manager, 'scoring/latest')).run
      expect(fitRun.predicted).toBeNull()
      const target = await db
        .selectFrom('customer_scores')
        .select(['customer_id'])
        .where('status', '<>', 'lost')
        .orderBy('customer_id')
        .executeTakeFirstOrThrow()
      let release = () => {}
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      // a classification that took its round (as classify-customers.ts does) before the update began,
      // and commits only after the update would have read whom to predict, had it not waited
      const classification = db.transaction().execute(async (trx) => {
        const round = await currentScoringRound(trx)
        await trx
          .updateTable('customer_status')
          .set({ status: 'lost', scoring_round: round })
          .where('customer_id', '=', target.customer_id)
          .execute()
        await released
        await copyStatusToScores(trx, [target.customer_id])
      })
      await new Promise((resolve) => setTimeout(resolve, 50))
      const run = rescore(
        { db: t.db, logger: createLogger('silent'), clock: () => new Date() },
        addDays(fitRun.asOf, 1),
        () => {},
      )
      await someoneWaitsForALock(db, 'the update never waited for the classification')
      release()
      await classification
      await run
      const update = (await get(manager, 'scoring/latest')).run
      expect(update).toMatchObject({ fittedAsOf: fitRun.asOf, predicted: 1 })
      const saved = await db
        .selectFrom('customer_scores')
        .select(['status', 'run_id'])
        .where('customer_id', '=', target.customer_id)
        .executeTakeFirstOrThrow()
      expect(saved).toEqual({ status: 'lost', run_id: update.id })
    },
  )
})

/** Until a statement waits for a lock on PostgreSQL (30 s at most). */
async function someoneWaitsForALock(db: Kysely<Database>, otherwise: string): Promise<void> {
  for (let waited = 0; ; waited += 20) {
    const { rows } = await sql<{
      n: number
    }>`select count(*)::int as n from pg_locks where not granted`.execute(db)
    if (rows[0]!.n > 0) return
    if (waited > 30_000) throw new Error(otherwise)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
