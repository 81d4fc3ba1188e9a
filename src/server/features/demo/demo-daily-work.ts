import { fakerDE } from '@faker-js/faker'
import type { CallInput } from '../../../shared/api/worklist'
import type { Db } from '../../db/database'
import { addDays, type IsoDate, weekdayOf } from '../../lib/dates'
import { isAppError } from '../../lib/errors'
import { createCampaign, launchCampaign } from '../campaigns/campaign.service'
import { loadEligibility } from '../contact/eligibility'
import { createHook } from '../playbook/playbook.service'
import { routeCandidates } from '../playbook/route-candidates'
import { buildWinbackList } from '../winback/winback-list'
import { logCall } from '../worklist/log-call'
import { loadWorklistSettings } from '../worklist/worklist-settings'
import { demoReasonParts } from './demo-notes'
import { DEMO_SEED } from './generate-demo-company'

/** The last `n` working days before `today`, oldest first. */
function lastWorkingDays(today: IsoDate, n: number): IsoDate[] {
  const days: IsoDate[] = []
  for (let d = addDays(today, -1); days.length < n; d = addDays(d, -1))
    if (weekdayOf(d) !== 0 && weekdayOf(d) !== 6) days.unshift(d)
  return days
}

/**
 * The demo's daily work, so a new user sees a living Tagesliste: company news as hooks, a running
 * letter campaign with a control group (launched a week ago), and a week of calls by every rep and
 * the sales manager with their outcomes, offers and Wiedervorlagen (some due today, some overdue).
 * Calls go through the same service as the app (contact law, attempts, campaign steps).
 */
