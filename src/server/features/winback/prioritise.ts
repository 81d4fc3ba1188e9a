import type { ExclusionReason } from '../../../shared/winback'
import type { Gate } from './valuation'

const legal = new Set<ExclusionReason>(['objected', 'do_not_contact'])

export interface ExclusionFacts {
  objected: boolean
  doNotContact: boolean
  insolventOrClosed: boolean
  switchedForGood: boolean
  /** win-back offers the customer turned down */
  refusals: number
  /** a person's decision: exclude or include, with a note */
  manual: { decision: 'exclude' | 'include'; note: string } | null
  /** a recent win-back: promised and waiting for the first order, or proved by a purchase */
  winBack: 'awaiting_order' | 'won_back' | null
}

/**
 * The first reason that takes a customer off the list. A manual include overrides the judgement
 * calls (closed, switched, refused twice) but never an objection or a do-not-contact flag.
 */
export function exclusionOf(f: ExclusionFacts): ExclusionReason | null {
  if (f.objected) return 'objected'
  if (f.doNotContact) return 'do_not_contact'
  if (f.winBack) return f.winBack
  if (f.manual?.decision === 'exclude') return 'manual'
  const judged: ExclusionReason | null = f.insolventOrClosed
    ? 'insolvent_or_closed'
    : f.switchedForGood
      ? 'switched_for_good'
      : f.refusals >= 2
        ? 'refused_twice'
        : null
  if (judged && f.manual?.decision === 'include' && !legal.has(judged)) return null
  return judged
}

export interface Candidate {
  customerId: number
  valueCents: number
  probability: number
  costCents: number
  effortMinutes: number
  /** 1 (hard) … 5 (easy); null when not rated */
  ease: number | null
  gate: Gate
  exclusion: ExclusionReason | null
}

export type PrioritySort = 'net_value' | 'ease'

/** The ones worth trying: not excluded, past the CRC/CLV gate. */
export function onTheList(c: Candidate): boolean {
  return c.exclusion === null && c.gate.verdict === 'worth_it'
}

/**
 * The win-back list: by expected net value (largest first), or "easiest first" (ease, then
 * probability, then net value). Ties go to the lower customer id, so the order is stable.
 */
export function prioritise(candidates: readonly Candidate[], sort: PrioritySort = 'net_value'): Candidate[] {
  return candidates.filter(onTheList).sort(priorityOrder(sort, netOfCandidate))
}

const netOfCandidate = (c: Candidate) => c.gate.expectedNetCents

/** What a customer's place on the list is decided by, besides their expected net value. */
interface Orderable {
  customerId: number
  probability: number
  ease: number | null
}

/**
 * The order of the win-back list (see prioritise) of candidates or of what was kept of them (the
 * net value read by `netOf`): a total order, ties go to the lower customer id.
 */
export function priorityOrder<T extends Orderable>(
  sort: PrioritySort,
  netOf: (x: T) => number,
): (a: T, b: T) => number {
  const byNet = (a: T, b: T) => netOf(b) - netOf(a)
  return (a, b) => {
    const primary =
      sort === 'net_value'
        ? byNet(a, b)
        : (b.ease ?? 3) - (a.ease ?? 3) || b.probability - a.probability || byNet(a, b)
    return primary || a.customerId - b.customerId
  }
}

/** The order of the customers sorted out: the most valuable first (worth a second look), ties by id. */
export function sortedOutOrder(
  a: { valueCents: number; customerId: number },
  b: { valueCents: number; customerId: number },
): number {
  return b.valueCents - a.valueCents || a.customerId - b.customerId
}

/**
 * Two lists each in `order` as one list in that order, in one pass: a list of a million brought
 * up to date for a few customers without sorting it again.
 */
export function mergeInOrder<T>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number): T[] {
  const merged: T[] = new Array(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) merged[k++] = order(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!
  while (i < a.length) merged[k++] = a[i++]!
  while (j < b.length) merged[k++] = b[j++]!
  return merged
}

export interface CurvePoint {
  contacts: number
  hours: number
  cumulativeNetCents: number
}

export interface EffortCurve {
  points: CurvePoint[]
  /** the sum of every positive expected net value on the list */
  totalNetCents: number
  /** the first point reaching 80 % of the total; null on an empty list */
  eightyPercent: CurvePoint | null
  /** the last point that still adds value: the next contact's expected net value is ≤ 0 */
  stopHere: CurvePoint | null
}

/**
 * The Pareto effort curve of a prioritised list: cumulative expected net value against the number of
 * contacts and against hours of work. Net value already subtracts the hours at the hourly rate, so
 * the first contact with a net value ≤ 0 is where the next hour no longer pays.
 */
export function effortCurve(list: readonly Candidate[]): EffortCurve {
  return curveAlong(list, netOfCandidate)
}

/**
 * The effort curve (see effortCurve) along a prioritised list of anything with its net value and
 * minutes, with at most `maxPoints` of its points besides the 80 % and stop points (evenly spread,
 * always the first and the last): the web app draws a few hundred, and a list of a million brought
 * up to date after a write should not make a million points for them.
 */
export function curveAlong<T extends { effortMinutes: number }>(
  list: readonly T[],
  netOf: (x: T) => number,
  maxPoints = Number.POSITIVE_INFINITY,
): EffortCurve {
  let totalNetCents = 0
  for (const c of list) totalNetCents += Math.max(0, netOf(c))
  const stopAt = stopIndex(list, netOf)
  const eightyAt = list.length === 0 || totalNetCents <= 0 ? null : 0.8 * totalNetCents
  const count = list.length + 1
  const step = count <= maxPoints ? 1 : (count - 1) / (maxPoints - 1)
  const points: CurvePoint[] = []
  let eightyPercent: CurvePoint | null = null
  let stopHere: CurvePoint | null = null
  let grid = 0
  let minutes = 0
  let cumulative = 0
  for (let contacts = 0; contacts < count; contacts++) {
    if (contacts > 0) {
      const c = list[contacts - 1]!
      minutes += c.effortMinutes
      cumulative += netOf(c)
    }
    const onGrid = step === 1 || contacts === Math.round(grid * step)
    if (onGrid) grid++
    const eighty = eightyPercent === null && eightyAt !== null && contacts > 0 && cumulative >= eightyAt
    const stop = list.length > 0 && contacts === stopAt
    if (!onGrid && !eighty && !stop) continue
    const point = { contacts, hours: minutes / 60, cumulativeNetCents: cumulative }
    points.push(point)
    if (eighty) eightyPercent = point
    if (stop) stopHere = point
  }
  return { points, totalNetCents, eightyPercent, stopHere }
}

/**
 * Where the curve's stop point is on a prioritised list: the first contact whose expected net value
 * is ≤ 0 (every contact from there on is past it), else the list's length.
 */
export function stopIndex<T>(list: readonly T[], netOf: (x: T) => number): number {
  const at = list.findIndex((c) => netOf(c) <= 0)
  return at < 0 ? list.length : at
}
