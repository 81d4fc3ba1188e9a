import type { PlannedChannel } from '../../../shared/worklist'

export interface PickCandidate {
  customerId: number
  assigneeUserId: number
  channel: PlannedChannel
  expectedNetCents: number
  probability: number
  /** 1 (hard) … 5 (easy), as the rep assessed it */
  ease: number | null
  /** rank on the win-back list (1 = first) */
  listRank: number
  /** a running campaign this customer is a treated member of */
  campaign: { id: number; name: string; rank: number } | null
}

/** Why a customer was chosen for the day: shown on the row and kept with the pick. */
export interface PickWhy {
  source: 'campaign' | 'winback_list'
  campaignId: number | null
  campaignName: string | null
  /** place on the campaign's or the win-back list */
  rank: number
  expectedNetCents: number
  probability: number
  ease: number | null
}

/** 0.6 for the hardest, 1.4 for the easiest, 1 when nobody has judged it. */
export function easeFactor(ease: number | null): number {
  return ease === null ? 1 : 0.6 + 0.2 * (Math.min(5, Math.max(1, ease)) - 1)
}

/**
 * The new customers of one user's day (seed 002: "one or two customers a day in every rep's
 * calendar"): their own routed customers only; treated members of running campaigns first (the
 * campaign is a commitment, in its order), then the win-back list by expected net value weighed by
 * how easy the rep judged the customer. The caller leaves out customers already being worked (an open
 * Wiedervorlage or attempt, a recent call, someone else's pick today). Pure and deterministic.
 */
export function chooseNewCustomers(
  candidates: readonly PickCandidate[],
  userId: number,
  perDay: number,
): { candidate: PickCandidate; why: PickWhy }[] {
  const mine = candidates.filter((c) => c.assigneeUserId === userId)
  const campaign = mine
    .filter((c) => c.campaign !== null)
    .sort((a, b) => a.campaign!.id - b.campaign!.id || a.campaign!.rank - b.campaign!.rank)
  const list = mine
    .filter((c) => c.campaign === null && c.expectedNetCents > 0)
    .map((c) => ({ c, score: c.expectedNetCents * easeFactor(c.ease) }))
    .sort((a, b) => b.score - a.score || a.c.listRank - b.c.listRank)
    .map((x) => x.c)
  return [...campaign, ...list].slice(0, Math.max(0, perDay)).map((c) => ({
    candidate: c,
    why: {
      source: c.campaign ? 'campaign' : 'winback_list',
      campaignId: c.campaign?.id ?? null,
      campaignName: c.campaign?.name ?? null,
      rank: c.campaign?.rank ?? c.listRank,
      expectedNetCents: c.expectedNetCents,
      probability: c.probability,
      ease: c.ease,
    },
  }))
}
