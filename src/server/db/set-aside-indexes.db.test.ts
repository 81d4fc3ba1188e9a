import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'
import { setAsideIndexes } from './set-aside-indexes'

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
})
