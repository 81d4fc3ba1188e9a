import type { CampaignArm } from '../../../shared/worklist'

/**
 * A number in [0, 1) from (seed, customer): FNV-1a over the text, then a murmur3 finaliser so that
 * neighbouring customer ids land far apart. The same campaign draws the same numbers on every run.
 */
export function armHash(seed: string, customerId: number): number {
  const text = `${seed}:${customerId}`
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return (h >>> 0) / 0x1_0000_0000
}

export interface ArmCandidate {
  customerId: number
  /** higher first: the win-back list's expected net value */
  priority: number
}

export interface ArmAssignment {
  arm: CampaignArm
  /** 0 = the highest-priority stratum */
  stratum: number
}

/**
 * Splits a target group into treatment and control. Members are ranked by priority and cut into
 * `strata` groups of (nearly) equal size; within each, the seeded hash orders them and the first
 * ones form the control group, so both arms hold the same mix of valuable and less valuable
 * customers. The control count is rounded cumulatively over the strata: the whole group's control
 * share is exact to one member and each stratum's to one member. Stable: the same members and seed
 * always give the same split.
 */
export function assignArms(
  candidates: readonly ArmCandidate[],
  options: { seed: string; controlShare: number; strata?: number },
): Map<number, ArmAssignment> {
  const { seed, controlShare } = options
  if (!(controlShare >= 0 && controlShare < 1)) throw new RangeError('controlShare must be in [0, 1)')
  const ranked = [...candidates].sort((a, b) => b.priority - a.priority || a.customerId - b.customerId)
  const strata = Math.max(1, Math.min(options.strata ?? 5, ranked.length))
  const result = new Map<number, ArmAssignment>()
  let assignedControl = 0
  for (let s = 0; s < strata; s++) {
    const from = Math.floor((s * ranked.length) / strata)
    const to = Math.floor(((s + 1) * ranked.length) / strata)
    const stratum = ranked
      .slice(from, to)
      .map((c) => ({ id: c.customerId, draw: armHash(seed, c.customerId) }))
      .sort((a, b) => a.draw - b.draw || a.id - b.id)
    const controlHere = Math.round(controlShare * to) - assignedControl
    stratum.forEach((c, i) => {
      result.set(c.id, { arm: i < controlHere ? 'control' : 'treatment', stratum: s })
    })
    assignedControl += controlHere
  }
  return result
}
