import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'
import type { AnyKysely } from './dialect-helpers'
import { copyRows, copyRowsBinary } from './pg-copy'
import { binaryColumnTypes } from './pg-copy-binary'

const COLUMNS = ['id', 'small', 'big', 'single', 'double', 'flag', 'note'] as const

/** Rows whose every field is at an edge of its type, nulls among them, and text across blocks. */
function rows(): unknown[][] {
  const long = 'ä\t\\N\n'.repeat(150_000)
  const edges: unknown[][] = [
    [1, 32_767, Number.MAX_SAFE_INTEGER, 1.5, Number.NaN, true, 'Grüße 🎉 a\tb\nc\\d \\N'],
    [2, -32_768, 2n ** 63n - 1n, -0, Number.POSITIVE_INFINITY, false, ''],
    [3, 0, -(2n ** 63n), 3.4e38, Number.NEGATIVE_INFINITY, null, null],
    [4, null, null, null, 5e-324, 1, long],
    [5, 7, -1, 0.1, 1.7976931348623157e308, 0, `${long}${long}${long}`],
    [2_147_483_647, -1, 0, -2.5, -0, true, '\\N'],
    [-2_147_483_648, 1, 1, 1, 0.1 + 0.2, false, 'x'],
  ]
  const many = Array.from({ length: 20_000 }, (_, i) => [
    10 + i,
    i % 100,
    i * 1_000_003,
    i / 8,
    Math.sqrt(i) / 3,
    i % 2 === 0,
    `Kunde ${i}`,
  ])
  return [...edges, ...many]
}

const fillFrom = (data: unknown[][]) => (values: unknown[], at: number, row: number) => {
  for (let c = 0; c < COLUMNS.length; c++) values[at + c] = data[row]![c]
}

describe.runIf(testDialects.includes('postgres'))('COPY in the binary format on postgres', () => {
  let db: TestDb
  let kysely: AnyKysely
  beforeAll(async () => {
    db = await createTestDb('postgres')
    kysely = db.kysely as unknown as AnyKysely
    for (const table of ['probe_binary', 'probe_text'])
      await sql`create table ${sql.table(table)} (id integer primary key, small smallint, big bigint,
        single real, double double precision, flag boolean, note text, day date)`.execute(kysely)
  })
  afterAll(() => db.destroy())

  it('knows the types it writes as bytes, and says none for a table with another', async () => {
    expect(await binaryColumnTypes(kysely, 'probe_binary', COLUMNS)).toEqual([
      'int4',
      'int2',
      'int8',
      'float4',
      'float8',
      'bool',
      'text',
    ])
    expect(await binaryColumnTypes(kysely, 'probe_binary', [...COLUMNS, 'day'])).toBeNull()
  })

  it('writes every column of the scores as bytes (a scoring run’s million rows)', async () => {
    const { rows } = await sql<{ name: string }>`select attname as name from pg_attribute
      where attrelid = 'customer_scores'::regclass and attnum > 0 and not attisdropped`.execute(kysely)
    expect(rows.length).toBeGreaterThanOrEqual(15)
    expect(
      await binaryColumnTypes(
        kysely,
        'customer_scores',
        rows.map((r) => r.name),
      ),
    ).not.toBeNull()
  })

  it('stores exactly what the text format stores, across blocks of a megabyte and beyond', async () => {
    const data = rows()
    const types = (await binaryColumnTypes(kysely, 'probe_binary', COLUMNS))!
    await kysely
      .transaction()
      .execute((trx) => copyRowsBinary(trx, 'probe_binary', COLUMNS, types, data.length, fillFrom(data)))
    await kysely
      .transaction()
      .execute((trx) => copyRows(trx, 'probe_text', COLUMNS, data.length, fillFrom(data)))
    const differing = await sql<{ n: number }>`select count(*)::int as n from (
      (select * from probe_binary except all select * from probe_text)
      union all (select * from probe_text except all select * from probe_binary)) d`.execute(kysely)
    expect(differing.rows[0]!.n).toBe(0)
    const stored = await sql<Record<string, unknown>>`select id, small, big::text as big, single, double,
      flag, note from probe_binary where id in (1, 2, 3, 4, 5) order by id`.execute(kysely)
    expect(stored.rows[0]).toMatchObject({ small: 32_767, big: String(Number.MAX_SAFE_INTEGER), single: 1.5 })
    expect(stored.rows[0]!.double).toBeNaN()
    expect(stored.rows[0]!.note).toBe('Grüße 🎉 a\tb\nc\\d \\N')
    expect(stored.rows[1]).toMatchObject({
      small: -32_768,
      big: '9223372036854775807',
      flag: false,
      note: '',
    })
    expect(stored.rows[1]!.double).toBe(Number.POSITIVE_INFINITY)
    expect(stored.rows[2]).toMatchObject({ big: '-9223372036854775808', flag: null, note: null })
    expect(stored.rows[3]).toMatchObject({ small: null, big: null, single: null, double: 5e-324, flag: true })
    expect(stored.rows[3]!.note).toHaveLength(750_000)
    expect(stored.rows[4]!.note).toHaveLength(2_250_000)
    expect(stored.rows[4]!.double).toBe(1.7976931348623157e308)
    const count = await sql<{ n: number }>`select count(*)::int as n from probe_binary`.execute(kysely)
    expect(count.rows[0]!.n).toBe(data.length)
  })

  it.each([
    ['a fraction for an integer', [100_000, 1.5, 0, 0, 0, true, ''], /small: not an integer: 1.5/],
    ['a number beyond the column', [100_001, 40_000, 0, 0, 0, true, ''], /small: out of range for int2/],
    ['text for a number', [100_002, 1, 0, 0, '0.5', true, ''], /double: not a number: 0.5/],
    ['a number beyond a bigint', [100_003, 1, 2n ** 63n, 0, 0, true, ''], /big: out of range for int8/],
    ['an unsafe integer', [100_004, 1, 2 ** 60, 0, 0, true, ''], /big: not an integer/],
    ['anything else for a boolean', [100_005, 1, 0, 0, 0, 'yes', ''], /flag: not a boolean: yes/],
  ])('refuses %s, naming the column, and writes nothing', async (_, row, message) => {
    const types = (await binaryColumnTypes(kysely, 'probe_binary', COLUMNS))!
    // the refused row after more than a block of rows already sent
    const before = Array.from({ length: 30_000 }, (_, i) => [300_000 + i, 1, 1, 1, 1, true, 'before'])
    const data = [...before, row]
    await expect(
      kysely
        .transaction()
        .execute((trx) => copyRowsBinary(trx, 'probe_binary', COLUMNS, types, data.length, fillFrom(data))),
    ).rejects.toThrow(message)
    const left = await sql<{
      n: number
    }>`select count(*)::int as n from probe_binary where id between 100000 and 400000`.execute(kysely)
    expect(left.rows[0]!.n).toBe(0)
  })
})
