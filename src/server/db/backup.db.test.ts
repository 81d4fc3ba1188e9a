import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'
import { invoice } from '../../../test/documents'
import { writeImport } from '../features/imports/write-import'
import { classifyCustomers } from '../features/lifecycle/classify-customers'
import { backupDatabase, restoreDatabase } from './backup'

/** winback backup / restore: what the backup holds comes back exactly, whatever happened since. */
describe.each(testDialects)('backup and restore on %s', (dialect) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-backup-'))
  const file = path.join(dir, dialect === 'sqlite' ? 'backup.sqlite' : 'backup.dump')
  let db: TestDb

  beforeAll(async () => {
    db = await createTestDb(dialect, { sqliteFile: path.join(dir, 'winback.sqlite') })
    await writeImport({
      db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: '2026-06-30T10:00:00Z',
      customers: [{ customerNumber: 'B1', type: 'consumer', lastName: 'Bär', email: 'baer@example.de' }],
      documents: [invoice('B1', 'R1', '2025-03-01', 120), invoice('B1', 'R2', '2026-01-10', 80)],
    })
    await classifyCustomers({ db, asOf: '2026-06-30' })
  })
  afterAll(async () => {
    await db.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const snapshot = async () => ({
    customers: await db.kysely
      .selectFrom('customers')
      .select(['customer_number', 'email'])
      .orderBy('id')
      .execute(),
    orders: await db.kysely.selectFrom('orders').select(['number', 'net_cents']).orderBy('id').execute(),
    status: await db.kysely.selectFrom('customer_status').select(['status', 'rule']).execute(),
  })

  it('round-trips the whole database while it is open, and refuses a file that is no backup', async () => {
    const before = await snapshot()
    // written but not yet checkpointed: the backup takes what is in the WAL too
    const { bytes } = await backupDatabase(db.config, file)
    expect(bytes).toBeGreaterThan(1000)
    await writeImport({
      db,
      fileName: 'later',
      source: 'seed',
      importRunId: null,
      now: '2026-06-30T11:00:00Z',
      customers: [{ customerNumber: 'B2', type: 'consumer', lastName: 'Biber' }],
      documents: [invoice('B2', 'R3', '2026-06-01', 50)],
    })
    await db.kysely.updateTable('customers').set({ email: 'anders@example.de' }).execute()
    expect((await snapshot()).customers).toHaveLength(2)

    const junk = path.join(dir, 'junk.bin')
    fs.writeFileSync(junk, 'not a backup')
    await expect(restoreDatabase(db.config, junk)).rejects.toThrow(/not a/)
    expect((await snapshot()).customers).toHaveLength(2)

    await restoreDatabase(db.config, file)
    expect(await snapshot()).toEqual(before)
  })
})
