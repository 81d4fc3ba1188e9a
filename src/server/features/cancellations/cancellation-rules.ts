import type { RetentionSummary } from '../../../shared/api/cancellations'
import type { CancellationOutcome } from '../../../shared/churn'
import type { IsoDate } from '../../lib/dates'
import { AppError, say } from '../../lib/errors'

/**
 * Cancellation management for contracts (seed 003): a cancellation is received, a retention offer
 * made, and it is withdrawn or becomes effective. These rules say what each step does to the
 * contract's dates, so that the lifecycle classification sees a cancelled contract at once and a
 * withdrawn one as running again.
 */

export interface ContractDates {
  startedOn: IsoDate
  endsOn: IsoDate | null
  cancelledOn: IsoDate | null
}

/** The contract's dates once a cancellation is received. */
export function receiveCancellation(
  contract: ContractDates,
  openCancellation: boolean,
  receivedOn: IsoDate,
  effectiveOn: IsoDate | null,
): ContractDates {
  if (openCancellation) throw new AppError('conflict', say('cancellationExists'))
  if (receivedOn < contract.startedOn)
    throw new AppError('validation_failed', say('receivedBeforeContract', { day: receivedOn }))
  if (contract.endsOn && contract.endsOn < receivedOn && !contract.cancelledOn)
    throw new AppError('validation_failed', say('contractEnded', { day: contract.endsOn }))
  if (effectiveOn && effectiveOn < receivedOn)
    throw new AppError('validation_failed', say('effectiveBeforeArrival'))
  return { ...contract, cancelledOn: receivedOn, endsOn: effectiveOn ?? contract.endsOn }
}

/**
 * The contract's dates once the cancellation is decided. Withdrawn: the contract runs on, without the
 * cancellation; its end is what it was before, unless that end itself came from an imported
 * cancellation. Effective: it ends on the effective day (or the day of the decision when none was given).
 */
export function decideCancellation(
  current: ContractDates,
  before: { cancelledOn: IsoDate | null; endsOn: IsoDate | null },
  cancellation: { receivedOn: IsoDate; effectiveOn: IsoDate | null; outcome: CancellationOutcome },
  outcome: 'withdrawn' | 'effective',
  decidedOn: IsoDate,
): ContractDates {
  if (cancellation.outcome !== 'pending')
    throw new AppError('conflict', say('cancellationAlready', { outcome: cancellation.outcome }))
  if (decidedOn < cancellation.receivedOn)
    throw new AppError('validation_failed', say('decisionBeforeCancellation'))
  if (outcome === 'withdrawn')
    return { ...current, cancelledOn: null, endsOn: before.cancelledOn ? null : before.endsOn }
  return { ...current, endsOn: cancellation.effectiveOn ?? current.endsOn ?? decidedOn }
}

export interface CancellationFacts<R> {
  outcome: CancellationOutcome
  retentionOffer: string | null
  reason: R | null
  reasonKey: number | null
  monthlyValueCents: number | null
}

const rate = (withdrawn: number, effective: number) =>
  withdrawn + effective === 0 ? null : withdrawn / (withdrawn + effective)

/** How well retention works: in all, per offer (as typed, trimmed, case-insensitive) and per reason. */
export function summariseRetention<R>(rows: readonly CancellationFacts<R>[]): Omit<
  RetentionSummary,
  'byReason'
> & {
  byReason: { reason: R | null; received: number; withdrawn: number; effective: number }[]
} {
  const count = (o: CancellationOutcome) => rows.filter((r) => r.outcome === o).length
  const withdrawn = count('withdrawn')
  const effective = count('effective')
  const offers = new Map<string, { offer: string; attempts: number; withdrawn: number; effective: number }>()
  const reasons = new Map<
    number | null,
    { reason: R | null; received: number; withdrawn: number; effective: number }
  >()
  for (const r of rows) {
    if (r.retentionOffer?.trim()) {
      const key = r.retentionOffer.trim().toLowerCase()
      const o = offers.get(key) ?? { offer: r.retentionOffer.trim(), attempts: 0, withdrawn: 0, effective: 0 }
      o.attempts++
      if (r.outcome === 'withdrawn') o.withdrawn++
      if (r.outcome === 'effective') o.effective++
      offers.set(key, o)
    }
    const g = reasons.get(r.reasonKey) ?? { reason: r.reason, received: 0, withdrawn: 0, effective: 0 }
    g.received++
    if (r.outcome === 'withdrawn') g.withdrawn++
    if (r.outcome === 'effective') g.effective++
    reasons.set(r.reasonKey, g)
  }
  return {
    received: rows.length,
    pending: count('pending'),
    withRetentionOffer: rows.filter((r) => r.retentionOffer?.trim()).length,
    withdrawn,
    effective,
    retentionRate: rate(withdrawn, effective),
    keptMonthlyValueCents: rows
      .filter((r) => r.outcome === 'withdrawn')
      .reduce((s, r) => s + (r.monthlyValueCents ?? 0), 0),
    byOffer: [...offers.values()]
      .map((o) => ({ ...o, retentionRate: rate(o.withdrawn, o.effective) }))
      .sort((a, b) => b.attempts - a.attempts || a.offer.localeCompare(b.offer)),
    byReason: [...reasons.values()].sort((a, b) => b.received - a.received),
  }
}
