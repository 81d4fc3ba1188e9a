import type { LifecycleStatus } from '../../../shared/lifecycle'
import { endOfMonth, type IsoDate, monthOf, toEpochDay } from '../../lib/dates'
import { type Classification, type CustomerFacts, classifyAt } from './classify'
import type { LifecycleThresholds } from './thresholds'

export interface StatusChange {
  /** "YYYY-MM": the status held at the end of this month (or at asOf in asOf's month) */
  month: string
  status: LifecycleStatus
  previous: LifecycleStatus | null
}

function firstActivityDay(facts: CustomerFacts): number | null {
  let first: number | null = facts.ledger.events[0]?.day ?? null
  for (const c of facts.contracts) {
    const d = toEpochDay(c.startedOn)
    if (first === null || d < first) first = d
  }
  return first
}

/**
 * The monthly status history, run-length encoded: the status at every month end from the first
 * purchase (or contract) to asOf, kept only where it changed. Transitions such as active → lost or
 * lost → reactivated are counted from these rows.
 */
export function statusHistory(
  facts: CustomerFacts,
  asOf: IsoDate,
  t: LifecycleThresholds,
  current?: Classification,
): StatusChange[] {
  const firstDay = firstActivityDay(facts)
  const asOfDay = toEpochDay(asOf)
  if (firstDay === null || firstDay > asOfDay) return []
  const changes: StatusChange[] = []
  let previous: LifecycleStatus | null = null
  const lastMonth = monthOf(asOf)
  let month = monthOf(new Date(firstDay * 86_400_000).toISOString().slice(0, 10))
  for (;;) {
    const isLast = month === lastMonth
    const day = isLast ? asOfDay : toEpochDay(endOfMonth(`${month}-01`))
    const status = isLast && current ? current.status : classifyAt(facts, day, t).status
    if (status !== previous) {
      changes.push({ month, status, previous })
      previous = status
    }
    if (isLast) break
    month = nextMonth(month)
  }
  return changes
}

function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}
