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
