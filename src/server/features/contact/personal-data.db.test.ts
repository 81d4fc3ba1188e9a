import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../../test/databases'
import { invoice } from '../../../../test/documents'
import type { Db } from '../../db/database'
import { personalDataRegistry } from '../../db/personal-data-registry'
import { writeImport } from '../imports/write-import'
import { classifyCustomers } from '../lifecycle/classify-customers'
import { collectPersonData, eraseCustomer } from './data-protection'

const TODAY = '2026-06-30'
const NOW = `${TODAY}T10:00:00Z`
const actor = { userId: null, now: NOW, today: TODAY }
/** texts only this person's rows hold: none of them may survive the erasure anywhere */
const secrets = {
  email: 'geheim.person@example.de',
  phone: '+49 170 5550123',
  churnNote: 'GEHEIM-Abwanderung-Notiz',
  assessmentNote: 'GEHEIM-Einschaetzung-Notiz',
  attemptNote: 'GEHEIM-Versuch-Notiz',
  attemptOffer: 'GEHEIM-Angebot-Gutschein',
  cancellationNote: 'GEHEIM-Kuendigung-Notiz',
  retentionOffer: 'GEHEIM-Halteangebot',
  objection: 'GEHEIM-Widerspruch-Wortlaut',
  emailOrigin: 'GEHEIM-Bestellung-4711',
  callNote: 'GEHEIM-Anruf-Notiz',
  callOffer: 'GEHEIM-Anruf-Angebot',
  followupNote: 'GEHEIM-Wiedervorlage-Notiz',
  ownerNote: 'GEHEIM-Betreuerwechsel-Notiz',
  warningNote: 'GEHEIM-Beschwerde-Notiz',
}

