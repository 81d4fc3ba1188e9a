import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../../test/databases'
import { importedState } from '../../../../test/derived-state'
import type { Db } from '../../db/database'
import { addDays } from '../../lib/dates'
import { loadCustomerHistories } from '../lifecycle/lifecycle.repository'
import { deriveQueued } from './derived-data'
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

  it('derives the same in a worker thread, batch after batch, as in this one', async () => {
    const stopped = new Error('stopped before deriving')
    await expect(
      importFile(
        options(crashed, {
          onProgress: (p) => {
            if (p.phase === 'classifying') throw stopped
          },
        }),
      ),
    ).rejects.toBe(stopped)
    expect(await crashed.kysely.selectFrom('derivation_queue').select('customer_id').execute()).toHaveLength(
      2500,
    )
    expect(await deriveQueued({ db: crashed, inWorker: true })).toEqual({ derived: 2500 })
    expect(await crashed.kysely.selectFrom('derivation_queue').select('customer_id').execute()).toEqual([])
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
