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
  const list = candidates.filter(onTheList)
  const byNet = (a: Candidate, b: Candidate) => b.gate.expectedNetCents - a.gate.expectedNetCents
  return list.sort((a, b) => {
    const primary =
      sort === 'net_value'
        ? byNet(a, b)
        : (b.ease ?? 3) - (a.ease ?? 3) || b.probability - a.probability || byNet(a, b)
    return primary || a.customerId - b.customerId
  })
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
  const points: CurvePoint[] = [{ contacts: 0, hours: 0, cumulativeNetCents: 0 }]
  let minutes = 0
  let cumulative = 0
  let stopHere: CurvePoint | null = null
  for (const c of list) {
    if (stopHere === null && c.gate.expectedNetCents <= 0) stopHere = points[points.length - 1]!
    minutes += c.effortMinutes
    cumulative += c.gate.expectedNetCents
    points.push({ contacts: points.length, hours: minutes / 60, cumulativeNetCents: cumulative })
  }
  const totalNetCents = list.reduce((s, c) => s + Math.max(0, c.gate.expectedNetCents), 0)
  const eightyPercent =
    list.length === 0 || totalNetCents <= 0
      ? null
      : (points.find((p) => p.contacts > 0 && p.cumulativeNetCents >= 0.8 * totalNetCents) ?? null)
  return {
    points,
    totalNetCents,
    eightyPercent,
    stopHere: stopHere ?? (list.length > 0 ? points.at(-1)! : null),
  }
}