/** The tables with a customer_id column, as the database itself lists them. */
async function customerLinkedTables(db: Db): Promise<string[]> {
  if (db.dialect === 'postgres') {
    const { rows } = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'customer_id'`.execute(db.kysely)
    return rows.map((r) => r.table_name).sort()
  }
  const { rows } = await sql<{ name: string }>`
    SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
    WHERE m.type = 'table' AND c.name = 'customer_id'`.execute(db.kysely)
  return rows.map((r) => r.name).sort()
}

async function seedPerson(db: Db): Promise<number> {
  await writeImport({
    db,
    fileName: 'seed',
    source: 'seed',
    importRunId: null,
    now: NOW,
    customers: [
      {
        customerNumber: 'P1',
        type: 'consumer',
        firstName: 'Greta',
        lastName: 'Geheim',
        email: secrets.email,
        phone: secrets.phone,
        street: 'Hauptstr. 1',
        postalCode: '10115',
        city: 'Berlin',
      },
    ],
    // one invoice past its 8 years, one within them
    documents: [invoice('P1', 'R-2016', '2016-05-01', 100), invoice('P1', 'R-2024', '2024-05-01', 200)],
  })
  const k = db.kysely
  const { id } = await k
    .selectFrom('customers')
    .select('id')
    .where('customer_number', '=', 'P1')
    .executeTakeFirstOrThrow()
  await classifyCustomers({ db, asOf: TODAY })
  const reason = await k.selectFrom('churn_reasons').select('id').limit(1).executeTakeFirstOrThrow()
  const churn = await k
    .insertInto('customer_churn_reasons')
    .values({
      customer_id: id,
      reason_id: reason.id,
      source: 'stated',
      confidence: 'high',
      recorded_on: TODAY,
      note: secrets.churnNote,
      remediation_cost_cents: null,
      created_at: NOW,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await k
    .insertInto('winback_assessments')
    .values({
      customer_id: id,
      ease: 4,
      insolvent_or_closed: 0,
      switched_for_good: 0,
      refusals: 0,
      positive_responses: 0,
      manual_decision: 'include',
      manual_note: secrets.assessmentNote,
      planned_measure_cents: null,
      updated_at: NOW,
      updated_by: null,
    })
    .execute()
  await k
    .insertInto('winback_attempts')
    .values({
      customer_id: id,
      started_on: TODAY,
      channel: 'letter',
      offer: secrets.attemptOffer,
      offer_cents: 1000,
      outcome: 'open',
      outcome_on: null,
      note: secrets.attemptNote,
      won_order_id: null,
      won_on: null,
      situation: '{}',
      probability: 0.1,
      created_at: NOW,
      created_by: null,
      updated_at: NOW,
    })
    .execute()
  const contract = await k
    .insertInto('contracts')
    .values({
      customer_id: id,
      source: 'seed',
      external_key: 'V1',
      number: 'V1',
      product: 'Wartung',
      started_on: '2023-01-01',
      ends_on: '2026-03-31',
      cancelled_on: '2025-12-15',
      monthly_value_cents: 3900,
      import_run_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await k
    .insertInto('contract_cancellations')
    .values({
      contract_id: contract.id,
      customer_id: id,
      received_on: '2025-12-15',
      effective_on: '2026-03-31',
      reason_id: reason.id,
      customer_reason_id: churn.id,
      note: secrets.cancellationNote,
      retention_offer: secrets.retentionOffer,
      retention_offer_cents: 5000,
      retention_on: '2025-12-20',
      outcome: 'effective',
      outcome_on: '2026-03-31',
      previous_cancelled_on: null,
      previous_ends_on: null,
      created_at: NOW,
      created_by: null,
      updated_at: NOW,
    })
    .execute()
  await k
    .insertInto('contact_objections')
    .values({
      customer_id: id,
      scope: 'phone',
      gdpr: 0,
      received_at: NOW,
      via: 'letter',
      wording: secrets.objection,
      created_at: NOW,
      created_by: null,
    })
    .execute()
  await k
    .insertInto('contact_facts')
    .values({
      customer_id: id,
      jurisdiction: null,
      email_origin: secrets.emailOrigin,
      optout_notice_version: null,
      presumed_consent_text: null,
      presumed_consent_reviewer: null,
      presumed_consent_on: null,
      robinson_checked_on: null,
      robinson_listed: null,
      updated_at: NOW,
      updated_by: null,
    })
    .execute()
  // the daily work: a call, a Wiedervorlage, a campaign membership, a pick, an owner change
  const rep = await k
    .insertInto('users')
    .values({
      email: 'rep@example.com',
      name: 'Rita Rep',
      role: 'rep',
      password_hash: 'x',
      locale: 'de',
      created_at: NOW,
      disabled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const call = await k
    .insertInto('calls')
    .values({
      customer_id: id,
      user_id: rep.id,
      channel: 'phone',
      called_at: NOW,
      called_on: TODAY,
      reached: 'reached',
      outcome: 'offer_made',
      offer: secrets.callOffer,
      offer_cents: 500,
      reason_id: reason.id,
      note: secrets.callNote,
      campaign_id: null,
      attempt_id: null,
      created_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await k
    .insertInto('followups')
    .values({
      customer_id: id,
      assignee_user_id: rep.id,
      due_on: TODAY,
      due_time: '10:30',
      priority: 'high',
      channel: 'phone',
      note: secrets.followupNote,
      source: 'call',
      campaign_id: null,
      campaign_step: null,
      call_id: call.id,
      snoozed: 0,
      done_at: null,
      done_call_id: null,
      created_at: NOW,
      created_by: rep.id,
      updated_at: NOW,
    })
    .execute()
  const campaign = await k
    .insertInto('campaigns')
    .values({
      name: 'Kampagne',
      state: 'running',
      filter: '{}',
      measure_id: null,
      steps: '[]',
      budget_cents: null,
      attribution_days: 90,
      control_share: 0.2,
      seed: 'seed',
      baseline_rate: 0.05,
      min_difference: 0.05,
      skipped: '{}',
      launched_on: TODAY,
      closed_on: null,
      created_at: NOW,
      created_by: null,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await k
    .insertInto('campaign_members')
    .values({
      campaign_id: campaign.id,
      customer_id: id,
      arm: 'treatment',
      stratum: 0,
      rank: 1,
      assignee_user_id: rep.id,
      channel: 'phone',
      expected_net_cents: 100,
      value_cents: 1000,
      probability: 0.1,
      contacted_on: TODAY,
      added_at: NOW,
    })
    .execute()
  await k
    .insertInto('worklist_picks')
    .values({
      user_id: rep.id,
      day: TODAY,
      customer_id: id,
      position: 0,
      campaign_id: null,
      channel: 'phone',
      why: '{}',
      created_at: NOW,
    })
    .execute()
  await k
    .insertInto('customer_owner_changes')
    .values({
      customer_id: id,
      from_user_id: null,
      to_user_id: rep.id,
      changed_at: NOW,
      changed_by: null,
      source: 'manual',
      note: secrets.ownerNote,
    })
    .execute()
  await k
    .insertInto('warning_signs')
    .values({
      customer_id: id,
      kind: 'complaint',
      noted_on: TODAY,
      note: secrets.warningNote,
      created_at: NOW,
      created_by: null,
    })
    .execute()
  await k
    .insertInto('early_warnings')
    .values({
      customer_id: id,
      first_seen_on: TODAY,
      last_seen_on: TODAY,
      signals: JSON.stringify([{ code: 'complaint', params: { note: secrets.warningNote } }]),
      risk: 0.4,
      value_cents: 0,
    })
    .execute()
  return id
}

/** Every byte the database keeps on disk, as text: the SQLite file with its WAL, or PostgreSQL's raw pages. */
async function storedBytes(db: Db, file: string | null): Promise<string> {
  if (db.dialect === 'sqlite') {
    const parts = [file!, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f))
    return Buffer.concat(parts).toString('latin1')
  }
  await sql`CREATE EXTENSION IF NOT EXISTS pageinspect`.execute(db.kysely)
  const { rows: relations } = await sql<{ name: string; blocks: number }>`
    SELECT c.oid::regclass::text AS name, (pg_relation_size(c.oid) / 8192)::int AS blocks
    FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i')`.execute(
    db.kysely,
  )
  const pages: Buffer[] = []
  for (const r of relations)
    for (let block = 0; block < r.blocks; block++) {
      const { rows } = await sql<{ page: Buffer }>`SELECT get_raw_page(${r.name}, ${block}) AS page`.execute(
        db.kysely,
      )
      pages.push(rows[0]!.page)
    }
  return Buffer.concat(pages).toString('latin1')
}

