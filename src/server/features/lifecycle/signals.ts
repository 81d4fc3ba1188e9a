import type { ChurnSignal } from '../../../shared/lifecycle'
import type { ContractState } from './contracts'
import type { PurchaseEvent } from './purchases'
import { intervals, mean, median } from './rhythm'
import { type Season, seasonDaysBetween } from './seasons'
import type { LifecycleThresholds } from './thresholds'

export interface SignalInput {
  events: readonly PurchaseEvent[]
  /** purchases up to the day looked at: events[0..count) */
  count: number
  /** trends look only at purchases from this index on (the comeback purchase after a pause) */
  since: number
  interval: number | null
  daysSince: number
  contract: ContractState
  /** a seasonal buyer's season: daysSince and interval count season days, trends only in-season gaps */
  season?: Season | null
}

export function isOverdue(input: SignalInput, t: LifecycleThresholds): boolean {
  return (
    input.interval !== null &&
    input.daysSince > t.overdueFactor * input.interval &&
    input.daysSince >= t.minOverdueDays
  )
}

/** Churn signals: overdue against the own rhythm, intervals lengthening, order value falling, contract cancelled. */
export function detectSignals(input: SignalInput, t: LifecycleThresholds): ChurnSignal[] {
  const signals: ChurnSignal[] = []
  if (isOverdue(input, t)) {
    signals.push({
      code: 'overdue',
      params: {
        daysSince: input.daysSince,
        intervalDays: Math.round(input.interval!),
        factor: t.overdueFactor,
        // a seasonal buyer's days count in their season: named, so a later day can count them on
        ...(input.season
          ? {
              seasonFrom: input.season.from,
              seasonTo: input.season.to,
              lastPurchase: input.events[input.count - 1]!.date,
            }
          : {}),
      },
    })
  }
  const recentEvents = input.events.slice(
    Math.max(input.since, input.count - t.rhythmWindow - 3),
    input.count,
  )
  const gaps = input.season ? inSeasonGaps(input.season, recentEvents) : intervals(recentEvents)
  if (input.count - input.since >= 5 && gaps.length >= 3) {
    const recent = mean(gaps.slice(-2))!
    const usual = median(gaps.slice(0, -2).slice(-t.rhythmWindow))!
    if (usual > 0 && recent >= t.lengtheningRatio * usual) {
      signals.push({
        code: 'intervals_lengthening',
        params: { recentDays: Math.round(recent), usualDays: Math.round(usual) },
      })
    }
  }
  if (input.count - input.since >= 6) {
    const values = input.events.slice(input.since, input.count).map((e) => e.netCents)
    const recent = mean(values.slice(-3))!
    const earlier = mean(values.slice(-9, -3))!
    if (earlier > 0 && recent <= t.fallingValueRatio * earlier) {
      signals.push({
        code: 'order_value_falling',
        params: {
          recentCents: Math.round(recent),
          earlierCents: Math.round(earlier),
          dropPercent: Math.round((1 - recent / earlier) * 100),
        },
      })
    }
  }
  if (input.contract.cancelled) {
    signals.push({
      code: 'contract_cancelled',
      params: {
        cancelledOn: input.contract.cancelled.cancelledOn,
        endsOn: input.contract.cancelled.endsOn ?? '',
      },
    })
  }
  return signals
}

/** Gaps between purchases of a seasonal buyer in season days: the off-season is not a lengthening interval. */
function inSeasonGaps(season: Season, events: readonly PurchaseEvent[]): number[] {
  const gaps: number[] = []
  for (let i = 1; i < events.length; i++)
    gaps.push(seasonDaysBetween(season, events[i - 1]!.day, events[i]!.day))
  return gaps
}
