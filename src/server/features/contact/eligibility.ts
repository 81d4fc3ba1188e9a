import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import {
  type ContactBlocker,
  type ContactChannel,
  type ContactPurpose,
  contactChannels,
} from '../../../shared/contact'
import { createBulkWriter } from '../../db/bulk'
import type { Db } from '../../db/database'
import type { Database } from '../../db/schema'
import type { IsoDate } from '../../lib/dates'
import { customerGroupsChanged } from '../../lib/read-cache'
import { readSetting, writeSystemState } from '../settings/settings.repository'
import type { NewContactEligibility } from './contact.table'
import {
  type CustomerContactFacts,
  loadContactFacts,
  loadSuppressionIndex,
  type SuppressionIndex,
} from './contact-facts.repository'
import { type ContactDecision, decideContact } from './decide-contact'
import { eligibilityStableThrough } from './eligibility-stability'
import { contactProfiles, defaultJurisdiction, profileFor } from './profiles'

type Executor = Kysely<Database> | Transaction<Database>

export interface ContactSettings {
  /** the company's own jurisdiction: the profile for customers without a known one */
  jurisdiction: string
  consentRenewalMonths: number | undefined
}

export async function loadContactSettings(db: Executor): Promise<ContactSettings> {
  const jurisdiction = await readSetting(db, 'contact.jurisdiction')
  const months = await readSetting(db, 'contact.consentRenewalMonths')
  return {
    jurisdiction: typeof jurisdiction === 'string' ? jurisdiction : defaultJurisdiction,
    consentRenewalMonths: typeof months === 'number' && months > 0 ? months : undefined,
  }
}

export interface DecideOptions {
  channel: ContactChannel
  purpose: { kind: ContactPurpose; ownSimilarGoods: boolean }
  asOf: IsoDate
  settings: ContactSettings
}

/** The months after its last use a consent must be renewed for this customer. */
function renewalMonthsFor(c: CustomerContactFacts, settings: ContactSettings): number {
  return (
    settings.consentRenewalMonths ?? profileFor(c.jurisdiction, settings.jurisdiction).consentRenewalMonths
  )
}

export function decideFor(c: CustomerContactFacts, options: DecideOptions): ContactDecision {
  const { settings } = options
  return decideContact({
    facts: c.facts,
    channel: options.channel,
    purpose: options.purpose,
    profile: profileFor(c.jurisdiction, settings.jurisdiction),
    asOf: options.asOf,
    ...(settings.consentRenewalMonths ? { consentRenewalMonths: settings.consentRenewalMonths } : {}),
  })
}

/** A win-back offer of the company's own goods: what the stored eligibility answers. */
export const standardPurpose = { kind: 'winback_offer', ownSimilarGoods: true } as const

/**
 * Recomputes the stored per-channel answers for these customers. The lists filter by them; every
 * actual contact asks the engine again (`check-contact.ts`).
 */
export async function refreshEligibility(
  db: Executor,
  customerIds: readonly number[],
  asOf: IsoDate,
  preloaded?: {
    settings: ContactSettings
    suppressions: SuppressionIndex
    /** a faster insert for many rows (the bulk writer) */
    insert?: (rows: NewContactEligibility[]) => Promise<void>
  },
): Promise<void> {
  if (customerIds.length === 0) return
  const settings = preloaded?.settings ?? (await loadContactSettings(db))
  const CHUNK = 500
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    const ids = customerIds.slice(i, i + CHUNK)
    const facts = await loadContactFacts(db, ids, preloaded?.suppressions)
    const rows = [...facts.values()].flatMap((c) => {
      const stableThrough = eligibilityStableThrough(c.facts, asOf, renewalMonthsFor(c, settings))
      return contactChannels.map((channel) => {
        const d = decideFor(c, { channel, purpose: standardPurpose, asOf, settings })
        return {
          customer_id: c.customerId,
          channel,
          allowed: d.allowed ? 1 : 0,
          basis: d.basis?.basis ?? null,
          blockers: JSON.stringify([...new Set(d.blockers.map((b) => b.code))]),
          as_of: asOf,
          stable_through: stableThrough,
        }
      })
    })
    // the customer list counts customers by the channels they may be contacted on
    customerGroupsChanged()
    await db.deleteFrom('contact_eligibility').where('customer_id', 'in', ids).execute()
    if (rows.length === 0) continue
    if (preloaded?.insert) await preloaded.insert(rows)
    // an upsert: a refresh of the same customer by another transaction cannot make this one fail
    else
      await db
        .insertInto('contact_eligibility')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['customer_id', 'channel']).doUpdateSet((eb) => ({
            allowed: eb.ref('excluded.allowed'),
            basis: eb.ref('excluded.basis'),
            blockers: eb.ref('excluded.blockers'),
            as_of: eb.ref('excluded.as_of'),
            stable_through: eb.ref('excluded.stable_through'),
          })),
        )
        .execute()
  }
}

/** These customers, in batches of one transaction each (after an import). */
export async function refreshEligibilityInBatches(
  db: Db,
  ids: readonly number[],
  asOf: IsoDate,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const BATCH = 2000
  for (let i = 0; i < ids.length; i += BATCH) {
    await db.kysely.transaction().execute(async (trx) => {
      // read inside the batch's transaction, so an objection recorded meanwhile is not missed
      const bulk = createBulkWriter(db, trx)
      const preloaded = {
        settings: await loadContactSettings(trx),
        suppressions: await loadSuppressionIndex(trx),
        insert: (rows: NewContactEligibility[]) => bulk.insert('contact_eligibility', rows),
      }
      await refreshEligibility(trx, ids.slice(i, i + BATCH), asOf, preloaded)
    })
    onProgress?.(Math.min(i + BATCH, ids.length), ids.length)
  }
  return ids.length
}

