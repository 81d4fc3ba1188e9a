import type { IsoDate } from './dates'

/** Who does something and when: kept with what they record, and the day rules are judged on. */
export interface Actor {
  userId: number | null
  /** ISO timestamp of the action */
  now: string
  /** the company's today */
  today: IsoDate
}
