import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'

describe.each(testDialects)('migrations on %s', (dialect) => {
  let db: TestDb
  beforeAll(async () => {
    db = await createTestDb(dialect)
  })
  afterAll(() => db.destroy())

  it('creates every table, and money and dates round-trip exactly', async () => {
    const now = new Date().toISOString()
    const user = await db.kysely
      .insertInto('users')
      .values({
        email: 'a@b.de',
        name: 'A',
        role: 'admin',
        password_hash: 'x',
        locale: 'de',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(user.id).toBeTypeOf('number')
    const customer = await db.kysely
      .insertInto('customers')
      .values({
        customer_number: 'K1',
        type: 'business',
        tags: '[]',
        is_project_customer: 0,
        search_text: 'k1',
        source: 'test',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db.kysely
      .insertInto('orders')
      .values({
        customer_id: customer.id,
        source: 'test',
        external_key: 'RE-1',
        kind: 'invoice',
        ordered_on: '2024-02-29',
        net_cents: 9_007_199_254_740_000,
        currency: 'EUR',
        counts_as_purchase: 1,
      })
      .execute()
    const order = await db.kysely.selectFrom('orders').selectAll().executeTakeFirstOrThrow()
    expect(order.ordered_on).toBe('2024-02-29')
    expect(order.net_cents).toBe(9_007_199_254_740_000)
    const created = await db.kysely.selectFrom('users').select('created_at').executeTakeFirstOrThrow()
    expect(new Date(created.created_at).toISOString()).toBe(now)
  })
})
