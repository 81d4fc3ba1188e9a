import type { Db } from '../../db/database'
import type { IsoDate } from '../../lib/dates'
import { classifyCustomers } from './classify-customers'
import { classificationDay } from './lifecycle.repository'

/**
 * Classifies one customer again after something changed by hand (a contract cancelled or kept), on
 * the same reference day as the rest of the base, so the customer list stays consistent.
 */
export async function reclassifyCustomer(db: Db, customerId: number, today: IsoDate): Promise<void> {
  await classifyCustomers({
    db,
    asOf: (await classificationDay(db.kysely)) ?? today,
    customerIds: [customerId],
  })
}
