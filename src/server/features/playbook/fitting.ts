/** A measure as the playbook holds it, reduced to what choosing needs. */
export interface FittingMeasure {
  id: number
  reasonId: number | null
  position: number
}

/** A hook as the playbook holds it, reduced to what choosing needs. */
export interface FittingHook {
  id: number
  reasonIds: readonly number[]
  validFrom: string
  validUntil: string | null
}

/**
 * The measures that answer a customer's reasons, best first: those for one of the reasons (in the
 * reasons' order, then the playbook's), then the ones for any reason. Pure.
 */
export function measuresFor<M extends FittingMeasure>(
  measures: readonly M[],
  reasonIds: readonly number[],
): M[] {
  const byPosition = [...measures].sort((a, b) => a.position - b.position || a.id - b.id)
  const specific = reasonIds.flatMap((r) => byPosition.filter((m) => m.reasonId === r))
  const general = byPosition.filter((m) => m.reasonId === null)
  return [...new Set([...specific, ...general])]
}

/** The hooks valid on `day` that fit one of the reasons (a hook without reasons fits every customer). */
export function hooksFor<H extends FittingHook>(
  hooks: readonly H[],
  reasonIds: readonly number[],
  day: string,
): H[] {
  return hooks.filter(
    (h) =>
      h.validFrom <= day &&
      (h.validUntil === null || h.validUntil >= day) &&
      (h.reasonIds.length === 0 || h.reasonIds.some((r) => reasonIds.includes(r))),
  )
}

/** How often a measure won customers back, as far as the recorded outcomes tell. */
export interface MeasureEvidence {
  attempts: number
  won: number
}

/**
 * The fitting measures ranked by what they achieved: within the measures for the customer's reasons
 * (and then within the general ones), by the posterior mean win-back rate under a Beta prior centred
 * on the overall rate with the weight of `priorWeight` attempts, so a measure with little evidence
 * stays near the average instead of jumping to 0 % or 100 %; ties keep the playbook's order. Pure.
 */
export function rankMeasures<M extends FittingMeasure>(
  fitting: readonly M[],
  evidence: ReadonlyMap<number, MeasureEvidence>,
  overallRate: number,
  priorWeight = 10,
): M[] {
  const score = (m: M) => {
    const e = evidence.get(m.id) ?? { attempts: 0, won: 0 }
    return (overallRate * priorWeight + e.won) / (priorWeight + e.attempts)
  }
  const order = new Map(fitting.map((m, i) => [m.id, i]))
  const group = (m: M) => (m.reasonId === null ? 1 : 0)
  return [...fitting].sort(
    (a, b) => group(a) - group(b) || score(b) - score(a) || order.get(a.id)! - order.get(b.id)!,
  )
}