export async function loadDemoDailyWork(db: Db, today: IsoDate): Promise<void> {
  const f = fakerDE
  f.seed(DEMO_SEED + 31)
  const k = db.kysely
  const users = await k.selectFrom('users').select(['id', 'role', 'email']).orderBy('id').execute()
  const manager = users.find((u) => u.role === 'manager') ?? users[0]!
  const reasonIds = new Map(
    (await k.selectFrom('churn_reasons').select(['id', 'code']).execute()).map((r) => [r.code, r.id]),
  )
  const reasons = (...codes: string[]) => codes.map((c) => reasonIds.get(c)).filter((id) => id !== undefined)
  const hookActor = {
    userId: manager.id,
    now: `${addDays(today, -20)}T09:00:00.000Z`,
    today: addDays(today, -20),
  }
  const hooks = [
    {
      kind: 'new_product' as const,
      title: 'Neue Eigenmarke „Nordlicht Pro“',
      description: 'Profi-Qualität zum Preis der Standardware: ideal für Kunden, denen wir zu teuer waren.',
      reasonIds: reasons('price_performance', 'cheaper_competitor'),
      validFrom: addDays(today, -30),
      validUntil: addDays(today, 150),
    },
    {
      kind: 'payment_terms' as const,
      title: 'Zahlungsziel 60 Tage für Bestandskunden',
      description: 'Neue Zahlungsbedingungen ab diesem Quartal, auf Wunsch mit Ratenzahlung.',
      reasonIds: reasons('financial_trouble', 'restructuring'),
      validFrom: addDays(today, -60),
      validUntil: addDays(today, 90),
    },
    {
      kind: 'repair_service' as const,
      title: 'Reparaturservice in 48 Stunden',
      description: 'Eigene Werkstatt, Abholung und Leihgerät inklusive.',
      reasonIds: reasons('quality', 'delivery', 'criticism_ignored'),
      validFrom: addDays(today, -90),
      validUntil: null,
    },
    {
      kind: 'test_buyers' as const,
      title: 'Testkunden für das neue Lieferabo gesucht',
      description: 'Drei Monate Lieferabo zum halben Preis gegen eine ehrliche Rückmeldung.',
      reasonIds: [],
      validFrom: addDays(today, -14),
      validUntil: addDays(today, 45),
    },
  ]
  for (const hook of hooks) await createHook(k, hook, hookActor)

  await loadPastCampaign(db, today, manager.id)

  // a letter campaign with a 20 % control group, launched a week ago
  const voucher = await k
    .selectFrom('playbook_measures')
    .select('id')
    .where('name_de', '=', 'Gutschein')
    .executeTakeFirst()
  const launchDay = lastWorkingDays(today, 5)[0]!
  const campaignActor = { userId: manager.id, now: `${launchDay}T08:00:00.000Z`, today }
  const campaignId = await createCampaign(
    k,
    {
      name: 'Herbstaktion: Gutschein für verlorene Kunden',
      filter: { status: 'lost', contactableBy: 'letter', limit: 300 },
      measureId: voucher?.id ?? null,
      steps: [
        { offsetDays: 0, channel: 'phone' },
        { offsetDays: 14, channel: 'letter', note: 'Gutschein schriftlich bestätigen' },
        { offsetDays: 21, channel: 'email', note: 'Erinnerung an den Gutschein' },
      ],
      budget: '15.000,00',
      controlShare: 0.2,
      baselineRate: 0.04,
      minDifference: 0.06,
    },
    campaignActor,
  )
  await launchCampaign(k, campaignId, { ...campaignActor, today: launchDay })

  // a week of calls: the customers the day's choice would have given each caller
  const settings = await loadWorklistSettings(k)
  const list = await buildWinbackList(k, { ownerId: null }, today, { status: 'lost', sort: 'net_value' })
  const top = list.items.slice(0, 400)
  const eligibility = await loadEligibility(
    k,
    top.map((i) => i.customerId),
  )
  const callable = top.filter((i) => eligibility.get(i.customerId)?.get('phone')?.allowed)
  const routing = await routeCandidates(
    k,
    callable.map((i) => ({ customerId: i.customerId, valueCents: i.valueCents, status: 'lost' })),
    { premiumCents: settings.premiumCents, midCents: settings.midCents },
    'phone',
  )
  const callers = users.filter((u) => u.role === 'rep' || u.role === 'manager')
  const queue = new Map(callers.map((u) => [u.id, [] as number[]]))
  for (const i of callable) {
    const r = routing.get(i.customerId)
    if (r?.planned) queue.get(r.assigneeUserId)?.push(i.customerId)
  }
  const reasonCodes = ['price_performance', 'cheaper_competitor', 'quality', 'delivery', 'no_need']
  // the reason the customer gave, in their words, and what the call came to
  const saidReason = (outcome: string) => {
    const code = f.helpers.arrayElement(reasonCodes)
    // what the customer said; the call's own outcome replaces the note's next step
    const said = demoReasonParts(f, code)?.said ?? ''
    return { reasonId: reasonIds.get(code) ?? null, note: `${said} ${outcome}`.trim() }
  }
  for (const day of lastWorkingDays(today, 5)) {
    for (const caller of callers) {
      for (let n = 0; n < 2; n++) {
        const customerId = queue.get(caller.id)?.shift()
        if (customerId === undefined) continue
        const roll = f.number.float()
        const at = `${day}T${String(8 + n * 3 + f.number.int({ min: 0, max: 2 })).padStart(2, '0')}:${String(f.number.int({ min: 0, max: 59 })).padStart(2, '0')}:00.000Z`
        const later = (min: number, max: number) => addDays(day, f.number.int({ min, max }))
        const input: CallInput =
          roll < 0.3
            ? {
                channel: 'phone',
                reached: f.helpers.arrayElement(['not_reached', 'busy', 'voicemail'] as const),
              }
            : roll < 0.55
              ? {
                  channel: 'phone',
                  reached: 'reached',
                  outcome: 'offer_made',
                  offer: f.helpers.arrayElement([
                    '10 % auf die nächste Bestellung',
                    'Gutschein über 50 €',
                    'Versandkostenfrei für 3 Monate',
                  ]),
                  offerValue: f.helpers.arrayElement(['50,00', '80,00', '120,00']),
                  ...saidReason('Angebot per Telefon besprochen, schriftliche Bestätigung folgt.'),
                  next: { dueOn: later(2, 8), priority: 'high', note: 'Angebot nachfassen' },
                }
              : roll < 0.7
                ? {
                    channel: 'phone',
                    reached: 'reached',
                    outcome: 'call_back',
                    note: 'Einkäufer im Urlaub, Rückruf vereinbart.',
                    next: {
                      dueOn: later(3, 7),
                      dueTime: f.helpers.arrayElement(['09:30', '11:00', '14:30']),
                      priority: 'urgent',
                    },
                  }
                : roll < 0.82
                  ? {
                      channel: 'phone',
                      reached: 'reached',
                      outcome: 'interested',
                      ...saidReason('Interesse am neuen Sortiment, Katalog schicken.'),
                      next: { dueOn: later(5, 12), priority: 'normal', channel: 'letter' },
                    }
                  : roll < 0.95
                    ? {
                        channel: 'phone',
                        reached: 'reached',
                        outcome: 'no_interest',
                        ...saidReason('Kein Interesse mehr.'),
                      }
                    : {
                        channel: 'phone',
                        reached: 'reached',
                        outcome: 'won_back',
                        note: 'Bestellt nächste Woche wieder.',
                      }
        const actor = { userId: caller.id, now: at, today: day }
        const callerRole = { id: caller.id, role: caller.role }
        try {
          await logCall(k, customerId, input, actor, callerRole, { ownerId: null })
        } catch (error) {
          // a customer the law does not allow to be called that day is simply not called
          if (!(isAppError(error) && error.code === 'contact_not_allowed')) throw error
        }
      }
    }
  }
}

