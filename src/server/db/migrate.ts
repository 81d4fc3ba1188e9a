import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely'
import { isPostgres } from './dialect-helpers'
import * as initial from './migrations/2026-11-23T0700-initial'
import * as scoring from './migrations/2026-11-23T1000-scoring'
import * as contact from './migrations/2026-11-23T1500-contact'
import * as churn from './migrations/2026-11-23T1800-churn'
import * as winback from './migrations/2026-11-23T1900-winback'
import * as outcomes from './migrations/2026-11-23T2100-outcomes'
import * as contractImport from './migrations/2026-11-23T2200-contract-import'
import * as wonBack from './migrations/2026-12-03T1800-won-back'
import * as competitorExternal from './migrations/2026-12-03T1810-competitor-external'
import * as derivationQueue from './migrations/2026-12-03T1900-derivation-queue'
import * as oneOpenAttempt from './migrations/2026-12-03T1930-one-open-attempt'
import * as dailyWork from './migrations/2026-12-04T0900-daily-work'
import * as attemptMeasure from './migrations/2026-12-04T1000-attempt-measure'
import * as earlyWarning from './migrations/2026-12-05T0900-early-warning'
import * as queueAndMail from './migrations/2026-12-05T1000-queue-and-mail'
import * as survey from './migrations/2026-12-05T1100-survey'
import * as queueWork from './migrations/2026-12-06T0900-queue-work'
import * as bounces from './migrations/2026-12-06T1000-bounces'
import * as assist from './migrations/2026-12-07T0900-assist'
import * as serverTexts from './migrations/2026-12-08T0900-server-texts'
import * as customerListIndexes from './migrations/2026-12-09T0900-customer-list-indexes'
import * as statusScores from './migrations/2026-12-10T0900-status-scores'
import * as customerSearchTrigrams from './migrations/2026-12-11T0900-customer-search-trigrams'
import * as statusStableThrough from './migrations/2026-12-12T0900-status-stable-through'
import * as scoresCarryStatus from './migrations/2026-12-13T0900-scores-carry-status'
import * as eligibilityStableThrough from './migrations/2026-12-14T0900-eligibility-stable-through'
import * as ordersLedgerIndex from './migrations/2026-12-15T0900-orders-ledger-index'
import * as customerSearchIndex from './migrations/2026-12-16T0900-customer-search-index'
import * as purchaseLedgers from './migrations/2026-12-17T0900-purchase-ledgers'
import * as statusChangesByMonth from './migrations/2026-12-18T0900-status-changes-by-month'
import * as bulkTablesUncheckedCustomer from './migrations/2026-12-19T0900-bulk-tables-unchecked-customer'
import * as customersNumberErasedId from './migrations/2026-12-20T0900-customers-number-erased-id'
import * as documentsUncheckedImportRun from './migrations/2026-12-21T0900-documents-unchecked-import-run'
import * as statusChangesByMonthDeduplicated from './migrations/2026-12-22T0900-status-changes-by-month-deduplicated'
import * as customerListValueIndexes from './migrations/2026-12-23T0900-customer-list-value-indexes'
import * as setAsideIndexes from './migrations/2026-12-24T0900-set-aside-indexes'
import * as customersSortNameCovering from './migrations/2026-12-25T0900-customers-sort-name-covering'
import * as scoringRounds from './migrations/2026-12-26T0900-scoring-rounds'
import * as statusWrittenRound from './migrations/2026-12-27T0900-status-written-round'
import type { Database } from './schema'
import { restoreSetAsideIndexes } from './set-aside-indexes'

/** Migrations are listed here explicitly (timestamp order), so they work the same under tsx, Vite and Vitest. */
const migrations: Record<string, Migration> = {
  '2026-11-23T0700-initial': initial,
  '2026-11-23T1000-scoring': scoring,
  '2026-11-23T1500-contact': contact,
  '2026-11-23T1800-churn': churn,
  '2026-11-23T1900-winback': winback,
  '2026-11-23T2100-outcomes': outcomes,
  '2026-11-23T2200-contract-import': contractImport,
  '2026-12-03T1800-won-back': wonBack,
  '2026-12-03T1810-competitor-external': competitorExternal,
  '2026-12-03T1900-derivation-queue': derivationQueue,
  '2026-12-03T1930-one-open-attempt': oneOpenAttempt,
  '2026-12-04T0900-daily-work': dailyWork,
  '2026-12-04T1000-attempt-measure': attemptMeasure,
  '2026-12-05T0900-early-warning': earlyWarning,
  '2026-12-05T1000-queue-and-mail': queueAndMail,
  '2026-12-05T1100-survey': survey,
  '2026-12-06T0900-queue-work': queueWork,
  '2026-12-06T1000-bounces': bounces,
  '2026-12-07T0900-assist': assist,
  '2026-12-08T0900-server-texts': serverTexts,
  '2026-12-09T0900-customer-list-indexes': customerListIndexes,
  '2026-12-10T0900-status-scores': statusScores,
  '2026-12-11T0900-customer-search-trigrams': customerSearchTrigrams,
  '2026-12-12T0900-status-stable-through': statusStableThrough,
  '2026-12-13T0900-scores-carry-status': scoresCarryStatus,
  '2026-12-14T0900-eligibility-stable-through': eligibilityStableThrough,
  '2026-12-15T0900-orders-ledger-index': ordersLedgerIndex,
  '2026-12-16T0900-customer-search-index': customerSearchIndex,
  '2026-12-17T0900-purchase-ledgers': purchaseLedgers,
  '2026-12-18T0900-status-changes-by-month': statusChangesByMonth,
  '2026-12-19T0900-bulk-tables-unchecked-customer': bulkTablesUncheckedCustomer,
  '2026-12-20T0900-customers-number-erased-id': customersNumberErasedId,
  '2026-12-21T0900-documents-unchecked-import-run': documentsUncheckedImportRun,
  '2026-12-22T0900-status-changes-by-month-deduplicated': statusChangesByMonthDeduplicated,
  '2026-12-23T0900-customer-list-value-indexes': customerListValueIndexes,
  '2026-12-24T0900-set-aside-indexes': setAsideIndexes,
  '2026-12-25T0900-customers-sort-name-covering': customersSortNameCovering,
  '2026-12-26T0900-scoring-rounds': scoringRounds,
  '2026-12-27T0900-status-written-round': statusWrittenRound,
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  // indexes that a process which died had set aside are built before a migration may change them
  if (await tableExists(db, 'set_aside_indexes')) await restoreSetAsideIndexes(db)
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    const cause = error instanceof Error ? error : new Error(String(error))
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause.message}`, { cause })
  }
}

async function tableExists(db: Kysely<Database>, table: string): Promise<boolean> {
  const found = isPostgres(db)
    ? await sql<{ found: boolean }>`select to_regclass(${table}) is not null as found`.execute(db)
    : await sql<{ found: number }>`
        select count(*) as found from sqlite_master where type = 'table' and name = ${table}`.execute(db)
  return Boolean(found.rows[0]?.found)
}
