import { type Kysely, sql } from 'kysely'
import type {
  EarlyWarningDto,
  EarlyWarningListDto,
  WarningSignDto,
  WarningSignInput,
} from '../../../shared/api/prevention'
import { signalCodes } from '../../../shared/lifecycle'
import type { WarningSignal } from '../../../shared/prevention'
import { chunks } from '../../db/bulk'
import type { Db } from '../../db/database'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { addDays, type IsoDate } from '../../lib/dates'
import { AppError, say } from '../../lib/errors'
import { displayName } from '../customers/customer-rows'
import type { CustomerScope } from '../customers/customer-scope'
import { inputDate, requireCustomer } from '../customers/require-customer'
import { classificationDay } from '../lifecycle/lifecycle.repository'
import { measuresFor } from '../playbook/fitting'
import { loadMeasures } from '../playbook/playbook.repository'
import { reasonsSuggestedBy } from './early-warning'
import { lastRefreshedOn } from './prevention-settings'
import { churnSignalsShown, refreshEarlyWarnings } from './refresh-early-warnings'

/** How many of the list one answer carries, riskiest value first. */
const LIMIT = 300

/**
 * The early-warning list as its reader may see it (reps: their own customers), the biggest expected
 * loss (risk × annual value) first, each with the playbook's retention step for its signals and
 * recorded reasons. `onlyNew`: those that came onto the list in the last seven days (the weekly digest).
 */
export async function listEarlyWarnings(
  db: Kysely<Database>,
  options: { scope: CustomerScope; today: IsoDate; onlyNew?: boolean },
): Promise<EarlyWarningListDto> {
  const newSince = addDays(options.today, -6)
  let base = db
    .selectFrom('early_warnings as ew')
    .innerJoin('customers as c', 'c.id', 'ew.customer_id')
    .where('c.erased_at', 'is', null)
  if (options.scope.ownerId !== null) base = base.where('c.owner_user_id', '=', options.scope.ownerId)
  const totals = await base
    .select((eb) => [
      eb.fn.countAll<string>().as('n'),
      eb.fn.sum<string>('ew.value_cents').as('value'),
      eb.fn.sum<string>(eb.case().when('ew.first_seen_on', '>=', newSince).then(1).else(0).end()).as('fresh'),
    ])
    .executeTakeFirstOrThrow()
  let listed = base
    .innerJoin('customer_status as s', 's.customer_id', 'ew.customer_id')
    .leftJoin('users as u', 'u.id', 'c.owner_user_id')
    .select([
      'ew.customer_id',
      'ew.first_seen_on',
      'ew.signals',
      'ew.risk',
      'ew.value_cents',
      'c.customer_number',
      'c.company_name',
      'c.first_name',
      'c.last_name',
      's.status',
      's.as_of as status_as_of',
      's.rule_params',
      's.signals as status_signals',
      'u.name as owner',
    ])
    .orderBy(sql`ew.risk * ew.value_cents`, 'desc')
    .orderBy('ew.customer_id')
    .limit(LIMIT)
  if (options.onlyNew) listed = listed.where('ew.first_seen_on', '>=', newSince)
  const rows = await listed.execute()
  const classifiedAsOf = await classificationDay(db)
  const measures = await loadMeasures(db)
  const reasonIdOf = new Map(
    (await db.selectFrom('churn_reasons').select(['id', 'code']).execute()).map((r) => [r.code, r.id]),
  )
  const statedOf = new Map<number, number[]>()
  for (const part of chunks(rows.map((r) => r.customer_id)))
    for (const r of await db
      .selectFrom('customer_churn_reasons')
      .select(['customer_id', 'reason_id'])
      .where('customer_id', 'in', part)
      .execute())
      statedOf.set(r.customer_id, [...(statedOf.get(r.customer_id) ?? []), r.reason_id])
  const items = rows.map((r): EarlyWarningDto => {
    const signals = signalsAsOfToday(JSON.parse(r.signals) as WarningSignal[], r, classifiedAsOf)
    const reasonIds = [
      ...reasonsSuggestedBy(signals).flatMap((code) => reasonIdOf.get(code) ?? []),
      ...(statedOf.get(r.customer_id) ?? []),
    ]
    const measure = measuresFor(measures, reasonIds)[0]
    return {
      customerId: r.customer_id,
      customerNumber: r.customer_number,
      name: displayName(r),
      owner: r.owner,
      status: r.status,
      signals,
      risk: Number(r.risk),
      valueCents: Number(r.value_cents),
      firstSeenOn: String(r.first_seen_on),
      isNew: String(r.first_seen_on) >= newSince,
      suggestion: measure
        ? {
            measureId: measure.id,
            kind: measure.kind,
            name: measure.name,
            talkingPoints: measure.talkingPoints,
          }
        : null,
    }
  })
  return {
    refreshedOn: await lastRefreshedOn(db),
    newSince,
    total: Number(totals.n),
    newThisWeek: Number(totals.fresh ?? 0),
    valueAtStakeCents: Number(totals.value ?? 0),
    items,
  }
}

