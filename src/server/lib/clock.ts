import { type IsoDate, todayIn } from './dates'

/** The company's "today": the date in its time zone at the injected clock's moment. */
export function companyToday(clock: () => Date, timeZone: string): IsoDate {
  return todayIn(timeZone, clock())
}
