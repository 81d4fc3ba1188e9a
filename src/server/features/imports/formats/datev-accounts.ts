import type { IsoDate } from '../../../lib/dates'
import { type ServerText, say } from '../../../lib/errors'
import type { DatevHeader } from './datev-header'

/**
 * What an account number is in DATEV: ledger accounts have `length` digits (4 by default), debtor
 * (customer) accounts 1 to 6 and creditor accounts 7 to 9 followed by `length` more digits
 * (10000–69999 and 70000–99999 with four-digit ledger accounts).
 */
export type AccountClass = 'ledger' | 'debtor' | 'creditor'

export function accountClass(account: number, length: number): AccountClass {
  const base = 10 ** length
  if (account < base) return 'ledger'
  if (account < 7 * base) return 'debtor'
  return 'creditor'
}

/** The first four digits of a ledger account: charts of accounts are defined on those. */
function leading4(account: number, length: number): number {
  return Math.floor(account / 10 ** (length - 4))
}

/**
 * Revenue accounts: class 8 in SKR 03, class 4 in SKR 04. Without a chart in the header either
 * counts (class 4 in SKR 03 is expenses, which no booking against a customer uses).
 */
export function isRevenueAccount(account: number, length: number, chart: string | null): boolean {
  if (accountClass(account, length) !== 'ledger') return false
  const group = Math.floor(leading4(account, length) / 1000)
  if (chart === '03') return group === 8
  if (chart === '04') return group === 4
  return group === 8 || group === 4
}

/** Sales tax keys (Steuerschlüssel) of DATEV: the rate each stands for. */
const TAX_KEYS: Record<number, number> = { 1: 0, 2: 7, 3: 19, 5: 16 }

export interface BuKey {
  /** the correction digit 2: the booking is reversed (Generalumkehr) */
  reversal: boolean
  /** the sales tax rate the key names, or null when it names none */
  vatPercent: number | null
}

/**
 * "3" (19 %), "2" (7 %), "23" (reversal, 19 %), "40" (automatic tax switched off: no tax): the last
 * digit is the tax key, the one before it the correction key.
 */
export function parseBuKey(text: string | undefined): BuKey {
  const digits = text?.trim() ?? ''
  if (!/^\d{1,4}$/.test(digits)) return { reversal: false, vatPercent: null }
  const tax = Number(digits.at(-1))
  const correction = digits.length >= 2 ? Number(digits.at(-2)) : 0
  if (correction === 4 && tax === 0) return { reversal: false, vatPercent: 0 }
  return { reversal: correction === 2, vatPercent: TAX_KEYS[tax] ?? null }
}

/** The rate of a revenue account with automatic tax (SKR 03 8300/8400, SKR 04 4300/4400, tax-free 8100/4100). */
export function automaticVatPercent(account: number, length: number, chart: string | null): number | null {
  const hundreds = Math.floor(leading4(account, length) / 100) * 100
  const skr03 = chart !== '04'
  const skr04 = chart !== '03'
  if ((skr03 && hundreds === 8400) || (skr04 && hundreds === 4400)) return 19
  if ((skr03 && hundreds === 8300) || (skr04 && hundreds === 4300)) return 7
  if ((skr03 && hundreds === 8100) || (skr04 && hundreds === 4100)) return 0
  return null
}

export type BookingDate = { date: IsoDate } | { error: ServerText }

const pad = (n: number) => String(n).padStart(2, '0')

function validDay(year: number, month: number, day: number): IsoDate | null {
  const iso = `${year}-${pad(month)}-${pad(day)}`
  const d = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : (iso as IsoDate)
}

/**
 * Belegdatum: DATEV writes day and month only ("0503", or "503" where a program dropped the zero);
 * the year is the one that puts the day inside the batch's period (date from/to of the header), or,
 * without a period, inside the fiscal year that begins on WJ-Beginn. A full TTMMJJJJ date is taken
 * as written.
 */
export function bookingDate(text: string, header: DatevHeader): BookingDate {
  const digits = text.trim()
  if (/^\d{8}$/.test(digits)) {
    const date = validDay(Number(digits.slice(4)), Number(digits.slice(2, 4)), Number(digits.slice(0, 2)))
    return date ? { date } : { error: say('importNotADate', { value: text }) }
  }
  if (!/^\d{3,4}$/.test(digits)) return { error: say('importNotBelegdatum', { value: text }) }
  const padded = digits.padStart(4, '0')
  const day = Number(padded.slice(0, 2))
  const month = Number(padded.slice(2))
  if (!validDay(2000, month, day)) return { error: say('importNotDayMonth', { value: text }) }
  const { dateFrom: from, dateTo: to, fiscalYearStart: start } = header
  if (from && to) {
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
      const date = validDay(year, month, day)
      if (date && date >= from && date <= to) return { date }
    }
    return { error: say('importOutsidePeriod', { day: `${pad(day)}.${pad(month)}.`, from, to }) }
  }
  if (start) {
    const startYear = Number(start.slice(0, 4))
    const mmdd = `${pad(month)}-${pad(day)}`
    const year = mmdd >= start.slice(5) ? startYear : startYear + 1
    const date = validDay(year, month, day)
    if (date) return { date }
  }
  return {
    error: say('importNoYear', { value: text }),
  }
}
