import type { Kysely } from 'kysely'
import type { ImportIssue } from '../../../shared/imports'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { AppError, say } from '../../lib/errors'
import { writeAudit } from '../audit/audit'
import { issueText } from '../imports/issue-text'
import { addToSuppressionList } from './contact.service'
import { personOf } from './contact-facts.repository'
import { refreshEligibility } from './eligibility'
import { parseContactCsv } from './parse-contact-csv'

export interface ContactImportResult {
  consents: number
  objections: number
  /** rows already recorded (the same file twice changes nothing) */
  unchanged: number
}

/**
 * Imports consents and objections from a CSV file, all or nothing: any invalid row, unknown customer
 * or erased person rejects the whole file with a report per line. Rows already recorded are skipped,
 * so the same file twice changes nothing.
 */
export async function importContactCsv(
  db: Kysely<Database>,
  fileName: string,
  bytes: Uint8Array,
  actor: Actor,
): Promise<ContactImportResult> {
  const { rows, issues } = parseContactCsv(fileName, bytes)
  const numbers = [...new Set(rows.flatMap((r) => (r.customerNumber ? [r.customerNumber] : [])))]
  const emails = [...new Set(rows.flatMap((r) => (!r.customerNumber && r.email ? [r.email] : [])))]
  return db.transaction().execute(async (trx) => {
    const byNumber = new Map<string, Awaited<ReturnType<typeof findCustomers>>[number]>()
    const byEmail = new Map<string, Awaited<ReturnType<typeof findCustomers>>[number]>()
    for (const c of await findCustomers(trx, numbers, emails)) {
      byNumber.set(c.customer_number, c)
      if (c.email) byEmail.set(c.email.toLowerCase(), c)
    }
    const found = rows.map((r) => ({
      row: r,
      customer: r.customerNumber ? byNumber.get(r.customerNumber) : byEmail.get(r.email ?? ''),
    }))
    const problems: ImportIssue[] = [...issues]
    for (const { row, customer } of found) {
      const named = row.customerNumber ?? row.email ?? ''
      if (!customer)
        problems.push({
          severity: 'error',
          code: 'unknown_customer',
          file: fileName,
          line: row.line,
          column: row.customerNumber ? 'customerNumber' : 'email',
          value: named,
          ...issueText(say('contactUnknownCustomer', { customer: named })),
        })
      else if (customer.erased_at)
        problems.push({
          severity: 'error',
          code: 'suppressed',
          file: fileName,
          line: row.line,
          column: null,
          value: named,
          ...issueText(say('contactErasedCustomer', { customer: named })),
        })
    }
    if (problems.length > 0)
      throw new AppError(
        'import_rejected',
        say('contactImportProblems', { fileName, count: problems.length }),
        problems,
      )

    const result: ContactImportResult = { consents: 0, objections: 0, unchanged: 0 }
    const touched = new Set<number>()
    for (const { row, customer } of found) {
      const c = customer!
      const r = row.record
      if (r.kind === 'consent') {
        let existing = trx
          .selectFrom('contact_consents')
          .select('id')
          .where('customer_id', '=', c.id)
          .where('channel', '=', r.channel)
          .where('source', '=', r.source)
        // a shop flag without a date is known since this import; a shop flag seen again is the same flag
        const grantedAt = r.grantedAt ?? actor.today
        if (r.source !== 'shop_flag') existing = existing.where('granted_at', '=', grantedAt)
        else existing = existing.where('status', '=', 'granted')
        const seen = await existing.executeTakeFirst()
        if (seen) {
          if (r.withdrawnAt)
            await trx
              .updateTable('contact_consents')
              .set({ status: 'withdrawn', withdrawn_at: r.withdrawnAt })
              .where('id', '=', seen.id)
              .where('status', '=', 'granted')
              .execute()
          result.unchanged++
          continue
        }
        await trx
          .insertInto('contact_consents')
          .values({
            customer_id: c.id,
            channel: r.channel,
            status: r.withdrawnAt ? 'withdrawn' : 'granted',
            granted_at: grantedAt,
            source: r.source,
            text_version: r.textVersion,
            text_hash: null,
            scope: null,
            doi_token: null,
            doi_confirmed_at: r.doiConfirmedAt,
            ip: r.ip,
            call_reference: null,
            collected_by: fileName,
            withdrawn_at: r.withdrawnAt,
            last_used_at: null,
            created_at: actor.now,
            created_by: actor.userId,
          })
          .execute()
        result.consents++
      } else {
        const seen = await trx
          .selectFrom('contact_objections')
          .select('id')
          .where('customer_id', '=', c.id)
          .where('scope', '=', r.scope)
          .where('received_at', '=', r.receivedAt)
          .executeTakeFirst()
        if (seen) {
          result.unchanged++
          continue
        }
        await trx
          .insertInto('contact_objections')
          .values({
            customer_id: c.id,
            scope: r.scope,
            gdpr: r.gdpr ? 1 : 0,
            received_at: r.receivedAt,
            via: r.via,
            wording: r.wording,
            created_at: actor.now,
            created_by: actor.userId,
          })
          .execute()
        await addToSuppressionList(trx, personOf(c), r.gdpr ? 'all' : r.scope, 'objection', actor)
        result.objections++
      }
      touched.add(c.id)
    }
    await writeAudit(trx, {
      action: 'consent.imported',
      entityType: 'import_run',
      entityId: null,
      userId: actor.userId,
      at: actor.now,
      details: { fileName, ...result, customers: touched.size },
    })
    await refreshEligibility(trx, [...touched], actor.today)
    return result
  })
}

async function findCustomers(db: Parameters<typeof writeAudit>[0], numbers: string[], emails: string[]) {
  const found = []
  for (let i = 0; i < numbers.length; i += 500)
    found.push(
      ...(await db
        .selectFrom('customers')
        .selectAll()
        .where('customer_number', 'in', numbers.slice(i, i + 500))
        .execute()),
    )
  for (let i = 0; i < emails.length; i += 500)
    found.push(
      ...(await db
        .selectFrom('customers')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['email']), 'in', emails.slice(i, i + 500)))
        .execute()),
    )
  return found
}
