import { type IsoDate, isoDate, isValidDate } from '../../lib/dates'
import { ownCopy } from './own-copy'

/** How to read dd/dd/yyyy: day first (Europe) or month first (US). Dots are always day first. */
export type SlashOrder = 'dmy' | 'mdy'

/** A time after the date: hh:mm, optional seconds and fraction, AM/PM, a zone (Z, +01:00, +0100, UTC). */
const TIME =
  '(?:[T ]|,?\\s+)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?(?:\\s*([AaPp][Mm]))?(?:\\s*(?:Z|[+-]\\d{2}:?\\d{2}|UTC|GMT))?'
const ISO = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:${TIME})?$`)
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/
const DOTTED = new RegExp(`^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{2}|\\d{4})(?:${TIME})?$`)
const SLASHED = new RegExp(`^(\\d{1,2})\\/(\\d{1,2})\\/(\\d{2}|\\d{4})(?:${TIME})?$`)
const YMD_SLASHED = new RegExp(`^(\\d{4})\\/(\\d{1,2})\\/(\\d{1,2})(?:${TIME})?$`)

/** A time of day as written: 0–23 hours (1–12 with AM/PM), 0–59 minutes and seconds; absent is fine. */
function validTime(m: RegExpExecArray, from: number): boolean {
  const [hours, minutes, seconds, meridiem] = [m[from], m[from + 1], m[from + 2], m[from + 3]]
  if (hours === undefined) return true
  const h = Number(hours)
  if (meridiem ? h < 1 || h > 12 : h > 23) return false
  return Number(minutes) <= 59 && (seconds === undefined || Number(seconds) <= 59)
}

/** Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999. */
export function expandYear(text: string): number {
  const y = Number(text)
  if (text.length === 4) return y
  return y < 70 ? 2000 + y : 1900 + y
}

function build(y: number, m: number, d: number): IsoDate | undefined {
  return isValidDate(y, m, d) ? isoDate(y, m, d) : undefined
}

/**
 * Parses the date formats found in German and international exports: dd.mm.yyyy, dd.mm.yy,
 * yyyy-mm-dd (with an optional time and zone, as Shopify writes it), yyyymmdd, dd/mm/yyyy or
 * mm/dd/yyyy, yyyy/mm/dd. The time is dropped: the date is the one written in the file.
 */
export function parseDate(raw: string, slashOrder: SlashOrder = 'dmy'): IsoDate | undefined {
  const key = slashOrder === 'dmy' ? raw : `m${raw}`
  const cached = dateCache.get(key)
  if (cached !== undefined || dateCache.has(key)) return cached
  const parsed = parseDateUncached(raw, slashOrder)
  // a file has few distinct dates (a few thousand per decade), so remembering them pays off
  if (dateCache.size >= 100_000) dateCache.clear()
  // the cache outlives the file: it must not keep the file's text alive through its keys
  dateCache.set(ownCopy(key), parsed)
  return parsed
}

const dateCache = new Map<string, IsoDate | undefined>()

function parseDateUncached(raw: string, slashOrder: SlashOrder): IsoDate | undefined {
  const text = raw.trim()
  // a date with an impossible time ("25:61") is no date: the file is wrong, not just its time
  let m = ISO.exec(text)
  if (m) return validTime(m, 4) ? build(Number(m[1]), Number(m[2]), Number(m[3])) : undefined
  m = DOTTED.exec(text)
  if (m) return validTime(m, 4) ? build(expandYear(m[3]!), Number(m[2]), Number(m[1])) : undefined
  m = COMPACT.exec(text)
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]))
  m = SLASHED.exec(text)
  if (m) {
    if (!validTime(m, 4)) return undefined
    const a = Number(m[1])
    const b = Number(m[2])
    const y = expandYear(m[3]!)
    return slashOrder === 'dmy' ? build(y, b, a) : build(y, a, b)
  }
  m = YMD_SLASHED.exec(text)
  if (m) return validTime(m, 4) ? build(Number(m[1]), Number(m[2]), Number(m[3])) : undefined
  return undefined
}

/** Decides dd/mm versus mm/dd from a column's samples: a first part above 12 means day first. */
export function detectSlashOrder(samples: readonly string[], fallback: SlashOrder = 'dmy'): SlashOrder {
  for (const s of samples) {
    const m = SLASHED.exec(s.trim())
    if (!m) continue
    if (Number(m[1]) > 12) return 'dmy'
    if (Number(m[2]) > 12) return 'mdy'
  }
  return fallback
}
