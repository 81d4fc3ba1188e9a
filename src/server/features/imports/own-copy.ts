import type { ContractRecord, CustomerRecord, DocumentRecord } from './records'

/**
 * V8 cuts substrings of 13 or more characters as views into the string they come from. A cell of
 * a row is such a view into the 64 KiB block of text its line was decoded in, so one customer name
 * kept for the whole import keeps that whole block alive: over a large file, the whole text (and
 * the garbage collector's time copying it). Joining and cutting again forces a copy of just the
 * characters. Only what outlives its row (the collected records) needs it.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1)
}

export function ownCopyOrNull(text: string | null): string | null {
  return text === null ? null : ownCopy(text)
}

/** The record with its own copy of every text (a new object: the caller's record may be shared). */
export function ownCustomer(r: CustomerRecord): CustomerRecord {
  const own: CustomerRecord = { customerNumber: ownCopy(r.customerNumber) }
  if (r.type !== undefined) own.type = r.type
  if (r.companyName !== undefined) own.companyName = ownCopy(r.companyName)
  if (r.salutation !== undefined) own.salutation = ownCopy(r.salutation)
  if (r.firstName !== undefined) own.firstName = ownCopy(r.firstName)
  if (r.lastName !== undefined) own.lastName = ownCopy(r.lastName)
  if (r.email !== undefined) own.email = ownCopy(r.email)
  if (r.phone !== undefined) own.phone = ownCopy(r.phone)
  if (r.street !== undefined) own.street = ownCopy(r.street)
  if (r.postalCode !== undefined) own.postalCode = ownCopy(r.postalCode)
  if (r.city !== undefined) own.city = ownCopy(r.city)
  if (r.country !== undefined) own.country = ownCopy(r.country)
  if (r.segment !== undefined) own.segment = ownCopy(r.segment)
  if (r.tags !== undefined) own.tags = r.tags.map(ownCopy)
  if (r.owner !== undefined) own.owner = ownCopy(r.owner)
  if (r.isProjectCustomer !== undefined) own.isProjectCustomer = r.isProjectCustomer
  return own
}

/**
 * A document's key from its parts ("invoice", "RE-1" → "invoice:RE-1"): joined into one flat
 * string of its own, unlike a template string, which is a chain of its parts (each a view into the
 * file's text) that every lookup in a map of keys walks again.
 */
export function documentKey(...parts: (string | number)[]): string {
  return parts.join(':')
}

/**
 * Gives a document kept by the collector its own copy of every text, in place; but for the key
 * (made by `documentKey`) and the customer number, which the collector replaces by its customer's.
 */
export function ownDocumentTexts(d: DocumentRecord): void {
  d.number = ownCopyOrNull(d.number)
  d.referenceNumber = ownCopyOrNull(d.referenceNumber)
  d.currency = ownCopy(d.currency)
  d.status = ownCopyOrNull(d.status)
}

/** Gives a contract kept by the collector its own copy of every text, in place. */
export function ownContractTexts(c: ContractRecord): void {
  c.customerNumber = ownCopy(c.customerNumber)
  c.externalKey = ownCopy(c.externalKey)
  c.product = ownCopyOrNull(c.product)
}
