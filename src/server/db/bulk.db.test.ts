import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'
import { createBulkWriter } from './bulk'
import { copyField } from './pg-copy'
import { refreshPlannerStatistics } from './statistics'

describe('copyField (COPY text format)', () => {
  it('writes null as \\N and escapes the characters COPY reserves', () => {
    expect(copyField(null)).toBe('\\N')
    expect(copyField(undefined)).toBe('\\N')
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e')
    expect(copyField('\\N')).toBe('\\\\N')
    expect(copyField(12.5)).toBe('12.5')
    expect(copyField(true)).toBe('t')
    // JSON writes the tab as \t already; COPY doubles that backslash
    expect(copyField({ a: 'x\ty' })).toBe('{"a":"x\\\\ty"}')
    // bytea in hex, its backslash doubled; from a slice of a larger buffer as much as from a whole one
    expect(copyField(new Uint8Array([1, 255]))).toBe('\\\\x01ff')
    expect(copyField(new Uint8Array([9, 1, 255, 9]).subarray(1, 3))).toBe('\\\\x01ff')
  })
})

describe.each(testDialects)('the bulk writer on %s', (dialect) => {
  let db: TestDb
  beforeAll(async () => {
    db = await createTestDb(dialect)
  })
  afterAll(async () => {
    await db?.destroy()
  })

  // every character COPY's text format reserves, a lone "\.", umlauts, an emoji, an empty string
  const names = ['Müller\tGmbH', 'Zeile 1\nZeile 2\r\n', 'C:\\Pfad\\N', '\\.', '', 'Straße 🚲', '\\N']

  it('writes every row with its values as given, nulls as nulls', async () => {
    await db.kysely.transaction().execute(async (trx) => {
      await createBulkWriter(db, trx).insert(
        'customers',
        names.map((name, i) => ({
          customer_number: `B-${i}`,
          type: 'consumer' as const,
          last_name: name,
          is_project_customer: 0,
          email: i % 2 === 0 ? null : `k${i}@example.org`,
          tags: JSON.stringify([name]),
          search_text: name.toLowerCase(),
          source: 'test',
          created_at: '2026-12-04T10:00:00.000Z',
          updated_at: '2026-12-04T10:00:00.000Z',
        })),
      )
    })
    const rows = await db.kysely
      .selectFrom('customers')
      .select(['customer_number', 'last_name', 'email', 'tags'])
      .orderBy('id')
      .execute()
    expect(rows.map((r) => r.last_name)).toEqual(names)
    expect(rows.map((r) => r.email)).toEqual(names.map((_, i) => (i % 2 === 0 ? null : `k${i}@example.org`)))
    expect(rows.map((r) => JSON.parse(r.tags))).toEqual(names.map((n) => [n]))
  })

  it('writes many rows through the insert of given columns', async () => {
    const { id } = await db.kysely
      .selectFrom('customers')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const count = 5003
    await db.kysely.transaction().execute(async (trx) => {
      await createBulkWriter(db, trx).insertRows(
        'orders',
        ['customer_id', 'source', 'external_key', 'kind', 'ordered_on', 'net_cents', 'counts_as_purchase'],
        count,
        (values, offset, row) => {
          values[offset] = id
          values[offset + 1] = 'test'
          values[offset + 2] = `A-${row}`
          values[offset + 3] = 'order'
          values[offset + 4] = '2026-01-02'
          values[offset + 5] = -row
          values[offset + 6] = 1
        },
      )
    })
    const sum = await db.kysely
      .selectFrom('orders')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('net_cents').as('cents')])
      .executeTakeFirstOrThrow()
    expect(Number(sum.n)).toBe(count)
    expect(Number(sum.cents)).toBe(-((count - 1) * count) / 2)
  })

  it('inserts rows completed by shared values and returns what was asked of each, ids as stored', async () => {
    const shared = {
      source: 'rückgabe',
      created_at: '2026-12-04T10:00:00.000Z',
      updated_at: '2026-12-04T10:00:00.000Z',
    }
    const rows = Array.from({ length: 2503 }, (_, i) => ({
      customer_number: `R-${i}`,
      type: 'consumer' as const,
      company_name: i % 3 === 0 ? null : `Firma\t${i}`,
      tags: '[]',
      is_project_customer: 0,
      search_text: `r-${i}`,
    }))
    const returned = await db.kysely
      .transaction()
      .execute((trx) =>
        createBulkWriter(db, trx).insertReturning('customers', rows, shared, ['id', 'customer_number']),
      )
    const stored = await db.kysely
      .selectFrom('customers')
      .select(['id', 'customer_number', 'company_name', 'source', 'created_at'])
      .where('customer_number', 'like', 'R-%')
      .execute()
    expect(stored).toHaveLength(rows.length)
    const byNumber = new Map(stored.map((r) => [r.customer_number, r]))
    expect(returned).toHaveLength(rows.length)
    for (const r of returned) {
      expect(Object.keys(r).sort()).toEqual(['customer_number', 'id'])
      expect(byNumber.get(r.customer_number)?.id).toBe(r.id)
    }
    expect(stored.every((r) => r.source === 'rückgabe')).toBe(true)
    expect(byNumber.get('R-1')?.company_name).toBe('Firma\t1')
    expect(byNumber.get('R-3')?.company_name).toBeNull()
    // the table's own ids go on after them
    const next = await db.kysely
      .insertInto('customers')
      .values({ ...rows[0]!, ...shared, customer_number: 'R-next' })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(next.id).toBeGreaterThan(Math.max(...returned.map((r) => r.id)))
    await db.kysely.deleteFrom('customers').where('customer_number', 'like', 'R-%').execute()
  })

  it('refreshes the planner statistics after a large write on PostgreSQL; SQLite keeps none', async () => {
    await refreshPlannerStatistics(db, ['orders', 'customers'], 5003)
    if (dialect === 'postgres') {
      const { rows } = await sql<{
        n: number
      }>`select reltuples::int as n from pg_class where relname = 'orders'`.execute(db.kysely)
      expect(rows[0]!.n).toBe(5003)
    } else {
      const { rows } = await sql<{
        n: number
      }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db.kysely)
      expect(Number(rows[0]!.n)).toBe(0)
    }
  })

  it('takes back every row of a transaction a failing row ends (a duplicate key)', async () => {
    const before = await db.kysely.selectFrom('customers').select('id').execute()
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        const bulk = createBulkWriter(db, trx)
        const rows = Array.from({ length: 3000 }, (_, i) => ({
          customer_number: i === 2500 ? 'B-0' : `N-${i}`,
          type: 'consumer' as const,
          tags: '[]',
          is_project_customer: 0,
          search_text: '',
          source: 'test',
          created_at: '2026-12-04T10:00:00.000Z',
          updated_at: '2026-12-04T10:00:00.000Z',
        }))
        await bulk.insert('customers', rows)
      }),
    ).rejects.toThrow(/unique|UNIQUE/)
    expect(await db.kysely.selectFrom('customers').select('id').execute()).toEqual(before)
    // the connection is usable afterwards
    expect(await db.kysely.selectFrom('customers').select('id').execute()).toHaveLength(before.length)
  })
})
