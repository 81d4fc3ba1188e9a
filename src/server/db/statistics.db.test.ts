import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'
import { refreshPlannerStatistics, refreshPlannerStatisticsIfMany, statisticsRefresher } from './statistics'

describe.each(testDialects)('the planner statistics of a long run of batches on %s', (dialect) => {
  let db: TestDb
  beforeAll(async () => {
    db = await createTestDb(dialect)
  })
  afterAll(() => db.destroy())

  /** PostgreSQL's row count of the table as its planner sees it (-1: never sampled). */
  const plannerRows = async () =>
    Number(
      (
        await sql<{ n: number }>`select reltuples as n from pg_class where relname = 'customers'`.execute(
          db.kysely,
        )
      ).rows[0]!.n,
    )
  let added = 0
  const addCustomers = async (n: number) => {
    const rows = Array.from({ length: n }, () => {
      added++
      return {
        customer_number: `S${added}`,
        type: 'consumer' as const,
        search_text: `s${added}`,
        tags: '[]',
        is_project_customer: 0,
        source: 'test',
        created_at: '2026-12-05T00:00:00Z',
        updated_at: '2026-12-05T00:00:00Z',
      }
    })
    await db.kysely.insertInto('customers').values(rows).execute()
  }

  it.runIf(dialect === 'postgres')(
    'are refreshed each time the rows written have doubled, not in between',
    async () => {
      const refresh = statisticsRefresher(db, ['customers'], 2000)
      await addCustomers(1500)
      await refresh(1500)
      expect(await plannerRows()).toBe(-1)
      await addCustomers(1000)
      await refresh(2500)
      expect(await plannerRows()).toBe(2500)
      await addCustomers(1000)
      // 3,500 < 4,000: not yet
      await refresh(3500)
      expect(await plannerRows()).toBe(2500)
      await addCustomers(1000)
      await refresh(4500)
      expect(await plannerRows()).toBe(4500)
    },
  )

  it.runIf(dialect === 'postgres')(
    'are left alone while a run writes fewer rows than the planner already knows the tables hold',
    async () => {
      await addCustomers(500)
      await sql`analyze customers`.execute(db.kysely)
      const known = await plannerRows()
      expect(known).toBe(added)
      const refresh = statisticsRefresher(db, ['customers'], 2000)
      await addCustomers(1000)
      // more than `from`, fewer than the planner's rows: the same plans
      await refresh(known - 1)
      expect(await plannerRows()).toBe(known)
      await refresh(known)
      expect(await plannerRows()).toBe(added)
    },
  )

  it.runIf(dialect === 'postgres')(
    'after a large write: sampled, and vacuumed where asked (every page visible: a deep page skips index entries alone)',
    async () => {
      const pages = async () =>
        (
          await sql<{ pages: number; visible: number }>`select relpages as pages, relallvisible as visible
            from pg_class where relname = 'customers'`.execute(db.kysely)
        ).rows[0]!
      await addCustomers(1200)
      await refreshPlannerStatistics(db, ['customers'], 1200)
      expect(await plannerRows()).toBe(added)
      expect((await pages()).visible).toBe(0)
      await refreshPlannerStatistics(db, ['customers'], 1200, { vacuum: ['customers'] })
      const after = await pages()
      expect(after.pages).toBeGreaterThan(0)
      expect(after.visible).toBe(after.pages)
    },
  )

  it.runIf(dialect === 'postgres')(
    'after a run that rewrote some rows: sampled again only where they are a tenth of what the planner knows',
    async () => {
      // more than ten times the rows from which any refresh is worth it (1,000)
      for (let i = 0; i < 3; i++) await addCustomers(5000)
      await refreshPlannerStatistics(db, ['customers'], 15_000)
      const known = await plannerRows()
      expect(known).toBeGreaterThan(20_000)
      expect(known).toBe(added)
      // rows added since, too few to sample again for: the planner's count stays
      await addCustomers(50)
      await refreshPlannerStatisticsIfMany(db, ['customers'], Math.floor(known / 10) - 1)
      expect(await plannerRows()).toBe(known)
      await refreshPlannerStatisticsIfMany(db, ['customers'], Math.ceil(known / 10))
      expect(await plannerRows()).toBe(added)
    },
  )

  it.runIf(dialect === 'sqlite')('are left to SQLite, which plans without them', async () => {
    const refresh = statisticsRefresher(db, ['customers'], 1)
    await addCustomers(10)
    await refresh(10)
    const stat = await sql<{
      n: number
    }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db.kysely)
    expect(Number(stat.rows[0]!.n)).toBe(0)
  })
})