/**
 * A closed campaign of last spring, so the results show real numbers: the win-back calls the demo
 * made in its first three months form the treated arm, and a random fifth as many lost customers nobody
 * called form the control group (drawn as the app would, but after the fact).
 */
async function loadPastCampaign(db: Db, today: IsoDate, managerId: number): Promise<void> {
  const f = fakerDE
  f.seed(DEMO_SEED + 37)
  const k = db.kysely
  const launch = addDays(today, -240)
  const attempts = await k
    .selectFrom('winback_attempts')
    .select(['customer_id', 'started_on', 'probability'])
    .where('started_on', '>=', launch)
    .where('started_on', '<=', addDays(launch, 90))
    .orderBy('customer_id')
    .execute()
  const treated = [...new Map(attempts.map((a) => [a.customer_id, a])).values()]
  const called = new Set(
    (await k.selectFrom('winback_attempts').select('customer_id').execute()).map((a) => a.customer_id),
  )
  const lost = await k
    .selectFrom('customer_status')
    .select('customer_id')
    .where('status', '=', 'lost')
    .where('last_purchase_on', '<', launch)
    .orderBy('customer_id')
    .execute()
  const control = f.helpers.arrayElements(
    lost.filter((c) => !called.has(c.customer_id)),
    Math.round(treated.length / 4),
  )
  const voucher = await k
    .selectFrom('playbook_measures')
    .select('id')
    .where('name_de', '=', 'Gutschein')
    .executeTakeFirst()
  const at = `${launch}T08:00:00.000Z`
  const campaign = await k
    .insertInto('campaigns')
    .values({
      name: 'Frühjahrsaktion: Anruf mit Gutschein',
      state: 'closed',
      filter: JSON.stringify({ status: 'lost', contactableBy: 'phone' }),
      measure_id: voucher?.id ?? null,
      steps: JSON.stringify([{ offsetDays: 0, channel: 'phone' }]),
      budget_cents: 5_000_00,
      attribution_days: 120,
      control_share: 0.2,
      seed: 'demo-spring',
      baseline_rate: 0.04,
      min_difference: 0.1,
      skipped: JSON.stringify({ notContactable: 0, noAssignee: 0 }),
      launched_on: launch,
      closed_on: addDays(launch, 120),
      created_at: at,
      created_by: managerId,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const member = (
    customerId: number,
    arm: 'treatment' | 'control',
    rank: number,
    probability: number,
    contacted: IsoDate | null,
  ) => ({
    campaign_id: campaign.id,
    customer_id: customerId,
    arm,
    stratum: 0,
    rank,
    assignee_user_id: null,
    channel: 'phone' as const,
    expected_net_cents: 0,
    value_cents: 0,
    probability,
    contacted_on: contacted,
    added_at: at,
  })
  const rows = [
    ...treated.map((a, i) => member(a.customer_id, 'treatment', i + 1, Number(a.probability), a.started_on)),
    ...control.map((c, i) => member(c.customer_id, 'control', treated.length + i + 1, 0, null)),
  ]
  if (rows.length > 0) await k.insertInto('campaign_members').values(rows).execute()
}
