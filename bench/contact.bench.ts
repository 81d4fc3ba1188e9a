import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createBulkWriter } from '../src/server/db/bulk'
import { openDatabase } from '../src/server/db/database'
import { migrateToLatest } from '../src/server/db/migrate'
import { addToSuppressionList } from '../src/server/features/contact/contact.service'
import type { NewContactFacts } from '../src/server/features/contact/contact.table'
import { loadContactFacts, personOf } from '../src/server/features/contact/contact-facts.repository'
import {
  decideFor,
  loadContactSettings,
  refreshAllEligibility,
  standardPurpose,
} from '../src/server/features/contact/eligibility'
import { writeImport } from '../src/server/features/imports/write-import'
import { contactChannels } from '../src/shared/contact'

/**
 * One process: N customers in a new SQLite database with what a real company has recorded (e-mail
 * consents for a third, shop flags, phone consents, grounds for calling businesses, e-mail origins,
 * 3 % objections on the suppression list), then times the nightly refresh of every customer's
 * eligibility on the four channels, and the pure engine alone. Prints JSON.
 * Usage: tsx bench/contact.bench.ts N
 */
const n = Number(process.argv[2] ?? 200_000)
const today = '2026-11-23'
const now = `${today}T02:00:00.000Z`
let seed = 20261123
function uniform(): number {
  seed = (seed + 0x6d2b79f5) | 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4_294_967_296
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-bench-'))
const db = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'bench.sqlite') })
try {
  await migrateToLatest(db.kysely)
  const customers = Array.from({ length: n }, (_, i) => ({
    customerNumber: `C${i + 1}`,
    type: uniform() < 0.7 ? ('business' as const) : ('consumer' as const),
    firstName: `Vorname${i}`,
    lastName: `Nachname${i}`,
    email: `kunde${i}@example.de`,
    phone: `0171 ${String(1_000_000 + i)}`,
    street: `Hauptstraße ${1 + (i % 200)}`,
    postalCode: String(10_000 + (i % 89_999)),
    city: 'Berlin',
  }))
  await writeImport({
    db,
    fileName: 'bench',
    customers,
    documents: [],
    source: 'bench',
    importRunId: null,
    now,
  })
  const rows = await db.kysely.selectFrom('customers').selectAll().orderBy('id').execute()
  const consent = (
    customer_id: number,
    channel: 'email' | 'phone',
    source: 'form' | 'call' | 'shop_flag',
  ) => ({
    customer_id,
    channel,
    status: 'granted' as const,
    granted_at: '2025-06-01',
    source,
    text_version: source === 'shop_flag' ? null : 'V1',
    text_hash: null,
    scope: null,
    doi_token: null,
    doi_confirmed_at: source === 'form' ? '2025-06-01' : null,
    ip: null,
    call_reference: source === 'call' ? 'T-1' : null,
    collected_by: null,
    withdrawn_at: null,
    last_used_at: null,
    created_at: now,
    created_by: null,
  })
  const consents: ReturnType<typeof consent>[] = []
  const facts: NewContactFacts[] = []
  const objected: typeof rows = []
  for (const c of rows) {
    const r = uniform()
    if (r < 0.33) consents.push(consent(c.id, 'email', 'form'))
    else if (r < 0.45) consents.push(consent(c.id, 'email', 'shop_flag'))
    if (c.type === 'consumer' && uniform() < 0.2) consents.push(consent(c.id, 'phone', 'call'))
    if (uniform() < 0.5)
      facts.push({
        customer_id: c.id,
        jurisdiction: null,
        email_origin: 'RE-1',
        optout_notice_version: 'H1',
        presumed_consent_text: c.type === 'business' ? 'Rückruf erbeten' : null,
        presumed_consent_reviewer: c.type === 'business' ? 'Leitung' : null,
        presumed_consent_on: c.type === 'business' ? '2025-01-01' : null,
        robinson_checked_on: null,
        robinson_listed: null,
        updated_at: now,
        updated_by: null,
      })
    if (uniform() < 0.03) objected.push(c)
  }
  await db.kysely.transaction().execute(async (trx) => {
    const bulk = createBulkWriter(db, trx)
    await bulk.insert('contact_consents', consents)
    await bulk.insert('contact_facts', facts)
    const actor = { userId: null, now, today }
    for (const c of objected) await addToSuppressionList(trx, personOf(c), 'all', 'objection', actor)
  })

  const started = performance.now()
  await refreshAllEligibility(db, today)
  const refreshSeconds = (performance.now() - started) / 1000

  const ids = rows.map((r) => r.id)
  const loadStarted = performance.now()
  const loaded = await loadContactFacts(db.kysely, ids)
  const loadSeconds = (performance.now() - loadStarted) / 1000
  const settings = await loadContactSettings(db.kysely)
  const decideStarted = performance.now()
  let allowed = 0
  for (const c of loaded.values())
    for (const channel of contactChannels)
      if (decideFor(c, { channel, purpose: standardPurpose, asOf: today, settings }).allowed) allowed++
  const decideSeconds = (performance.now() - decideStarted) / 1000
  console.log(
    JSON.stringify({
      customers: n,
      consents: consents.length,
      suppressed: objected.length,
      allowed,
      refreshSeconds,
      loadSeconds,
      decisions: n * contactChannels.length,
      decideSeconds,
    }),
  )
} finally {
  await db.close()
  fs.rmSync(dir, { recursive: true, force: true })
}
