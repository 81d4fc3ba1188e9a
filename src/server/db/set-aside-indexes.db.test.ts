import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'
import { migrateToLatest } from './migrate'
import { restoreSetAsideIndexes, setAsideIndexes, setAsideUntilRestored } from './set-aside-indexes'

describe.each(testDialects)('setAsideIndexes on %s', (dialect) => {
  let db: TestDb
  beforeAll(async () => {
    db = await createTestDb(dialect)
  })
  afterAll(() => db.destroy())

  /** the statements of customer_scores' indexes, as SQLite stores them */
  const indexes = async (executor = db.kysely) =>
    (
      await sql<{ sql: string }>`
        select sql from sqlite_master where type = 'index' and tbl_name = 'customer_scores' and sql is not null
        order by name`.execute(executor)
    ).rows.map((r) => r.sql)

  it.runIf(dialect === 'sqlite')(
    'drops the table’s indexes inside the transaction and builds the same ones again, once',
    async () => {
      const made = await indexes()
      expect(made).toHaveLength(4)
      await db.kysely.transaction().execute(async (trx) => {
        const aside = await setAsideIndexes(trx, 'customer_scores')
        expect(await indexes(trx)).toEqual([])
        await aside!.restore()
        await aside!.restore()
        expect(await indexes(trx)).toEqual(made)
      })
      expect(await indexes()).toEqual(made)
    },
  )

  it.runIf(dialect === 'sqlite')('only the ones named, when named', async () => {
    const made = await indexes()
    await db.kysely.transaction().execute(async (trx) => {
      const aside = await setAsideIndexes(trx, 'customer_scores', ['customer_scores_clv'])
      expect(await indexes(trx)).toEqual(made.filter((s) => !s.includes('"customer_scores_clv"')))
      expect((await indexes(trx)).length).toBe(made.length - 1)
      await aside!.restore()
    })
    expect(await indexes()).toEqual(made)
  })

  it.runIf(dialect === 'sqlite')('a rollback brings them back', async () => {
    const made = await indexes()
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await setAsideIndexes(trx, 'customer_scores')
        throw new Error('the write failed')
      }),
    ).rejects.toThrow('the write failed')
    expect(await indexes()).toEqual(made)
  })

  it.runIf(dialect === 'postgres')(
    'sets nothing aside on PostgreSQL (dropping would lock out readers)',
    async () => {
      const before = await sql<{ indexname: string }>`
      select indexname from pg_indexes where tablename = 'customer_scores' order by indexname`.execute(
        db.kysely,
      )
      await db.kysely.transaction().execute(async (trx) => {
        expect(await setAsideIndexes(trx, 'customer_scores')).toBeNull()
      })
      const after = await sql<{ indexname: string }>`
      select indexname from pg_indexes where tablename = 'customer_scores' order by indexname`.execute(
        db.kysely,
      )
      expect(after.rows).toEqual(before.rows)
      expect(after.rows.length).toBeGreaterThan(1)
    },
  )

  describe('until restored, across transactions', () => {
    const TABLES = ['customer_status', 'contact_eligibility'] as const
    /** every index of the tables, with the statement that makes it, as the database reports it */
    const allIndexes = async () =>
      dialect === 'postgres'
        ? (
            await sql<{ name: string; definition: string }>`
              select indexname as name, indexdef as definition from pg_indexes
              where tablename in ('customer_status', 'contact_eligibility') order by indexname`.execute(
              db.kysely,
            )
          ).rows
        : (
            await sql<{ name: string; definition: string | null }>`
              select name, sql as definition from sqlite_master
              where type = 'index' and tbl_name in ('customer_status', 'contact_eligibility') order by name`.execute(
              db.kysely,
            )
          ).rows
    const recorded = () => db.kysely.selectFrom('set_aside_indexes').selectAll().orderBy('name').execute()

    it('drops the indexes no key stands behind, records each, and builds exactly the same ones again', async () => {
      const made = await allIndexes()
      const keys = made.filter((i) => i.definition === null || /unique/i.test(i.definition))
      expect(keys.length).toBeGreaterThan(0)
      expect(made.length - keys.length).toBeGreaterThanOrEqual(6)

      await setAsideUntilRestored(db.kysely, TABLES, '2026-12-06T10:00:00.000Z')
      // only the keys' indexes are left; the others are recorded with their statements
      expect(await allIndexes()).toEqual(keys)
      const aside = await recorded()
      expect(aside.map((r) => r.name)).toEqual(made.filter((i) => !keys.includes(i)).map((i) => i.name))
      expect(new Set(aside.map((r) => r.table_name))).toEqual(new Set(TABLES))

      expect(await restoreSetAsideIndexes(db.kysely)).toBe(aside.length)
      expect(await allIndexes()).toEqual(made)
      expect(await recorded()).toEqual([])
      expect(await restoreSetAsideIndexes(db.kysely)).toBe(0)
    })

    it('what a process that died set aside is built at the next start, before the migrations', async () => {
      const made = await allIndexes()
      await setAsideUntilRestored(db.kysely, TABLES, '2026-12-06T10:00:00.000Z')
      expect((await allIndexes()).length).toBeLessThan(made.length)
      await migrateToLatest(db.kysely)
      expect(await allIndexes()).toEqual(made)
      expect(await recorded()).toEqual([])
    })

    it('two restoring at once (on PostgreSQL two connections of the pool) build each index once, without an error', async () => {
      const made = await allIndexes()
      await setAsideUntilRestored(db.kysely, TABLES, '2026-12-06T10:00:00.000Z')
      const aside = (await recorded()).length
      const built = await Promise.all([restoreSetAsideIndexes(db.kysely), restoreSetAsideIndexes(db.kysely)])
      expect(built[0] + built[1]).toBe(aside)
      expect(await allIndexes()).toEqual(made)
      expect(await recorded()).toEqual([])
    })
  })
})
