import Papa from 'papaparse'
import type { IsoDate } from '../../../lib/dates'

/**
 * DATEV's format (EXTF from other programs, DTVF from DATEV's own) starts with a header record
 * before the column names: format version, data category (21 Buchungsstapel, 16 Debitoren/
 * Kreditoren), Berater, Mandant, start of the fiscal year, length of the ledger accounts, the batch's
 * period, currency and chart of accounts (SKR 03 or 04).
 */
export interface DatevHeader {
  marker: 'EXTF' | 'DTVF'
  version: number
  category: number
  formatName: string
  consultant: string | null
  client: string | null
  fiscalYearStart: IsoDate | null
  /** digits of a ledger (Sach-)account; debtors and creditors have one more */
  accountLength: number
  dateFrom: IsoDate | null
  dateTo: IsoDate | null
  currency: string | null
  /** "03" or "04", or null when not given */
  chart: string | null
}

export const DATEV_BOOKINGS = 21
export const DATEV_DEBTORS = 16

/** True when the first line of a file is a DATEV header record. */
export function isDatevHeaderLine(firstLine: string): boolean {
  return /^\uFEFF?"?(EXTF|DTVF)"?;/.test(firstLine)
}

/** "20240101" → "2024-01-01"; anything else → null. */
function yyyymmdd(text: string | undefined): IsoDate | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text?.trim() ?? '')
  if (!m) return null
  const iso = `${m[1]}-${m[2]}-${m[3]}`
  const d = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : (iso as IsoDate)
}

/** Reads the header record; null when the line is not one. */
export function parseDatevHeader(firstLine: string): DatevHeader | null {
  if (!isDatevHeaderLine(firstLine)) return null
  const fields = Papa.parse<string[]>(firstLine.replace(/^\uFEFF/, ''), { delimiter: ';' }).data[0] ?? []
  const at = (i: number) => fields[i]?.trim() ?? ''
  const number = (i: number) => {
    const n = Number(at(i))
    return at(i) !== '' && Number.isInteger(n) ? n : null
  }
  const length = number(13)
  return {
    marker: at(0) === 'DTVF' ? 'DTVF' : 'EXTF',
    version: number(1) ?? 0,
    category: number(2) ?? 0,
    formatName: at(3),
    consultant: at(10) || null,
    client: at(11) || null,
    fiscalYearStart: yyyymmdd(at(12)),
    // DATEV allows 4 to 8 digits; 4 is the default everywhere
    accountLength: length !== null && length >= 4 && length <= 8 ? length : 4,
    dateFrom: yyyymmdd(at(14)),
    dateTo: yyyymmdd(at(15)),
    currency: /^[A-Z]{3}$/.test(at(21)) ? at(21) : null,
    chart: /^0?[34]$/.test(at(26)) ? at(26).padStart(2, '0') : null,
  }
}