/** Another connection in a read transaction whose snapshot is taken (it has read a table). */
async function openReader(
  db: TestDb,
  file: string | null,
): Promise<{ end(): Promise<void>; ended(): boolean }> {
  let ended = false
  if (db.dialect === 'sqlite') {
    const other = new SQLite(file!)
    other.exec('BEGIN')
    other.prepare('SELECT count(*) FROM settings').get()
    return {
      async end() {
        other.exec('COMMIT')
        other.close()
        ended = true
      },
      ended: () => ended,
    }
  }
  const other = new pg.Client({ connectionString: (db.config as { url: string }).url })
  await other.connect()
  await other.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
  // a snapshot, and no lock on the tables the purge rewrites
  await other.query('SELECT count(*) FROM settings')
  return {
    async end() {
      await other.query('COMMIT')
      await other.end()
      ended = true
    },
    ended: () => ended,
  }
}

describe.each(testDialects)('personal data on %s', (dialect) => {
  let db: TestDb
  let file: string | null = null
  let id: number

  beforeAll(async () => {
    // on SQLite a real file: what an erasure leaves behind is read from disk
    if (dialect === 'sqlite')
      file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'winback-erasure-')), 'winback.sqlite')
    db = await createTestDb(dialect, { sqliteFile: file ?? undefined })
    id = await seedPerson(db)
  })
  afterAll(() => db.destroy())

  it('declares every table with a customer_id, and nothing that does not exist', async () => {
    const declared = personalDataRegistry.map((d) => d.table).sort()
    expect(await customerLinkedTables(db)).toEqual(declared)
    expect(new Set(personalDataRegistry.map((d) => d.section)).size).toBe(personalDataRegistry.length)
  })

  it('the access export holds every declared table, notes and offers included', async () => {
    const data = await collectPersonData(db.kysely, id, actor)
    for (const d of personalDataRegistry.filter((x) => x.exported !== false))
      expect(data, d.section).toHaveProperty(d.section)
    const json = JSON.stringify(data)
    for (const [what, text] of Object.entries(secrets)) expect(json, what).toContain(text)
    expect(data.winbackAttempts).toEqual([
      expect.objectContaining({ note: secrets.attemptNote, situation: {} }),
    ])
    expect(data.winbackAssessment).toMatchObject({ manual_note: secrets.assessmentNote })
    expect(data.cancellations).toEqual([expect.objectContaining({ retention_offer: secrets.retentionOffer })])
  })

  it('the erasure removes what each table declares, and leaves no erased text in the stored bytes', async () => {
    expect(await storedBytes(db, file)).toContain(secrets.attemptNote)
    // a reader that started before the erasure (a report, a backup) still sees the person: the
    // purge waits for it to end instead of leaving the old rows in the files
    const reader = await openReader(db, file)
    setTimeout(() => void reader.end(), 500)
    const result = await eraseCustomer(db.kysely, id, actor)
    expect(reader.ended()).toBe(true)
    expect(result.removed).toMatchObject({
      churnReasons: 1,
      winbackAssessment: 1,
      winbackAttempts: 1,
      cancellations: 1,
      objections: 1,
      contactFacts: 1,
      documents: 1,
    })
    // the invoice of 2024 is kept until 2032, the contract (cancelled by a letter of 2025) until 2031
    expect(result.kept).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ what: 'invoices', count: 1, until: '2032-12-31' }),
        expect.objectContaining({ what: 'businessLetters', count: 1, until: '2031-12-31' }),
      ]),
    )
    for (const d of personalDataRegistry.filter((x) => x.erase.action === 'delete')) {
      const rows = await db.kysely
        .selectFrom(d.table as 'winback_attempts')
        .select('customer_id')
        .where('customer_id', '=', id)
        .execute()
      expect(rows, d.table).toEqual([])
    }
    const bytes = await storedBytes(db, file)
    for (const [what, text] of Object.entries(secrets)) expect(bytes.includes(text), what).toBe(false)
    // the record of the erasure stays
    const after = await collectPersonData(db.kysely, id, actor)
    expect((after.dataRequests as unknown[]).length).toBeGreaterThanOrEqual(2)
  })
})
