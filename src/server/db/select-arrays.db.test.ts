import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerRow } from '../../../test/customers'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'
import { selectArrays } from './select-arrays'

const now = '2026-12-05T10:00:00Z'
const customer = (number: string) => customerRow(number, now)

describe.each(testDialects)('selectArrays on %s', (dialect) => {
  let db: TestDb
  beforeAll(async () => {
    db = await createTestDb(dialect)
    await db.kysely
      .insertInto('customers')
      .values([customer('K1'), customer('K2')])
      .execute()
    const id = (
      await db.kysely
        .selectFrom('customers')
        .select('id')
        .where('customer_number', '=', 'K1')
        .executeTakeFirstOrThrow()
    ).id
    await db.kysely
      .insertInto('orders')
      .values({
        customer_id: id,
        source: 'test',
        external_key: 'RE-1',
        number: 'RE-1',
        kind: 'invoice',
        ordered_on: '2026-11-30',
        net_cents: 12_345_678_901,
        currency: 'EUR',
        counts_as_purchase: 1,
      })
      .execute()
  })
  afterAll(() => db.destroy())

  const customerNumbers = () =>
    db.kysely.selectFrom('customers').select(['customer_number']).orderBy('customer_number')

  it('gives each row as an array in the order of the select, with the types the objects have', async () => {
    const query = db.kysely
      .selectFrom('orders')
      .innerJoin('customers', 'customers.id', 'orders.customer_id')
      .select([
        'orders.net_cents',
        'customers.customer_number',
        'orders.ordered_on',
        'orders.reference_number',
      ])
      .where('orders.number', '=', 'RE-1')
    const objects = await query.execute()
    expect(await selectArrays(db, query)).toEqual(objects.map((o) => Object.values(o)))
    expect(await selectArrays(db, query)).toEqual([[12_345_678_901, 'K1', '2026-11-30', null]])
    expect(await selectArrays(db, customerNumbers().where('customer_number', '=', 'nobody'))).toEqual([])
  })

  it('reads after a transaction open on the connection has ended, never inside it', async () => {
    let release = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    let inserted = () => {}
    const insertedYet = new Promise<void>((resolve) => {
      inserted = resolve
    })
    const undone = db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('customers').values(customer('K3')).execute()
      inserted()
      await gate
      throw new Error('undone')
    })
    await insertedYet
    const read = selectArrays(db, customerNumbers())
    release()
    await expect(undone).rejects.toThrow('undone')
    expect(await read).toEqual([['K1'], ['K2']])
  })
})
