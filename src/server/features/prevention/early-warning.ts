import type { ChurnSignal, LifecycleStatus } from '../../../shared/lifecycle'
import type { WarningCode, WarningSignal, WarningSignKind } from '../../../shared/prevention'
import { addDays, type IsoDate } from '../../lib/dates'

export interface EarlyWarningSettings {
  /** P(alive) must have fallen by at least this much since the scoring before (0–1) */
  pAliveDrop: number
  /** recorded warning signs count this many days */
  signDays: number
}

export const defaultEarlyWarningSettings: EarlyWarningSettings = Object.freeze({
  pAliveDrop: 0.15,
  signDays: 90,
})

/** Customers the early warning watches: those still buying. Sleeping and lost ones are win-back's. */
export const watchedStatuses: readonly LifecycleStatus[] = ['new', 'active', 'reactivated', 'at_risk']

export interface EarlyWarningInput {
  status: LifecycleStatus
  churnSignals: readonly ChurnSignal[]
  pAlive: number | null
  previousPAlive: number | null
  signs: readonly { kind: WarningSignKind; notedOn: IsoDate; note: string | null }[]
  today: IsoDate
}

/**
 * How strongly each signal points to a loss on its own (0–1). Heuristic weights: a cancelled
 * contract or a complaint says more than a late order; combined as independent evidence.
 */
const weight: Record<WarningCode, number> = {
  p_alive_fell: 0.3,
  overdue: 0.3,
  intervals_lengthening: 0.25,
  order_value_falling: 0.25,
  contract_cancelled: 0.6,
  complaint: 0.4,
  cancelled_visit: 0.3,
  competitor_mentioned: 0.4,
  contact_person_left: 0.3,
  other: 0.2,
}

/**
 * The signals that put a watched customer on the early-warning list: P(alive) fell by more than the
 * set amount since the scoring before, the lifecycle's churn signals (overdue against the own rhythm,
 * lengthening intervals, falling order value, a cancelled contract) and the warning signs recorded in
 * the last `signDays` days. Pure.
 */
export function warningSignals(input: EarlyWarningInput, settings: EarlyWarningSettings): WarningSignal[] {
  if (!watchedStatuses.includes(input.status)) return []
  const signals: WarningSignal[] = []
  if (
    input.pAlive !== null &&
    input.previousPAlive !== null &&
    // a hair of tolerance: 0.9 − 0.8 is 0.0999… in floating point
    input.previousPAlive - input.pAlive >= settings.pAliveDrop - 1e-9
  )
    signals.push({
      code: 'p_alive_fell',
      params: { from: round(input.previousPAlive), to: round(input.pAlive) },
    })
  for (const s of input.churnSignals) signals.push({ code: s.code, params: s.params })
  // most watched customers have no warning sign recorded: no day worked out for them
  if (input.signs.length === 0) return signals
  const since = addDays(input.today, -settings.signDays)
  const recent = input.signs
    .filter((s) => s.notedOn >= since && s.notedOn <= input.today)
    .sort((a, b) => b.notedOn.localeCompare(a.notedOn))
  for (const kind of new Set(recent.map((s) => s.kind))) {
    const latest = recent.find((s) => s.kind === kind)!
    signals.push({
      code: kind,
      params: {
        notedOn: latest.notedOn,
        count: recent.filter((s) => s.kind === kind).length,
        note: latest.note ?? '',
      },
    })
  }
  return signals
}

/**
 * The risk the signals point to, 0–1: each signal as independent evidence, 1 − Π(1 − w). A larger
 * fall of P(alive) weighs more (up to twice the weight for a fall to nothing). Pure.
 */
export function warningRisk(signals: readonly WarningSignal[]): number {
  let stay = 1
  for (const s of signals) {
    let w = weight[s.code]
    if (s.code === 'p_alive_fell') w = Math.min(0.9, w * (1 + Number(s.params.from) - Number(s.params.to)))
    stay *= 1 - w
  }
  return 1 - stay
}

/** The churn reasons a signal suggests, for the playbook's retention step (codes of the catalogue). */
export function reasonsSuggestedBy(signals: readonly WarningSignal[]): string[] {
  const suggested: Partial<Record<WarningCode, string>> = {
    complaint: 'criticism_ignored',
    competitor_mentioned: 'cheaper_competitor',
    order_value_falling: 'price_performance',
    contact_person_left: 'contact_person_changed',
  }
  return [...new Set(signals.flatMap((s) => (suggested[s.code] ? [suggested[s.code]!] : [])))]
}

function round(p: number): number {
  return Math.round(p * 1000) / 1000
}
