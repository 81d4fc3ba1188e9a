import { type IsoDate, isoDate, isValidDate } from '../../lib/dates'
import { ownCopy } from './own-copy'

/** How to read dd/dd/yyyy: day first (Europe) or month first (US). Dots are always day first. */
export type SlashOrder = 'dmy' | 'mdy'

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?$/
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?$/
const YMD_SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+.*)?$/

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
  let m = ISO.exec(text)
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]))
  m = DOTTED.exec(text)
  if (m) return build(expandYear(m[3]!), Number(m[2]), Number(m[1]))
  m = COMPACT.exec(text)
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]))
  m = SLASHED.exec(text)
  if (m) {
    const a = Number(m[1])
    const b = Number(m[2])
    const y = expandYear(m[3]!)
    return slashOrder === 'dmy' ? build(y, b, a) : build(y, a, b)
  }
  m = YMD_SLASHED.exec(text)
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]))
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
