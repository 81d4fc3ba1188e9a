import { type IsoDate, toEpochDay } from '../../lib/dates'
import type { WinbackSituation } from './probability'

const DAYS_PER_MONTH = 365.25 / 12

/** What the probability model needs to know about one customer, from what is recorded about them. */
export function situationOf(input: {
  reasonKinds: readonly string[]
  lastPurchaseOn: IsoDate | null
  today: IsoDate
  ease: number | null
  positiveResponses: number
}): WinbackSituation {
  return {
    controllableReason: input.reasonKinds.includes('controllable'),
    externalReason: input.reasonKinds.includes('external'),
    monthsSinceLoss: input.lastPurchaseOn
      ? (toEpochDay(input.today) - toEpochDay(input.lastPurchaseOn)) / DAYS_PER_MONTH
      : 0,
    ease: input.ease,
    positiveResponses: input.positiveResponses,
  }
}
