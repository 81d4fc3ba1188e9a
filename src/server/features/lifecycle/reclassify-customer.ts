import type { Db } from '../../db/database'
import type { IsoDate } from '../../lib/dates'
import { classifyCustomers } from './classify-customers'

/**
 * Classifies one customer again after something changed by hand (a contract cancelled or kept), on
 * the same reference day as the rest of the base, so the customer list stays consistent.
 */
export async function reclassifyCustomer(db: Db, customerId: number, today: IsoDate): Promise<void> {
  const current = await db.kysely
    .selectFrom('customer_status')
    .select('as_of')
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  await classifyCustomers({ db, asOf: current?.as_of ?? today, customerIds: [customerId] })
}
