import type { CustomerType } from '../../../shared/customers'
import type { OrderKind } from '../../../shared/orders'
import { normalizeHeader } from './guess-mapping'
import { ownCopy } from './own-copy'
import type { CustomerRecord } from './records'

const kindWords: Record<string, OrderKind> = {}
function words(kind: OrderKind, list: string[]) {
  for (const w of list) kindWords[w] = kind
}
words('invoice', [
  'rechnung',
  're',
  'ar',
  'ausgangsrechnung',
  'faktura',
  'invoice',
  'inv',
  'sale',
  'verkauf',
  'bill',
])
words('order', ['auftrag', 'bestellung', 'ab', 'auftragsbestaetigung', 'order', 'salesorder', 'purchase'])
words('credit_note', [
  'gutschrift',
  'gs',
  'rechnungskorrektur',
  'korrektur',
  'retoure',
  'ruecksendung',
  'rueckgabe',
  'erstattung',
  'creditnote',
  'credit',
  'creditmemo',
  'return',
  'refund',
  'gutschriftretoure',
])
words('cancellation', [
  'storno',
  'stornierung',
  'stornorechnung',
  'cancellation',
  'cancelled',
  'canceled',
  'void',
  'reversal',
])

const kindCache = new Map<string, OrderKind | undefined>()

/** "Rechnung", "Gutschrift", "Storno", "credit note", … → the document kind, or undefined. */
export function parseKind(text: string): OrderKind | undefined {
  let kind = kindCache.get(text)
  if (kind === undefined && !kindCache.has(text)) {
    kind = kindWords[normalizeHeader(text)]
    if (kindCache.size < 1000) kindCache.set(ownCopy(text), kind)
  }
  return kind
}

const notPurchaseStatus =
  /storn|cancel|void|ungueltig|ungültig|refunded|erstattet|zurueckerstattet|failed|fehlgeschlagen|abgebrochen|expired|abgelaufen|trash|geloescht|gelöscht|deleted|draft|entwurf/i

/** Whether a status word says the order did not happen (cancelled, voided, refunded, failed, draft). */
export function isNonPurchaseStatus(status: string | null): boolean {
  return status !== null && notPurchaseStatus.test(status) && !/partial|teilweise/i.test(status)
}

const businessWords = new Set([
  'b2b',
  'business',
  'company',
  'firma',
  'firmenkunde',
  'geschaeftskunde',
  'gewerblich',
  'gewerbe',
  'unternehmen',
  'haendler',
])
const consumerWords = new Set([
  'b2c',
  'consumer',
  'private',
  'privat',
  'privatkunde',
  'privatperson',
  'verbraucher',
  'endkunde',
  'person',
])

export function parseCustomerType(text: string): CustomerType | undefined {
  const w = normalizeHeader(text)
  if (businessWords.has(w)) return 'business'
  if (consumerWords.has(w)) return 'consumer'
  if (w === 'unknown' || w === 'unbekannt') return 'unknown'
  return undefined
}

const countries: Record<string, string> = {
  deutschland: 'DE',
  germany: 'DE',
  d: 'DE',
  brd: 'DE',
  oesterreich: 'AT',
  austria: 'AT',
  a: 'AT',
  schweiz: 'CH',
  switzerland: 'CH',
  suisse: 'CH',
  niederlande: 'NL',
  netherlands: 'NL',
  holland: 'NL',
  frankreich: 'FR',
  france: 'FR',
  belgien: 'BE',
  belgium: 'BE',
  luxemburg: 'LU',
  luxembourg: 'LU',
  italien: 'IT',
  italy: 'IT',
  spanien: 'ES',
  spain: 'ES',
  polen: 'PL',
  poland: 'PL',
  daenemark: 'DK',
  denmark: 'DK',
  tschechien: 'CZ',
  czechia: 'CZ',
  unitedkingdom: 'GB',
  grossbritannien: 'GB',
  uk: 'GB',
  usa: 'US',
  unitedstates: 'US',
  vereinigtestaaten: 'US',
}

/** Country names and codes → ISO 3166-1 alpha-2 where recognised; anything else is kept as written. */
export function normalizeCountry(text: string): string {
  const trimmed = text.trim()
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase()
  return countries[normalizeHeader(trimmed)] ?? trimmed
}

export function parseBoolean(text: string): boolean | undefined {
  const w = normalizeHeader(text)
  if (['1', 'ja', 'j', 'yes', 'y', 'true', 'wahr', 'x'].includes(w)) return true
  if (['0', 'nein', 'n', 'no', 'false', 'falsch', ''].includes(w)) return false
  return undefined
}

export function parseTags(text: string): string[] {
  return text
    .split(/[,;|]/)
    .map((t) => t.trim())
    .filter((t) => t !== '')
}

/** A legal form or "&" in a name: "Müller GmbH", "Weiß & Söhne KG", "Kita Sonnenschein e.V.". */
const LEGAL_FORM =
  /(^|[\s,])(gmbh|mbh|ag|kg|kgaa|ohg|gbr|ug|e\.\s?v\.|e\.\s?k\.|ltd\.?|inc\.?|llc|gmbh\s?&\s?co\.?\s?kg|&)(?=$|[\s,.)])/i

/** Whether a name written in one cell is a company's rather than a person's. */
export function looksLikeCompany(name: string): boolean {
  return LEGAL_FORM.test(name)
}

/** Splits "Max Mustermann" into first and last name (last word is the last name). */
export function splitFullName(text: string): { firstName?: string; lastName?: string } {
  const parts = text.trim().split(/\s+/).filter(Boolean)
  if (parts.length === 0) return {}
  if (parts.length === 1) return { lastName: parts[0] }
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts.at(-1) }
}

export function cleanEmail(text: string): string | undefined {
  const e = text.trim().toLowerCase()
  return e === '' ? undefined : e
}

type TextField = 'salutation' | 'firstName' | 'lastName' | 'street' | 'postalCode' | 'city' | 'phone'

/** Copies the non-empty cells of these columns onto the customer (an empty cell overwrites nothing). */
export function copyCells(
  customer: CustomerRecord,
  row: readonly string[],
  columns: Partial<Record<TextField, number | undefined>>,
): void {
  for (const [field, index] of Object.entries(columns) as [TextField, number | undefined][]) {
    const value = cell(row, index)
    if (value) customer[field] = value
  }
}

/** Trims a cell; empty cells are undefined. */
export function cell(row: readonly string[], index: number | undefined): string | undefined {
  if (index === undefined) return undefined
  const v = row[index]?.trim()
  return v === undefined || v === '' ? undefined : v
}

/** The most units one line can hold: far beyond any real order, well within the database's integers. */
export const MAX_QUANTITY = 1_000_000

/**
 * A quantity as written ("3", "2,5", "-1" for a return): rounded to whole units; undefined when it
 * is not a number or beyond ±MAX_QUANTITY.
 */
export function parseQuantity(text: string): number | undefined {
  const value = Number(text.trim().replace(',', '.'))
  if (text.trim() === '' || !Number.isFinite(value) || Math.abs(value) > MAX_QUANTITY) return undefined
  return Math.round(value)
}
