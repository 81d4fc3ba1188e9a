import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import { insertModelRun } from '../../../../test/model-run'
import { type CustomerListQuery, customerSortKeys } from '../../../shared/api/customers'
import { customerGroupsChanged, forgetCachedReads } from '../../lib/read-cache'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { currentStatuses, customersWithoutStatus } from '../lifecycle/lifecycle.repository'
import { customersWithoutScore } from '../scoring/scores.repository'
import { customerFilter, customerListQuery, selectListColumns } from './customer-query'
import { listCustomers, STATUS_RANK_SQL } from './list-customers'

const TODAY = '2026-06-30'

/** The list as one joined query sorted and paged by the database: how it was made before. */
async function joinedPage(db: TestDb, query: CustomerListQuery): Promise<string[]> {
  const statusOrder = sql`case cs.status when 'lost' then 1 when 'sleeping' then 2 when 'at_risk' then 3 when 'reactivated' then 4 when 'new' then 5 when 'active' then 6 else 7 end`
  const column = {
    customerNumber: sql.ref('customers.customer_number'),
    name: sql`lower(coalesce(customers.company_name, customers.last_name, customers.customer_number))`,
    status: statusOrder,
    lastPurchase: sql.ref('cs.last_purchase_on'),
    revenue12m: sql.ref('cs.revenue_12m_cents'),
    annualRevenue: sql.ref('cs.annual_revenue_cents'),
    city: sql.ref('customers.city'),
    pAlive: sql.ref('sc.p_alive'),
    clv: sql.ref('sc.clv_cents'),
  }[query.sort]
  const direction = query.dir === 'desc' ? sql`desc` : sql`asc`
  const nulls = query.dir === 'desc' ? sql`nulls last` : sql`nulls first`
  const rows = await selectListColumns(customerListQuery(db.kysely, { ownerId: null }, query))
    .orderBy(sql`${column} ${direction} ${nulls}`)
    // the customers without a status beside the last rank (after it ascending, before it
    // descending), by id ascending; ties of a value by id in the sort's direction (the
    // customers without a value by id ascending)
    .$if(query.sort === 'status', (qb) =>
      qb.orderBy(
        sql`case when cs.status is null then 1 else 0 end ${query.dir === 'desc' ? sql`desc` : sql`asc`}`,
      ),
    )
    .$if(!['customerNumber', 'name', 'city'].includes(query.sort) && query.dir === 'desc', (qb) =>
      qb.orderBy(
        sql`case when ${query.sort === 'status' ? sql`cs.status` : column} is null then customers.id else -customers.id end`,
      ),
    )
    .orderBy('customers.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute()
  return rows.map((r) => r.customer_number)
}

describe.each(testDialects)('the customer list on %s', (dialect) => {
  let db: TestDb

  beforeAll(async () => {
    db = await createTestDb(dialect)
    // names, cities and revenues that tie and are missing; six customers never bought (no status)
    const cities = ['Hamburg', 'hamburg', null, 'Berlin', 'Köln']
    const customers = Array.from({ length: 36 }, (_, i) => ({
      customerNumber: `K${String(100 + ((i * 7) % 36)).padStart(3, '0')}`,
      ...(i % 3 === 0
        ? { companyName: `${['Alpha', 'beta', 'Gamma'][i % 3]} GmbH`, type: 'business' as const }
        : { lastName: ['Müller', 'meier', 'Schulz', 'Alpha GmbH'][i % 4]!, type: 'consumer' as const }),
      ...(cities[i % 5] ? { city: cities[i % 5]! } : {}),
    }))
    await writeImport({
      db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T08:00:00Z`,
      customers,
      documents: customers
        .slice(6)
        .flatMap((c, i) => [
          invoice(
            c.customerNumber,
            `${c.customerNumber}-1`,
            ['2023-03-10', '2025-11-02', '2026-05-20'][i % 3]!,
            100 * (i % 4),
          ),
          ...(i % 2 ? [invoice(c.customerNumber, `${c.customerNumber}-2`, '2026-06-01', 250)] : []),
        ]),
    })
    await classifyCustomers({ db, asOf: TODAY })
    // scores for some customers, with ties
    const run = { id: await insertModelRun(db.kysely, { asOf: TODAY }) }
    const ids = await db.kysely.selectFrom('customers').select('id').orderBy('id').execute()
    // with the status copied on, as a scoring run writes them
    const statusOf = await currentStatuses(db.kysely)
    for (const [i, { id }] of ids.entries())
      if (i % 3 !== 1)
        await db.kysely
          .insertInto('customer_scores')
          .values({
            customer_id: id,
            run_id: run.id,
            x: 1,
            tx: 1,
            t: 2,
            p_alive: (i % 4) / 4,
            previous_p_alive: null,
            expected_purchases: 1,
            expected_spend_cents: 100,
            clv_cents: 1000 * (i % 5),
            won_back_purchases: 1,
            won_back_value_cents: 100,
            mean_interval_days: null,
            days_since_last: 10,
            status: statusOf(id),
          })
          .execute()
  })
  afterAll(() => db.destroy())

  /** Compares every page asked with the joined query's; how many rows were compared. */
  const comparePages = async (
    filters: readonly Partial<CustomerListQuery>[],
    sorts: readonly CustomerListQuery['sort'][],
    pages: readonly number[],
  ) => {
    let compared = 0
    for (const filter of filters)
      for (const sort of sorts)
        for (const dir of ['asc', 'desc'] as const)
          for (const page of pages) {
            const query: CustomerListQuery = { sort, dir, page, pageSize: 7, ...filter }
            const list = await listCustomers({ db, scope: { ownerId: null }, query })
            const expected = await joinedPage(db, query)
            expect(
              list.items.map((c) => c.customerNumber),
              JSON.stringify(query),
            ).toEqual(expected)
            compared += expected.length
          }
    return compared
  }

  it('gives every page in every order and filter exactly as the joined query did', async () => {
    const filters: Partial<CustomerListQuery>[] = [
      {},
      { status: 'lost' },
      { q: 'gmbh' },
      { status: 'active', q: 'k1' },
    ]
    const compared = await comparePages(filters, customerSortKeys, [1, 2, 3, 5])
    // the comparison saw rows, also beyond the first page and for filtered lists
    expect(compared).toBeGreaterThan(800)
    const all = await listCustomers({
      db,
      scope: { ownerId: null },
      query: { sort: 'customerNumber', dir: 'asc', page: 1, pageSize: 500, status: 'lost' },
    })
    expect(all.total).toBe(all.items.length)
    expect(all.asOf).toBe(TODAY)
  })

  it('starts a deep page after a landmark and gives exactly the page the joined query gives', async () => {
    let compared = 0
    const pages = async (filter: Partial<CustomerListQuery>) => {
      // from the top, beside a landmark, between two, at the end and beyond it (pages of 3)
      for (const every of [1, 2])
        for (const sort of ['customerNumber', 'name'] as const)
          for (const dir of ['asc', 'desc'] as const)
            for (let page = 1; page <= 14; page++) {
              const query: CustomerListQuery = { sort, dir, page, pageSize: 3, ...filter }
              const list = await listCustomers({ db, scope: { ownerId: null }, query, landmarkEvery: every })
              const expected = await joinedPage(db, query)
              expect(
                list.items.map((c) => c.customerNumber),
                JSON.stringify({ ...query, every }),
              ).toEqual(expected)
              compared += expected.length
            }
    }
    await pages({})
    await pages({ status: 'lost' })
    expect(compared).toBeGreaterThan(300)
    // an erasure (a group change, as eraseCustomer says) of the first customer by name, whose name
    // then moves to the end: the landmarks are read again
    const first = await db.kysely
      .selectFrom('customers')
      .select(['id', 'company_name', 'last_name'])
      .orderBy(sql`lower(coalesce(company_name, last_name, customer_number))`)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const erase = async (erased: boolean) => {
      await db.kysely
        .updateTable('customers')
        .set(
          erased
            ? { erased_at: `${TODAY}T09:00:00Z`, company_name: 'Zzz', last_name: 'Zzz' }
            : { erased_at: null, company_name: first.company_name, last_name: first.last_name },
        )
        .where('id', '=', first.id)
        .execute()
      customerGroupsChanged()
    }
    await erase(true)
    await pages({})
    await erase(false)
    await pages({})
  })

  it('gives the same pages when every customer has a score, and while some have no status yet', async () => {
    const compare = (sorts: readonly CustomerListQuery['sort'][]) =>
      comparePages([{}, { status: 'lost' }], sorts, [1, 2, 3, 6])
    // the customers without a purchase have a status and no last purchase: the rows with no value
    const noPurchase = await db.kysely
      .selectFrom('customer_status')
      .select('customer_id')
      .where('last_purchase_on', 'is', null)
      .execute()
    expect(noPurchase.length).toBeGreaterThan(0)
    expect(await customersWithoutStatus(db.kysely)).toBe(0)
    // as a model run leaves them: the customers without purchases (a status of their own) unscored
    await db.kysely.deleteFrom('customer_scores').where('status', '=', 'prospect').executeTakeFirstOrThrow()
    forgetCachedReads()
    expect(await customersWithoutScore(db.kysely)).toBeGreaterThan(0)
    expect(await compare(['lastPurchase', 'pAlive', 'clv'])).toBeGreaterThan(150)

    // a model run scores everybody (a job: every kept result forgotten after it)
    const unscored = await db.kysely
      .selectFrom('customers')
      .select('id')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('customer_scores as s')
              .select('s.customer_id')
              .whereRef('s.customer_id', '=', 'customers.id'),
          ),
        ),
      )
      .execute()
    const run = await db.kysely.selectFrom('customer_scores').select('run_id').executeTakeFirstOrThrow()
    const statusOf = await currentStatuses(db.kysely)
    await db.kysely
      .insertInto('customer_scores')
      .values(
        unscored.map(({ id }, i) => ({
          customer_id: id,
          run_id: run.run_id,
          x: 0,
          tx: 0,
          t: 1,
          p_alive: (i % 3) / 3,
          previous_p_alive: null,
          expected_purchases: 0,
          expected_spend_cents: 0,
          clv_cents: 500 * (i % 4),
          won_back_purchases: 0,
          won_back_value_cents: 0,
          mean_interval_days: null,
          days_since_last: 0,
          status: statusOf(id),
        })),
      )
      .execute()
    forgetCachedReads()
    expect(await customersWithoutScore(db.kysely)).toBe(0)
    expect(await compare(['pAlive', 'clv'])).toBeGreaterThan(100)

    // an import's customers between its commit and their classification: no status row yet
    const unclassified = noPurchase.slice(0, 2).map((r) => r.customer_id)
    const classified = await db.kysely
      .selectFrom('customer_status')
      .select('customer_id')
      .where('customer_id', 'not in', unclassified)
      .orderBy('customer_id')
      .limit(3)
      .execute()
    const withoutStatus = [...unclassified, ...classified.map((r) => r.customer_id)]
    await db.kysely.deleteFrom('customer_status').where('customer_id', 'in', withoutStatus).execute()
    forgetCachedReads()
    expect(await customersWithoutStatus(db.kysely)).toBe(withoutStatus.length)
    expect(await compare(['status', 'lastPurchase', 'revenue12m', 'annualRevenue', 'clv'])).toBeGreaterThan(
      250,
    )

    // classified again (which says that groups changed), and the scores as they were
    await classifyCustomers({ db, asOf: TODAY })
    await db.kysely
      .deleteFrom('customer_scores')
      .where(
        'customer_id',
        'in',
        unscored.map((r) => r.id),
      )
      .execute()
    forgetCachedReads()
    expect(await customersWithoutStatus(db.kysely)).toBe(0)
    expect(await compare(['status', 'lastPurchase', 'pAlive'])).toBeGreaterThan(150)
  })

  it('orders by status through the index of its rank (the expression the list sorts by)', async () => {
    const query = db.kysely
      .selectFrom('customer_status as t')
      .innerJoin('customers', 'customers.id', 't.customer_id')
      .select('customers.id')
      .orderBy(sql.raw(STATUS_RANK_SQL.replace('case status', 'case t.status')))
      .orderBy('t.customer_id')
      .limit(5)
      .compile()
    const plan = await db.kysely.transaction().execute(async (trx) => {
      if (dialect === 'postgres') {
        // so few rows would be sorted in memory; the question is whether the index has this order
        await sql`set local enable_seqscan = off`.execute(trx)
        await sql`set local enable_sort = off`.execute(trx)
      }
      const explained = await trx.executeQuery<Record<string, string>>({
        ...query,
        sql: `${dialect === 'postgres' ? 'explain' : 'explain query plan'} ${query.sql}`,
      })
      return JSON.stringify(explained.rows)
    })
    expect(plan).toContain('customer_status_rank')
  })

  // SQLite's index entries carry the rowid, and the erased mark is read beside them (fast enough there)
  it.runIf(dialect === 'postgres')(
    'skips to a deep page by name on the index alone, the erased customers left out there',
    async () => {
      const key = sql`lower(coalesce(customers.company_name, customers.last_name, customers.customer_number))`
      // a page after a landmark, as list-landmarks.ts asks for it
      const query = db.kysely
        .selectFrom('customers')
        .where(customerFilter({ ownerId: null }, {}, dialect))
        .where(sql<boolean>`${key} >= ${'k'} and (${key} > ${'k'} or customers.id > ${1})`)
        .select([key.as('key'), 'customers.id'])
        .orderBy(key)
        .orderBy('customers.id')
        .limit(3)
        .offset(4)
        .compile()
      const plan = await db.kysely.transaction().execute(async (trx) => {
        // so few customers would be read whole; the question is what the index can answer
        await sql`set local enable_seqscan = off`.execute(trx)
        await sql`set local enable_bitmapscan = off`.execute(trx)
        await sql`set local enable_sort = off`.execute(trx)
        const explained = await trx.executeQuery<{ 'QUERY PLAN': string }>({
          ...query,
          sql: `explain ${query.sql}`,
        })
        return explained.rows.map((r) => r['QUERY PLAN']).join('\n')
      })
      expect(plan).toContain('Index Only Scan using customers_sort_name')
      expect(plan).toMatch(/Filter: .*erased_at IS NULL/)
    },
  )

  // PostgreSQL is given each run cut to the page's end instead (list-parts.ts)
  it.runIf(dialect === 'sqlite')(
    'orders by a value of the status rows from the index of (status, value), the statuses merged',
    async () => {
      const runs = (['lost', 'active', 'new'] as const).map((status) =>
        db.kysely
          .selectFrom('customer_status as t')
          .innerJoin('customers', 'customers.id', 't.customer_id')
          .where('customers.erased_at', 'is', null)
          .where('t.status', '=', status)
          .where('t.revenue_12m_cents', 'is not', null)
          .select(['customers.id as id', 't.revenue_12m_cents as v', 't.customer_id as cid']),
      )
      const query = runs[0]!
        .unionAll(runs[1]!)
        .unionAll(runs[2]!)
        .orderBy('v', 'desc')
        .orderBy('cid', 'desc')
        .limit(5)
        .compile()
      const explained = await db.kysely.executeQuery<{ detail: string }>({
        ...query,
        sql: `explain query plan ${query.sql}`,
      })
      const plan = explained.rows.map((r) => r.detail)
      expect(plan.filter((d) => d.includes('INDEX customer_status_status_revenue_12m'))).toHaveLength(3)
      // the runs merged as they come, none of them sorted
      expect(plan).toContain('MERGE (UNION ALL)')
      expect(plan.join(' ')).not.toContain('TEMP B-TREE')
    },
  )

  /** The customers the list's search finds, and those reading every customer's search text finds. */
  const found = async (q: string) => {
    const rows = await db.kysely
      .selectFrom('customers')
      .where(customerFilter({ ownerId: null }, { q, includeErased: true }, dialect))
      .select('id')
      .orderBy('id')
      .execute()
    return rows.map((r) => r.id)
  }
  const read = async (q: string) => {
    let query = db.kysely.selectFrom('customers').select(['id', 'search_text']).orderBy('id')
    for (const term of q.toLowerCase().split(/\s+/).filter(Boolean))
      query = query.where(
        dialect === 'postgres'
          ? sql<boolean>`strpos(search_text, ${term}) > 0`
          : sql<boolean>`instr(search_text, ${term}) > 0`,
      )
    return (await query.execute()).map((r) => r.id)
  }

  it('finds by search what reading every customer finds, through a trigram index on either database', async () => {
    for (const q of [
      'gmbh',
      'GmbH',
      'müller',
      'ÜLL',
      'k10',
      'k1',
      'lpha gm',
      'hamburg k1',
      'h',
      'mei ham',
      'xyz',
      '"',
      '%',
      'a_b',
    ])
      expect(await found(q), q).toEqual(await read(q))
    expect((await found('gmbh')).length).toBeGreaterThan(0)
    expect((await found('müller')).length).toBeGreaterThan(0)
    const plan = await db.kysely.transaction().execute(async (trx) => {
      // so few customers would be read whole on PostgreSQL; the question is whether the index can
      // answer the list's search (the erasure condition left out: another index could answer that one)
      if (dialect === 'postgres') await sql`set local enable_seqscan = off`.execute(trx)
      const compiled = trx
        .selectFrom('customers')
        .where(customerFilter({ ownerId: null }, { q: 'gmbh', includeErased: true }, dialect))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .compile()
      const explained = await trx.executeQuery<Record<string, string>>({
        ...compiled,
        sql: `${dialect === 'postgres' ? 'explain' : 'explain query plan'} ${compiled.sql}`,
      })
      return JSON.stringify(explained.rows)
    })
    expect(plan).toContain(
      dialect === 'postgres' ? 'customers_search_trgm' : 'customers_search VIRTUAL TABLE',
    )
  })

  it('finds a customer by what they are called now: the index follows every change and deletion', async () => {
    const [first, second] = await db.kysely
      .selectFrom('customers')
      .select('id')
      .orderBy('id')
      .limit(2)
      .execute()
    const before = await found('zwiebelmann')
    expect(before).toEqual([])
    await db.kysely
      .updateTable('customers')
      .set({ search_text: 'k999 zwiebelmann kg' })
      .where('id', '=', first!.id)
      .execute()
    // another column changed: the search text stays, and so does the index
    await db.kysely.updateTable('customers').set({ city: 'Bremen' }).where('id', '=', first!.id).execute()
    expect(await found('zwiebelmann')).toEqual([first!.id])
    await db.kysely
      .updateTable('customers')
      .set({ search_text: 'k999 knoblauch kg' })
      .where('id', '=', first!.id)
      .execute()
    expect(await found('zwiebelmann')).toEqual([])
    expect(await found('knoblauch')).toEqual([first!.id])
    await db.kysely.deleteFrom('customer_scores').where('customer_id', '=', second!.id).execute()
    await db.kysely.deleteFrom('customer_status_changes').where('customer_id', '=', second!.id).execute()
    await db.kysely.deleteFrom('customer_status').where('customer_id', '=', second!.id).execute()
    await db.kysely.deleteFrom('orders').where('customer_id', '=', second!.id).execute()
    const secondText = await db.kysely
      .selectFrom('customers')
      .select('search_text')
      .where('id', '=', second!.id)
      .executeTakeFirstOrThrow()
    const word = secondText.search_text.split(' ')[0]!
    expect(await found(word)).toContain(second!.id)
    await db.kysely.deleteFrom('customers').where('id', '=', second!.id).execute()
    expect(await found(word)).not.toContain(second!.id)
    expect(await found(word)).toEqual(await read(word))
  })
})