/** All customers (after the demo load, on request). */
export async function refreshAllEligibility(
  db: Db,
  asOf: IsoDate,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  // read before the refresh: what changes during it is seen by the next one
  const basis = await currentBasis(db.kysely, asOf)
  const ids = (await db.kysely.selectFrom('customers').select('id').orderBy('id').execute()).map((r) => r.id)
  const done = await refreshEligibilityInBatches(db, ids, asOf, onProgress)
  await writeSystemState(db.kysely, ELIGIBILITY_BASIS, basis, new Date().toISOString())
  return done
}

/**
 * The nightly refresh: only the customers whose stored answers can have changed by `asOf` (past
 * their stable day, or without answers), so a night costs what changed, not the whole base. Every
 * customer is refreshed when what the answers rest on changed since the last refresh: the company's
 * jurisdiction or renewal months, the legal profiles (a new version of winback), or the
 * suppression list (an objection or erasure also blocks other customers with the same address;
 * those are not found by address here), or when the answers are stored as of a later day.
 */
export async function refreshDueEligibility(
  db: Db,
  asOf: IsoDate,
  onProgress?: (done: number, total: number) => void,
): Promise<{ refreshed: number; wholeBase: boolean; customerIds: readonly number[] | null }> {
  const basis = await currentBasis(db.kysely, asOf)
  const last = (await readSetting(db.kysely, ELIGIBILITY_BASIS)) as EligibilityBasis | undefined
  const wholeBase =
    !last ||
    last.asOf > asOf ||
    last.rules !== basis.rules ||
    last.suppressionsThrough !== basis.suppressionsThrough
  if (wholeBase)
    return { refreshed: await refreshAllEligibility(db, asOf, onProgress), wholeBase, customerIds: null }
  const ids = await customersDueForEligibility(db.kysely, asOf)
  const refreshed = await refreshEligibilityInBatches(db, ids, asOf, onProgress)
  await writeSystemState(db.kysely, ELIGIBILITY_BASIS, basis, new Date().toISOString())
  return { refreshed, wholeBase, customerIds: ids }
}

const ELIGIBILITY_BASIS = 'contact.eligibilityBasis'

/** What the stored answers rest on besides each customer's own facts. */
interface EligibilityBasis {
  asOf: IsoDate
  /** a hash of the company's contact settings and the legal profiles */
  rules: string
  /** the last suppression-list entry when the answers were refreshed */
  suppressionsThrough: number
}

async function currentBasis(db: Executor, asOf: IsoDate): Promise<EligibilityBasis> {
  const settings = await loadContactSettings(db)
  const rules = createHash('sha256')
    .update(JSON.stringify({ settings, profiles: [...contactProfiles.entries()] }))
    .digest('hex')
  const last = await db
    .selectFrom('suppression_list')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  return { asOf, rules, suppressionsThrough: Number(last?.id ?? 0) }
}

/** Customers whose answers are past their stable day, and customers without answers. */
async function customersDueForEligibility(db: Executor, asOf: IsoDate): Promise<number[]> {
  const due = await db
    .selectFrom('contact_eligibility')
    .select('customer_id')
    .distinct()
    .where((eb) => eb.or([eb('stable_through', '<', asOf), eb('stable_through', 'is', null)]))
    .execute()
  // every customer answered for has one row per channel (refreshEligibility): with as many rows of
  // the first channel as customers none is missing, and the whole base need not be looked through
  // (about a second at a million customers, on a night with none due)
  const noneMissing = (await countOf(db, 'customers')) === (await countOf(db, 'contact_eligibility'))
  const missing = noneMissing
    ? []
    : await db
        .selectFrom('customers as c')
        .select('c.id')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('contact_eligibility as e')
                .select('e.customer_id')
                .whereRef('e.customer_id', '=', 'c.id'),
            ),
          ),
        )
        .execute()
  return [...new Set([...due.map((r) => r.customer_id), ...missing.map((r) => r.id)])].sort((a, b) => a - b)
}

/** How many customers there are, or answers of the first channel (from its index). */
async function countOf(db: Executor, table: 'customers' | 'contact_eligibility'): Promise<number> {
  const row =
    table === 'customers'
      ? await db
          .selectFrom('customers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      : await db
          .selectFrom('contact_eligibility')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('channel', '=', contactChannels[0])
          .where('allowed', 'in', [0, 1])
          .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** What the list cache says per channel for these customers (for planning; a contact asks checkContacts). */
export async function loadEligibility(
  db: Executor,
  customerIds: readonly number[],
): Promise<Map<number, Map<ContactChannel, { allowed: boolean; blockers: ContactBlocker[] }>>> {
  const result = new Map<number, Map<ContactChannel, { allowed: boolean; blockers: ContactBlocker[] }>>()
  for (let i = 0; i < customerIds.length; i += 1000) {
    const rows = await db
      .selectFrom('contact_eligibility')
      .select(['customer_id', 'channel', 'allowed', 'blockers'])
      .where('customer_id', 'in', customerIds.slice(i, i + 1000))
      .execute()
    for (const r of rows) {
      const channels = result.get(r.customer_id) ?? new Map()
      result.set(r.customer_id, channels)
      channels.set(r.channel, {
        allowed: r.allowed === 1,
        blockers: JSON.parse(r.blockers) as ContactBlocker[],
      })
    }
  }
  return result
}