/**
 * A row's signals with its churn signals as the customer's status row shows them today: a row the
 * night did not work out again (nothing of it changed) was worked out on an earlier day, and the
 * days of its churn signals (overdue by, since) have moved on since, as the status row's have.
 */
function signalsAsOfToday(
  stored: readonly WarningSignal[],
  status: { status_as_of: string; rule_params: string; status_signals: string },
  classifiedAsOf: IsoDate | null,
): WarningSignal[] {
  const churn = churnSignalsShown(
    { as_of: status.status_as_of, rule_params: status.rule_params, signals: status.status_signals },
    classifiedAsOf,
  )
  const isChurn = (s: WarningSignal) => (signalCodes as readonly string[]).includes(s.code)
  // in the order refreshEarlyWarnings gives them: the fall of P(alive), churn signals, signs
  return [
    ...stored.filter((s) => s.code === 'p_alive_fell'),
    ...churn.map((s) => ({ code: s.code, params: s.params })),
    ...stored.filter((s) => s.code !== 'p_alive_fell' && !isChurn(s)),
  ]
}

export async function listWarningSigns(
  db: Kysely<Database>,
  customerId: number,
  scope: CustomerScope,
): Promise<WarningSignDto[]> {
  await requireCustomer(db, customerId, scope.ownerId)
  const rows = await db
    .selectFrom('warning_signs as w')
    .leftJoin('users as u', 'u.id', 'w.created_by')
    .select(['w.id', 'w.kind', 'w.noted_on', 'w.note', 'w.created_at', 'w.created_by', 'u.name as by'])
    .where('w.customer_id', '=', customerId)
    .orderBy('w.noted_on', 'desc')
    .orderBy('w.id', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    notedOn: String(r.noted_on),
    note: r.note,
    by: r.by,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }))
}

/**
 * Records a warning sign (a complaint, a cancelled visit) and puts the customer on the early-warning
 * list at once if they are watched. Anyone who may see the customer may record one.
 */
export async function recordWarningSign(
  db: Db,
  customerId: number,
  input: WarningSignInput,
  actor: Actor,
  scope: CustomerScope,
): Promise<number> {
  const notedOn = input.notedOn ? inputDate('notedOn', input.notedOn, actor.today) : actor.today
  const id = await db.kysely.transaction().execute(async (trx) => {
    const customer = await requireCustomer(trx, customerId, scope.ownerId)
    if (customer.erased_at !== null) throw new AppError('not_found', say('customerErased'))
    const row = await trx
      .insertInto('warning_signs')
      .values({
        customer_id: customerId,
        kind: input.kind,
        noted_on: notedOn,
        note: input.note ? input.note : null,
        created_at: actor.now,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
  await refreshEarlyWarnings({ db, today: actor.today, now: actor.now, customerIds: [customerId] })
  return id
}

/** Takes back a sign recorded by mistake: its author, or a manager. */
export async function deleteWarningSign(
  db: Db,
  id: number,
  actor: Actor,
  caller: { id: number; role: string },
  scope: CustomerScope,
): Promise<void> {
  const sign = await db.kysely
    .selectFrom('warning_signs')
    .select(['customer_id', 'created_by'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!sign) throw new AppError('not_found', say('noSuchWarningSign'))
  await requireCustomer(db.kysely, sign.customer_id, scope.ownerId)
  if (caller.role === 'rep' && sign.created_by !== caller.id)
    throw new AppError('forbidden', say('warningSignAuthor'))
  await db.kysely.deleteFrom('warning_signs').where('id', '=', id).execute()
  await refreshEarlyWarnings({ db, today: actor.today, now: actor.now, customerIds: [sign.customer_id] })
}
