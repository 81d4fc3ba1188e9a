import type { IsoDate } from '../../lib/dates'

/**
 * German retention periods that outlast an erasure request (Art. 17 Abs. 3 lit. b DSGVO). A period
 * starts at the end of the calendar year in which the document was made (§ 147 Abs. 4 AO,
 * § 257 Abs. 5 HGB) and ends on 31 December of that year plus the period.
 */
export const retentionRules = {
  invoices: { years: 8, norm: '§ 147 Abs. 1 Nr. 4, Abs. 3 AO; § 14b UStG' },
  businessLetters: { years: 6, norm: '§ 257 Abs. 1 Nr. 2, 3, Abs. 4 HGB; § 147 Abs. 1 Nr. 2, 3 AO' },
  books: { years: 10, norm: '§ 257 Abs. 1 Nr. 1, Abs. 4 HGB; § 147 Abs. 1 Nr. 1 AO' },
} as const
export type RetentionKind = keyof typeof retentionRules

/** The last day a document dated `date` must be kept. */
export function retainedUntil(kind: RetentionKind, date: IsoDate): IsoDate {
  const year = Number(date.slice(0, 4)) + retentionRules[kind].years
  return `${year}-12-31`
}

export function mustRetain(kind: RetentionKind, date: IsoDate, today: IsoDate): boolean {
  return retainedUntil(kind, date) >= today
}
