import { createBulkWriter } from '../../db/bulk'
import type { Db } from '../../db/database'
import { addDays, type IsoDate } from '../../lib/dates'
import { trainReasons } from '../assist/reason-model'
import { addToSuppressionList } from '../contact/contact.service'
import { personOf } from '../contact/contact-facts.repository'
import { refreshAllEligibility } from '../contact/eligibility'
import { findCustomerIdsByNumbers, findCustomersByNumbers } from '../customers/customer.repository'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { scoreCustomerBase } from '../scoring/score-customer-base'
import { writeSystemState } from '../settings/settings.repository'
import { createUser } from '../users/create-user'
import { generateDemoContact } from './demo-contact'
import { loadDemoDailyWork } from './demo-daily-work'
import { loadDemoMessaging } from './demo-messaging'
import { loadDemoOutcomes } from './demo-outcomes'
import { loadDemoPrevention } from './demo-prevention'
import { loadDemoReasons } from './demo-reasons'
import { DEMO_PASSWORD, generateDemoCompany } from './generate-demo-company'

export const DEMO_SETTING = 'demo.company'

/**
 * Loads the demo company into an empty database: its users (password `winback-demo`), customers,
 * five years of documents up to `today`, contracts, and the classification as of today.
 */
export async function loadDemoCompany(options: {
  db: Db
  today: IsoDate
  now: string
  onProgress?: (phase: string, done: number, total: number) => void
}): Promise<{ customers: number; documents: number; users: string[] }> {
  const { db, today, now } = options
  const company = generateDemoCompany(today)
  for (const user of company.users) {
    await createUser({
      db,
      email: user.email,
      name: user.name,
      role: user.role,
      password: DEMO_PASSWORD,
      now,
    })
  }
  await writeImport({
    db,
    fileName: 'demo',
    customers: company.customers,
    documents: company.documents,
    source: 'demo',
    importRunId: null,
    now,
  })
  const ids = await findCustomerIdsByNumbers(
    db.kysely,
    company.contracts.map((c) => c.customerNumber),
  )
  await db.kysely.transaction().execute((trx) =>
    createBulkWriter(db, trx).insert(
      'contracts',
      company.contracts.map((c) => ({
        customer_id: ids.get(c.customerNumber)!,
        source: 'demo',
        external_key: c.number,
        number: c.number,
        product: c.product,
        started_on: c.startedOn,
        ends_on: c.endsOn,
        cancelled_on: c.cancelledOn,
        monthly_value_cents: c.monthlyValueCents,
        import_run_id: null,
      })),
    ),
  )
  await loadDemoContact(db, company, today, now)
  await refreshAllEligibility(db, today, (done, total) => options.onProgress?.('contact', done, total))
  await classifyCustomers({
    db,
    asOf: today,
    onProgress: (done, total) => options.onProgress?.('classifying', done, total),
  })
  await loadDemoReasons(db, today, now)
  await loadDemoOutcomes(db, today, now)
  // a scoring a month ago, so the early warning sees whose P(alive) fell since
  await scoreCustomerBase({
    db,
    calibrationEnd: addDays(today, -30),
    unit: 'week',
    model: 'auto',
    horizon: 52,
    clock: () => new Date(`${addDays(today, -30)}T03:00:00.000Z`),
  })
  // the demo's customer-base model, with the last year as holdout so the model page has its tracking chart
  await scoreCustomerBase({
    db,
    calibrationEnd: addDays(today, -365),
    holdoutEnd: today,
    unit: 'week',
    model: 'auto',
    horizon: 52,
  })
  await loadDemoDailyWork(db, today)
  await loadDemoPrevention(db, today, now)
  await loadDemoMessaging(db, now)
  // the call assistant learns the reasons from the demo's notes, so a new user sees suggestions at once
  await trainReasons({ db: db.kysely, now, userId: null })
  await writeSystemState(db.kysely, DEMO_SETTING, { name: company.name, loadedAt: now }, now)
  return {
    customers: company.customers.length,
    documents: company.documents.length,
    users: company.users.map((u) => u.email),
  }
}

/** Consents, objections (with their suppression entries) and contact facts of the demo company. */
async function loadDemoContact(
  db: Db,
  company: ReturnType<typeof generateDemoCompany>,
  today: IsoDate,
  now: string,
): Promise<void> {
  const contact = generateDemoContact(company.customers, company.documents, today)
  const customers = await findCustomersByNumbers(db.kysely, [...contact.keys()])
  await db.kysely.transaction().execute(async (trx) => {
    const bulk = createBulkWriter(db, trx)
    const rows = [...contact].map(([number, records]) => ({ customer: customers.get(number)!, records }))
    await bulk.insert(
      'contact_consents',
      rows.flatMap(({ customer, records }) =>
        records.consents.map((c) => ({ ...c, customer_id: customer.id })),
      ),
    )
    await bulk.insert(
      'contact_objections',
      rows.flatMap(({ customer, records }) =>
        records.objections.map((o) => ({ ...o, customer_id: customer.id })),
      ),
    )
    await bulk.insert(
      'contact_facts',
      rows.flatMap(({ customer, records }) =>
        records.facts ? [{ ...records.facts, customer_id: customer.id }] : [],
      ),
    )
    const actor = { userId: null, now, today }
    for (const { customer, records } of rows)
      for (const o of records.objections)
        await addToSuppressionList(trx, personOf(customer), o.gdpr ? 'all' : o.scope, 'objection', actor)
  })
}
