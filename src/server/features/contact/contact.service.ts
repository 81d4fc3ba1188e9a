import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type {
  ConsentInput,
  ContactFactsInput,
  ContactOverview,
  ObjectionInput,
} from '../../../shared/api/contact'
import { contactChannels } from '../../../shared/contact'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import type { IsoDate } from '../../lib/dates'
import { AppError, say } from '../../lib/errors'
import { writeAudit } from '../audit/audit'
import { inputDate, optionalDate, requireCustomer } from '../customers/require-customer'
import { loadContactFacts, personOf } from './contact-facts.repository'
import { decideFor, loadContactSettings, refreshEligibility, standardPurpose } from './eligibility'
import { profileFor } from './profiles'
import { suppressionKeys } from './suppression-keys'

type Executor = Kysely<Database> | Transaction<Database>

function refuseErased(customer: { erased_at: string | null }): void {
  if (customer.erased_at) throw new AppError('conflict', say('erasedNothingRecorded'))
}

export async function recordConsent(
  db: Kysely<Database>,
  customerId: number,
  input: ConsentInput,
  actor: Actor,
  ownerId: number | null = null,
): Promise<number> {
  const grantedAt = inputDate('grantedAt', input.grantedAt, actor.today)
  const doiConfirmedAt = optionalDate('doiConfirmedAt', input.doiConfirmedAt, actor.today)
  if (doiConfirmedAt && doiConfirmedAt < grantedAt)
    throw new AppError('validation_failed', say('doiBeforeConsent'))
  const textHash = input.text ? createHash('sha256').update(input.text).digest('hex') : null
  return db.transaction().execute(async (trx) => {
    refuseErased(await requireCustomer(trx, customerId, ownerId))
    const same = await trx
      .selectFrom('contact_consents')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('channel', '=', input.channel)
      .where('status', '=', 'granted')
      .where('source', '=', input.source)
      .where('granted_at', '=', grantedAt)
      .where('text_hash', textHash === null ? 'is' : '=', textHash)
      .executeTakeFirst()
    if (same)
      throw new AppError('conflict', say('consentRecorded'), {
        consentId: same.id,
      })
    const inserted = await trx
      .insertInto('contact_consents')
      .values({
        customer_id: customerId,
        channel: input.channel,
        status: 'granted',
        granted_at: grantedAt,
        source: input.source,
        text_version: input.textVersion || null,
        text_hash: textHash,
        scope: input.scope || null,
        doi_token: input.doiToken || null,
        doi_confirmed_at: doiConfirmedAt,
        ip: input.ip || null,
        call_reference: input.callReference || null,
        collected_by: input.collectedBy || null,
        withdrawn_at: null,
        last_used_at: null,
        created_at: actor.now,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeAudit(trx, {
      action: 'consent.recorded',
      entityType: 'customer',
      entityId: customerId,
      userId: actor.userId,
      at: actor.now,
      details: { consentId: inserted.id, channel: input.channel, source: input.source, grantedAt },
    })
    await refreshEligibility(trx, [customerId], actor.today)
    return inserted.id
  })
}

export async function withdrawConsent(
  db: Kysely<Database>,
  customerId: number,
  consentId: number,
  withdrawnAtText: string | undefined,
  actor: Actor,
  ownerId: number | null = null,
): Promise<void> {
  const withdrawnAt = withdrawnAtText ? inputDate('withdrawnAt', withdrawnAtText, actor.today) : actor.today
  await db.transaction().execute(async (trx) => {
    await requireCustomer(trx, customerId, ownerId)
    const updated = await trx
      .updateTable('contact_consents')
      .set({ status: 'withdrawn', withdrawn_at: withdrawnAt })
      .where('id', '=', consentId)
      .where('customer_id', '=', customerId)
      .where('status', '=', 'granted')
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) throw new AppError('not_found', say('noSuchConsent'))
    await writeAudit(trx, {
      action: 'consent.withdrawn',
      entityType: 'customer',
      entityId: customerId,
      userId: actor.userId,
      at: actor.now,
      details: { consentId, withdrawnAt },
    })
    await refreshEligibility(trx, [customerId], actor.today)
  })
}

/**
 * Records an objection and puts the person on the suppression list for its scope, so the objection
 * also holds for a later import of the same person under another customer number.
 */
export async function recordObjection(
  db: Kysely<Database>,
  customerId: number,
  input: ObjectionInput,
  actor: Actor,
  ownerId: number | null = null,
): Promise<number> {
  const receivedAt = inputDate('receivedAt', input.receivedAt, actor.today)
  return db.transaction().execute(async (trx) => {
    const customer = await requireCustomer(trx, customerId, ownerId)
    return insertObjection(trx, customer, { ...input, receivedAt }, actor)
  })
}

/**
 * Writes an objection inside the caller's transaction: the row, the suppression entries, the audit
 * entry and the customer's eligibility, all or nothing with whatever else the caller records.
 */
export async function insertObjection(
  trx: Executor,
  customer: Parameters<typeof personOf>[0] & { id: number; erased_at: string | null },
  input: ObjectionInput & { receivedAt: IsoDate },
  actor: Actor,
): Promise<number> {
  const customerId = customer.id
  refuseErased(customer)
  const inserted = await trx
    .insertInto('contact_objections')
    .values({
      customer_id: customerId,
      scope: input.scope,
      gdpr: input.gdpr ? 1 : 0,
      received_at: input.receivedAt,
      via: input.via,
      wording: input.wording || null,
      created_at: actor.now,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const scope = input.gdpr ? 'all' : input.scope
  const entries = await addToSuppressionList(trx, personOf(customer), scope, 'objection', actor)
  await writeAudit(trx, {
    action: 'objection.recorded',
    entityType: 'customer',
    entityId: customerId,
    userId: actor.userId,
    at: actor.now,
    details: {
      objectionId: inserted.id,
      scope: input.scope,
      gdpr: input.gdpr,
      via: input.via,
      receivedAt: input.receivedAt,
      suppressionEntries: entries,
    },
  })
  await refreshEligibility(trx, [customerId], actor.today)
  return inserted.id
}

export async function addToSuppressionList(
  trx: Executor,
  person: Parameters<typeof suppressionKeys>[0],
  scope: Database['suppression_list']['scope'],
  reason: 'erasure' | 'objection',
  actor: Actor,
): Promise<number> {
  const keys = suppressionKeys(person)
  for (const key of keys) {
    await trx
      .insertInto('suppression_list')
      .values({
        kind: key.kind,
        match_key: key.matchKey,
        scope,
        reason,
        created_at: actor.now,
        created_by: actor.userId,
      })
      .onConflict((oc) => oc.columns(['kind', 'match_key', 'scope', 'reason']).doNothing())
      .execute()
  }
  return keys.length
}

export async function updateContactFacts(
  db: Kysely<Database>,
  customerId: number,
  input: ContactFactsInput,
  actor: Actor,
): Promise<void> {
  const values = {
    ...(input.jurisdiction !== undefined ? { jurisdiction: input.jurisdiction?.toUpperCase() || null } : {}),
    ...(input.emailOrigin !== undefined ? { email_origin: input.emailOrigin || null } : {}),
    ...(input.optOutNoticeVersion !== undefined
      ? { optout_notice_version: input.optOutNoticeVersion || null }
      : {}),
    ...(input.presumedConsentText !== undefined
      ? { presumed_consent_text: input.presumedConsentText || null }
      : {}),
    ...(input.presumedConsentReviewer !== undefined
      ? { presumed_consent_reviewer: input.presumedConsentReviewer || null }
      : {}),
    ...(input.presumedConsentOn !== undefined
      ? { presumed_consent_on: optionalDate('presumedConsentOn', input.presumedConsentOn, actor.today) }
      : {}),
    ...(input.robinsonCheckedOn !== undefined
      ? { robinson_checked_on: optionalDate('robinsonCheckedOn', input.robinsonCheckedOn, actor.today) }
      : {}),
    ...(input.robinsonListed !== undefined
      ? { robinson_listed: input.robinsonListed === null ? null : input.robinsonListed ? 1 : 0 }
      : {}),
  }
  await db.transaction().execute(async (trx) => {
    refuseErased(await requireCustomer(trx, customerId, null))
    await trx
      .insertInto('contact_facts')
      .values({ customer_id: customerId, ...values, updated_at: actor.now, updated_by: actor.userId })
      .onConflict((oc) =>
        oc.column('customer_id').doUpdateSet({ ...values, updated_at: actor.now, updated_by: actor.userId }),
      )
      .execute()
    await writeAudit(trx, {
      action: 'contact_facts.updated',
      entityType: 'customer',
      entityId: customerId,
      userId: actor.userId,
      at: actor.now,
      details: { fields: Object.keys(values) },
    })
    await refreshEligibility(trx, [customerId], actor.today)
  })
}

/** Per channel the engine's answer today, with everything recorded that it was based on. */
export async function getContactOverview(
  db: Kysely<Database>,
  customerId: number,
  today: IsoDate,
  ownerId: number | null,
): Promise<ContactOverview> {
  const customer = await requireCustomer(db, customerId, ownerId)
  const settings = await loadContactSettings(db)
  const loaded = (await loadContactFacts(db, [customerId])).get(customerId)!
  const [consents, objections, facts] = await Promise.all([
    db
      .selectFrom('contact_consents')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('contact_objections')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('id', 'desc')
      .execute(),
    db.selectFrom('contact_facts').selectAll().where('customer_id', '=', customerId).executeTakeFirst(),
  ])
  const profile = profileFor(loaded.jurisdiction, settings.jurisdiction)
  return {
    customerId,
    erasedAt: customer.erased_at,
    jurisdiction: profile.id,
    profileName: profile.name,
    decisions: contactChannels.map((channel) =>
      decideFor(loaded, { channel, purpose: standardPurpose, asOf: today, settings }),
    ),
    consents: consents.map((c) => ({
      id: c.id,
      channel: c.channel,
      status: c.status,
      grantedAt: c.granted_at,
      source: c.source,
      textVersion: c.text_version,
      textHash: c.text_hash,
      scope: c.scope,
      doiConfirmedAt: c.doi_confirmed_at,
      callReference: c.call_reference,
      collectedBy: c.collected_by,
      withdrawnAt: c.withdrawn_at,
      lastUsedAt: c.last_used_at,
      createdAt: c.created_at,
    })),
    objections: objections.map((o) => ({
      id: o.id,
      scope: o.scope,
      gdpr: o.gdpr === 1,
      receivedAt: o.received_at,
      via: o.via,
      wording: o.wording,
      createdAt: o.created_at,
    })),
    facts: {
      jurisdiction: facts?.jurisdiction ?? null,
      emailOrigin: facts?.email_origin ?? null,
      optOutNoticeVersion: facts?.optout_notice_version ?? null,
      presumedConsentText: facts?.presumed_consent_text ?? null,
      presumedConsentReviewer: facts?.presumed_consent_reviewer ?? null,
      presumedConsentOn: facts?.presumed_consent_on ?? null,
      robinsonCheckedOn: facts?.robinson_checked_on ?? null,
      robinsonListed:
        facts?.robinson_listed === null || facts?.robinson_listed === undefined
          ? null
          : facts.robinson_listed === 1,
    },
  }
}
