import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../../test/databases'
import { importedState } from '../../../../test/derived-state'
import type { Db } from '../../db/database'
import { setAsideUntilRestored } from '../../db/set-aside-indexes'
import { addDays } from '../../lib/dates'
import { loadCustomerHistories } from '../lifecycle/lifecycle.repository'
import { deriveQueued, worthSettingIndexesAside } from './derived-data'
import { type ImportFileOptions, importFile } from './import-file'

const TODAY = '2026-06-30'

/** 2,500 customers (two batches of derivation), each with a few invoices over two years. */
function ordersFile(): Uint8Array {
  const lines = ['Kundennummer;Firma;E-Mail;Belegnummer;Datum;Netto']
  for (let c = 0; c < 2500; c++)
    for (let k = 0; k < 1 + (c % 4); k++)
      lines.push(
        `K${c};Firma ${c};k${c}@example.de;R${c}-${k};${addDays('2024-07-01', (c * 7 + k * 97) % 700)
          .split('-')
          .reverse()
          .join('.')};${10 + (c % 50)},00`,
      )
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`)
}

describe('when a derivation sets the derived tables’ indexes aside', () => {
  it('for a first import or a re-derivation of many customers, not for a night’s few', () => {
    expect(worthSettingIndexesAside(1_000_000, 1_000_000)).toBe(true)
    expect(worthSettingIndexesAside(50_000, 200_000)).toBe(true)
    expect(worthSettingIndexesAside(50_000, 200_001)).toBe(false)
    expect(worthSettingIndexesAside(67_077, 1_000_000)).toBe(false)
    expect(worthSettingIndexesAside(49_999, 49_999)).toBe(false)
    expect(worthSettingIndexesAside(2_500, 2_500)).toBe(false)
  })
})

describe.each(testDialects)('derived data after an import on %s', (dialect) => {
  let crashed: TestDb
  let clean: TestDb
  const file = ordersFile()
  const options = (db: Db, extra: Partial<ImportFileOptions> = {}): ImportFileOptions => ({
    db,
    fileName: 'umsatz.csv',
    bytes: file,
    format: 'generic',
    kind: 'orders',
    skipInvalid: false,
    userId: null,
    asOf: TODAY,
    ...extra,
  })

  beforeEach(async () => {
    ;[crashed, clean] = await Promise.all([createTestDb(dialect), createTestDb(dialect)])
  })
  afterEach(async () => {
    await Promise.all([crashed.destroy(), clean.destroy()])
  })

  it('a process that dies after the commit, halfway through the derived data, leaves it queued; the next run finishes it exactly', async () => {
    const died = new Error('killed')
    await expect(
      importFile(
        options(crashed, {
          onProgress: (p) => {
            if (p.phase === 'classifying' && p.done >= 2000) throw died
          },
        }),
      ),
    ).rejects.toBe(died)
    // the import itself is committed and says so; a quarter of the customers still wait
    const run = await crashed.kysely.selectFrom('import_runs').select('status').executeTakeFirstOrThrow()
    expect(run.status).toBe('succeeded')
    const queued = await crashed.kysely.selectFrom('derivation_queue').select('customer_id').execute()
    expect(queued).toHaveLength(500)
    const statuses = await crashed.kysely.selectFrom('customer_status').select('customer_id').execute()
    expect(statuses).toHaveLength(2000)

    // the same file again: nothing new to write, but the work left over is finished
    const again = await importFile(options(crashed))
    expect(again).toMatchObject({ status: 'succeeded', documentsCreated: 0, customersCreated: 0 })
    expect(await crashed.kysely.selectFrom('derivation_queue').select('customer_id').execute()).toEqual([])

    expect(await importFile(options(clean))).toMatchObject({ status: 'succeeded' })
    expect(await importedState(crashed)).toEqual(await importedState(clean))
  })

  it('a start finds the queue and finishes it (what the server and the nightly check do)', async () => {
    await expect(
      importFile(
        options(crashed, {
          onProgress: (p) => {
            if (p.phase === 'classifying' && p.done >= 2000) throw new Error('killed')
          },
        }),
      ),
    ).rejects.toThrow('killed')
    expect(await deriveQueued({ db: crashed })).toEqual({ derived: 500 })
    await importFile(options(clean))
    expect(await importedState(crashed)).toEqual(await importedState(clean))
  })

  /** the import committed, its customers queued, and the process stopped before deriving them */
  const importWithoutDeriving = async (db: Db) => {
    const stopped = new Error('stopped before deriving')
    await expect(
      importFile(
        options(db, {
          onProgress: (p) => {
            if (p.phase === 'classifying') throw stopped
          },
        }),
      ),
    ).rejects.toBe(stopped)
  }

  it('derives the same in a worker thread, batch after batch, as in this one', async () => {
    await importWithoutDeriving(crashed)
    expect(await crashed.kysely.selectFrom('derivation_queue').select('customer_id').execute()).toHaveLength(
      2500,
    )
    expect(await deriveQueued({ db: crashed, inWorker: true })).toEqual({ derived: 2500 })
    expect(await crashed.kysely.selectFrom('derivation_queue').select('customer_id').execute()).toEqual([])
    await importFile(options(clean))
    expect(await importedState(crashed)).toEqual(await importedState(clean))
  })

  it('derives the same with the derived tables’ indexes set aside, and builds them again after, even when it fails', async () => {
    const indexes = () => indexesOf(crashed)
    const made = await indexes()
    await importWithoutDeriving(crashed)
    // a derivation that fails halfway builds them again before it gives up
    const failed = new Error('failed halfway')
    await expect(
      deriveQueued({
        db: crashed,
        setAsideIndexes: true,
        onProgress: (done) => {
          if (done >= 2000) throw failed
        },
      }),
    ).rejects.toBe(failed)
    expect(await indexes()).toEqual(made)
    // a process that died with them set aside: the next derivation builds them again too
    await setAsideUntilRestored(crashed.kysely, ['customer_status_changes'], '2026-06-30T10:00:00.000Z')
    expect((await indexes()).length).toBeLessThan(made.length)
    // asked when the first batch is written: what the derivation writes into
    let during: ReturnType<typeof indexes> | null = null
    expect(
      await deriveQueued({
        db: crashed,
        setAsideIndexes: true,
        onProgress: (done) => {
          if (done > 0) during ??= indexes()
        },
      }),
    ).toEqual({ derived: 500 })
    expect((await during!).length).toBeLessThan(made.length - 4)
    expect(await indexes()).toEqual(made)
    expect(await crashed.kysely.selectFrom('set_aside_indexes').selectAll().execute()).toEqual([])
    await importFile(options(clean))
    expect(await importedState(crashed)).toEqual(await importedState(clean))
  })

  it('reads the histories of customers asked for by id, close together (as a range) or far apart, as the whole base has them', async () => {
    await importFile(options(clean))
    const whole = await loadCustomerHistories(clean, { afterId: 0, limit: 5000 })
    expect(whole).toHaveLength(2500)
    const byId = new Map(whole.map((h) => [h.id, h]))
    const ids = whole.map((h) => h.id)
    // close together with gaps (read as their range; the range's other customers left out), far
    // apart (by id), and one alone
    const close = ids.slice(100, 300).filter((_, i) => i % 3 !== 1)
    const apart = ids.filter((_, i) => i % 97 === 5)
    for (const asked of [close, apart, [ids[42]!]]) {
      const read = await loadCustomerHistories(clean, { afterId: 0, limit: 5000, ids: asked })
      expect(read.map((h) => h.id)).toEqual(asked)
      expect(read).toEqual(asked.map((id) => byId.get(id)))
      expect(read.reduce((n, h) => n + h.documents.length, 0)).toBeGreaterThan(asked.length - 1)
    }
  })
})

/** The indexes of the tables a derivation writes, with their statements. */
async function indexesOf(db: TestDb): Promise<{ name: string; definition: string | null }[]> {
  const tables = ['customer_status', 'customer_status_changes', 'contact_eligibility', 'customer_scores']
  return db.dialect === 'postgres'
    ? (
        await sql<{ name: string; definition: string }>`
          select indexname as name, indexdef as definition from pg_indexes
          where tablename in (${sql.join(tables)}) order by indexname`.execute(db.kysely)
      ).rows
    : (
        await sql<{ name: string; definition: string | null }>`
          select name, sql as definition from sqlite_master
          where type = 'index' and tbl_name in (${sql.join(tables)}) order by name`.execute(db.kysely)
      ).rows
}
