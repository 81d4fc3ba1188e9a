import type { ContractRecord, DocumentRecord } from './records'

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
