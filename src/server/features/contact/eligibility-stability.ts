import { addDays, addMonths, type IsoDate } from '../../lib/dates'
import { type ContactFacts, lastActivity } from './decide-contact'

/** With nothing dated ahead, a customer's answers are still checked again once a year. */
const LONGEST_DAYS = 365

/**
 * The last day through which the contact engine's answers for a customer stay what they are on
 * `asOf`, as long as nothing new is recorded: the day before the first day on which a dated fact
 * starts to count (a consent granted or withdrawn, an objection received, presumed consent
 * reviewed, each only from its day on) or a consent stops being fresh (its last activity falls
 * before the renewal cut-off, `renewalMonths` before the day). Pure. The nightly refresh redoes only
 * the customers past it (eligibility.ts); anything recorded in between refreshes its customer then.
 */
export function eligibilityStableThrough(facts: ContactFacts, asOf: IsoDate, renewalMonths: number): IsoDate {
  let first = addDays(asOf, LONGEST_DAYS + 1)
  const consider = (day: IsoDate | null | undefined) => {
    if (day && day > asOf && day < first) first = day
  }
  for (const o of facts.objections) consider(o.receivedAt)
  consider(facts.presumedConsent?.reviewedOn)
  for (const c of facts.consents) {
    consider(c.grantedAt)
    consider(c.withdrawnAt)
    const last = lastActivity(c)
    if (last !== '') consider(firstDayStale(last, renewalMonths))
  }
  return addDays(first, -1)
}

/**
 * The first day D on which a consent last active on `last` is no longer fresh: addMonths(D, −m) >
 * last (decide-contact.ts). Month ends make addMonths uneven (31 March − 1 month is 28 or 29
 * February), so the days around addMonths(last, m) are tried in order.
 */
function firstDayStale(last: IsoDate, renewalMonths: number): IsoDate {
  let day = addDays(addMonths(last, renewalMonths), -4)
  while (!(addMonths(day, -renewalMonths) > last)) day = addDays(day, 1)
  return day
}
