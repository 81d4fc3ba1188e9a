import type { Generated, Selectable } from 'kysely'
import type { ImportFormat, ImportKind, ImportRunStatus } from '../../../shared/imports'
import type { PersonalData } from '../../db/personal-data'

export interface ImportRunTable {
  id: Generated<number>
  file_name: string
  file_hash: string
  file_size: number
  format: ImportFormat
  kind: ImportKind
  source: string
  encoding: string | null
  delimiter: string | null
  status: ImportRunStatus
  /** JSON: mapping and options the run was started with */
  options: string
  rows_total: Generated<number>
  rows_valid: Generated<number>
  rows_rejected: Generated<number>
  customers_created: Generated<number>
  customers_updated: Generated<number>
  documents_created: Generated<number>
  documents_updated: Generated<number>
  documents_unchanged: Generated<number>
  contracts_created: Generated<number>
  contracts_updated: Generated<number>
  contracts_unchanged: Generated<number>
  /** JSON array of ImportIssue (capped) */
  issues: string
  /** the rejected rows as CSV, written when invalid rows were skipped */
  rejected_csv: string | null
  message: string | null
  /** JSON: the message as a key of serverErrors with its parameters, for the reader's language */
  message_text: string | null
  user_id: number | null
  created_at: string
  finished_at: string | null
}

export type ImportRunRow = Selectable<ImportRunTable>

/** Customers whose derived data an import changed and that are not rebuilt yet (see derived-data.ts). */
export interface DerivationQueueTable {
  customer_id: number
  /** the day to classify them as of */
  as_of: string
  queued_at: string
}

export const importsPersonalData: readonly PersonalData[] = [
  { table: 'derivation_queue', section: 'derivationQueue', exported: false, erase: { action: 'delete' } },
]
