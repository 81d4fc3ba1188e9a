import type { Database } from './schema'

/** Tables whose rows belong to one customer, by their customer_id. */
export type CustomerLinkedTable = {
  [T in keyof Database]: 'customer_id' extends keyof Database[T] ? T : never
}[keyof Database]

/** What an erasure (Art. 17 GDPR) does with a table's rows of the person. */
export type ErasureRule =
  /** gone with the person */
  | { action: 'delete' }
  /** kept as proof, without the link to the person */
  | { action: 'unlink'; why: string }
  /** kept as they are, for a reason the law gives */
  | { action: 'keep'; why: string }
  /** kept while a retention period runs (invoices, business letters), dated by the first non-null column */
  | { action: 'retain'; period: 'invoices' | 'businessLetters'; dateColumns: readonly string[] }

/**
 * What a feature stores about a person, declared beside its table: the access export (Art. 15) and
 * the erasure (Art. 17) walk these declarations, and a test fails on a table with a customer_id that
 * is not declared, so a new feature cannot be forgotten.
 */
export interface PersonalData {
  table: CustomerLinkedTable
  /** the key in the access export and the section of its PDF (dataProtection.pdf.<section>) */
  section: string
  /** at most one row per person: exported as an object (or null) instead of a list */
  single?: true
  orderBy?: readonly string[]
  /** columns holding JSON, parsed in the export */
  json?: readonly string[]
  /** false for rows that hold nothing about the person but the link (a work queue): not exported */
  exported?: false
  erase: ErasureRule
}
