import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import iconv from 'iconv-lite'
import { sql } from 'kysely'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../../test/databases'
import { rowsWithoutCustomer, rowsWithoutImportRun } from '../../../../test/orphans'
import { fileOnDisk } from '../../lib/file-bytes'
import { recordCancellation } from '../cancellations/cancellation.service'
import { addToSuppressionList } from '../contact/contact.service'
import { type ImportFileOptions, importFile } from './import-file'
import { findImportRun } from './import-run.repository'

const cdnowDir = path.resolve(import.meta.dirname, '../../../../test/fixtures/cdnow')

const header = 'Kundennummer;Firma;Belegart;Belegnummer;Bezugsbeleg;Datum;Netto\n'
const january = `${header}K1;Müller GmbH;Rechnung;RE-1;;05.01.2024;100,00\nK1;Müller GmbH;Rechnung;RE-2;;05.02.2024;50,00\nK2;Schulz KG;Rechnung;RE-3;;10.01.2024;1.000,00\n`
// overlapping export: RE-2 changed, RE-3 repeated, RE-4 new, a credit note on RE-1
const february = `${header}K1;Müller GmbH & Co. KG;Rechnung;RE-2;;05.02.2024;55,00\nK2;Schulz KG;Rechnung;RE-3;;10.01.2024;1.000,00\nK3;Neu AG;Rechnung;RE-4;;01.03.2024;10,00\nK1;Müller GmbH & Co. KG;Gutschrift;GS-1;RE-1;06.03.2024;100,00\n`

function bytes(text: string) {
  return iconv.encode(text, 'win1252')
}

describe.each(testDialects)('importFile on %s', (dialect) => {
  let db: TestDb
  beforeEach(async () => {
    await db?.destroy()
    db = await createTestDb(dialect)
  })
  afterAll(() => db.destroy())

  const run = (text: string, extra: Partial<ImportFileOptions> = {}) =>
    importFile({
      db,
      fileName: 'umsatz.csv',
      bytes: bytes(text),
      format: 'auto',
      kind: 'orders',
      skipInvalid: false,
      userId: null,
      asOf: '2024-06-30',
      ...extra,
    })

  /** RE-1's net as stored (the far-apart-positions tests) */
  const netOfRe1 = async () =>
    (
      await db.kysely
        .selectFrom('orders')
        .select('net_cents')
        .where('external_key', 'like', '%RE-1')
        .where('number', '=', 'RE-1')
        .executeTakeFirstOrThrow()
    ).net_cents

  const count = async (table: 'customers' | 'orders') =>
    Number(
      (
        await db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('imports customers and documents and classifies them', async () => {
    const outcome = await run(january)
    expect(outcome).toMatchObject({
      status: 'succeeded',
      customersCreated: 2,
      documentsCreated: 3,
      encoding: 'windows-1252',
    })
    const status = await db.kysely
      .selectFrom('customer_status')
      .innerJoin('customers', 'customers.id', 'customer_status.customer_id')
      .select(['customer_number', 'status', 'rule', 'revenue_total_cents'])
      .orderBy('customer_number')
      .execute()
    expect(status).toEqual([
      {
        customer_number: 'K1',
        status: 'sleeping',
        rule: 'sleeping_overdue_long',
        revenue_total_cents: 15000,
      },
      {
        customer_number: 'K2',
        status: 'active',
        rule: 'active_recent_purchase',
        revenue_total_cents: 100000,
      },
    ])
    const stored = await findImportRun(db.kysely, outcome.runId)
    expect(stored).toMatchObject({
      status: 'succeeded',
      rows_total: 3,
      documents_created: 3,
      format: 'generic',
    })
    const runs = await db.kysely.selectFrom('orders').select('import_run_id').distinct().execute()
    expect(runs).toEqual([{ import_run_id: outcome.runId }])
    expect(await rowsWithoutImportRun(db)).toEqual({ orders: 0, contracts: 0 })
  })

  it("stores a batch's new documents by customer, each customer's in the file's order", async () => {
    // PostgreSQL lays rows in the order written: by customer, a range of customers' ledgers is read
    // from few pages after the import
    await run(
      `${header}K2;B;Rechnung;RE-1;;05.01.2024;1,00\nK1;A;Rechnung;RE-2;;04.01.2024;1,00\nK2;B;Rechnung;RE-3;;03.01.2024;1,00\nK1;A;Rechnung;RE-4;;06.01.2024;1,00\nK3;C;Rechnung;RE-5;;02.01.2024;1,00\nK2;B;Rechnung;RE-6;;01.01.2024;1,00\n`,
    )
    const stored = await db.kysely
      .selectFrom('orders')
      .innerJoin('customers', 'customers.id', 'orders.customer_id')
      .select(['customer_number', 'number'])
      .orderBy('orders.id')
      .execute()
    expect(stored.map((r) => `${r.customer_number} ${r.number}`)).toEqual([
      'K2 RE-1',
      'K2 RE-3',
      'K2 RE-6',
      'K1 RE-2',
      'K1 RE-4',
      'K3 RE-5',
    ])
  })

  it('is idempotent: the same file twice changes nothing', async () => {
    await run(january)
    const before = await db.kysely.selectFrom('orders').selectAll().orderBy('id').execute()
    const again = await run(january)
    expect(again).toMatchObject({
      status: 'succeeded',
      customersCreated: 0,
      customersUpdated: 0,
      documentsCreated: 0,
      documentsUpdated: 0,
      documentsUnchanged: 3,
    })
    const after = await db.kysely.selectFrom('orders').selectAll().orderBy('id').execute()
    expect(after.map(({ import_run_id, ...rest }) => rest)).toEqual(
      before.map(({ import_run_id, ...rest }) => rest),
    )
  })

  it('a stored document the file continues in a later batch: unchanged at first, then updated once, counted once', async () => {
    // RE-1's second position comes after 60,000 other rows: it is handed over again, continued
    const filler = Array.from(
      { length: 60_000 },
      (_, i) => `K${2 + (i % 50)};F;Rechnung;RE-${i + 10};;05.01.2024;1,00`,
    )
    const first = `${header}K1;A;Rechnung;RE-1;;05.01.2024;10,00\n${filler.join('\n')}\n`
    const grown = `${first}K1;A;Rechnung;RE-1;;05.01.2024;5,00\n`
    expect(await run(first)).toMatchObject({ status: 'succeeded', documentsCreated: 60_001 })
    expect(await netOfRe1()).toBe(1000)
    // the first batch sees RE-1 as stored; the last adds its second position
    expect(await run(grown)).toMatchObject({
      status: 'succeeded',
      documentsCreated: 0,
      documentsUpdated: 1,
      documentsUnchanged: 60_000,
    })
    expect(Number(await netOfRe1())).toBe(1500)
    expect(await count('orders')).toBe(60_001)
    // the same file again: nothing changes, RE-1 included
    expect(await run(grown)).toMatchObject({
      documentsCreated: 0,
      documentsUpdated: 0,
      documentsUnchanged: 60_001,
    })
    expect(Number(await netOfRe1())).toBe(1500)
  })

  it('a document whose positions lie further apart than the reader holds documents: added up, the same twice, another customer refused', async () => {
    // RE-1's second position comes 160,000 rows later: the reader has let go of its record by then
    const filler = Array.from(
      { length: 160_000 },
      (_, i) => `K${2 + (i % 50)};F;Rechnung;RE-${i + 10};;05.01.2024;1,00`,
    )
    const far = (customer: string) =>
      `${header}K1;A;Rechnung;RE-1;;05.01.2024;10,00\n${filler.join('\n')}\n${customer};A;Rechnung;RE-1;;05.01.2024;5,00\n`
    // first without the far position; RE-1 is stored as 10,00
    const near = `${header}K1;A;Rechnung;RE-1;;05.01.2024;10,00\n${filler.join('\n')}\n`
    expect(await run(near)).toMatchObject({ status: 'succeeded', documentsCreated: 160_001 })
    // RE-1's first position is as stored (unchanged so far); the far one adds to it
    expect(await run(far('K1'))).toMatchObject({
      status: 'succeeded',
      documentsCreated: 0,
      documentsUpdated: 1,
      documentsUnchanged: 160_000,
    })
    expect(Number(await netOfRe1())).toBe(1500)
    // the same file again: RE-1's first position now differs from what is stored, the far one completes it
    expect(await run(far('K1'))).toMatchObject({
      status: 'succeeded',
      documentsCreated: 0,
      documentsUpdated: 0,
      documentsUnchanged: 160_001,
    })
    expect(Number(await netOfRe1())).toBe(1500)
    // the same document number for another customer, far below: the file is refused, nothing changes
    const conflict = await run(far('K3'))
    expect(conflict.status).toBe('failed')
    expect(conflict.message).toContain('RE-1')
    expect(conflict.message).toContain('line 160,003')
    expect(conflict.message).toContain('customer K3')
    expect(Number(await netOfRe1())).toBe(1500)
    expect(await count('orders')).toBe(160_001)
    // and a new file with it far apart is added up on its first import
    await db.kysely.deleteFrom('orders').execute()
    expect(await run(far('K1'))).toMatchObject({ status: 'succeeded', documentsCreated: 160_001 })
    expect(Number(await netOfRe1())).toBe(1500)
  }, 180_000)

  it('an overlapping export updates instead of duplicating', async () => {
    await run(january)
    const outcome = await run(february)
    expect(outcome).toMatchObject({
      customersCreated: 1,
      customersUpdated: 1,
      documentsCreated: 2,
      documentsUpdated: 1,
      documentsUnchanged: 1,
    })
    expect(await count('orders')).toBe(5)
    const re2 = await db.kysely
      .selectFrom('orders')
      .selectAll()
      .where('number', '=', 'RE-2')
      .executeTakeFirstOrThrow()
    expect(re2.net_cents).toBe(5500)
    const k1 = await db.kysely
      .selectFrom('customers')
      .selectAll()
      .where('customer_number', '=', 'K1')
      .executeTakeFirstOrThrow()
    expect(k1.company_name).toBe('Müller GmbH & Co. KG')
    const k1Status = await db.kysely
      .selectFrom('customer_status')
      .selectAll()
      .where('customer_id', '=', k1.id)
      .executeTakeFirstOrThrow()
    expect(k1Status.revenue_total_cents).toBe(5500)
    expect(k1Status.purchase_count).toBe(1)
  })

  it('rejects a file with invalid rows as a whole and writes nothing', async () => {
    const bad = `${header}K1;A;Rechnung;RE-1;;05.01.2024;100,00\nK2;B;Rechnung;RE-2;;35.01.2024;100,00\n`
    const outcome = await run(bad)
    expect(outcome.status).toBe('rejected')
    expect(outcome.issues).toMatchObject([
      {
        severity: 'error',
        code: 'invalid_date',
        file: 'umsatz.csv',
        line: 3,
        column: 'Datum',
        value: '35.01.2024',
        reason: '"35.01.2024" is not a valid date',
      },
    ])
    expect(await count('customers')).toBe(0)
    expect(await count('orders')).toBe(0)
    const stored = await findImportRun(db.kysely, outcome.runId)
    expect(stored?.status).toBe('rejected')
    expect(JSON.parse(stored!.issues)).toHaveLength(1)
  })

  it('a file with its header only is nothing to import: rejected, with a message that says so', async () => {
    for (const skipInvalid of [false, true]) {
      const outcome = await run(header, { skipInvalid })
      expect(outcome).toMatchObject({
        status: 'rejected',
        message: 'The file has no rows below its header: nothing to import',
        rowsTotal: 0,
      })
      expect(outcome.issues.map((i) => i.code)).toEqual(['no_rows'])
    }
    expect(await count('customers')).toBe(0)
  })

  it('with skipInvalid imports the valid rows and returns the rejected ones as CSV, reasons in the importer’s language', async () => {
    const bad = `${header}K1;A;Rechnung;RE-1;;05.01.2024;100,00\nK2;B;Rechnung;RE-2;;35.01.2024;100,00\n`
    const outcome = await run(bad, { skipInvalid: true })
    expect(outcome).toMatchObject({ status: 'succeeded', rowsValid: 1, rowsRejected: 1, documentsCreated: 1 })
    // German unless the person importing reads English
    expect(outcome.rejectedCsv).toBe(
      '\ufeffKundennummer;Firma;Belegart;Belegnummer;Bezugsbeleg;Datum;Netto;Zeile / line;Fehler / error\r\nK2;B;Rechnung;RE-2;;35.01.2024;100,00;3;„35.01.2024“ ist kein gültiges Datum.\r\n',
    )
    expect(await count('orders')).toBe(1)
    const english = await run(bad, { skipInvalid: true, locale: 'en' })
    expect(english.rejectedCsv).toContain(';3;"""35.01.2024"" is not a valid date"\r\n')
  })

  it('a crash in the middle of writing leaves nothing half-imported, and a retry imports once', async () => {
    const lines = Array.from(
      { length: 30_000 },
      (_, i) => `K${i % 500};F;Rechnung;RE-${i};;05.01.2024;1,00`,
    ).join('\n')
    const text = `${header}${lines}\n`
    let calls = 0
    const crashed = await run(text, {
      onProgress: (p) => {
        if (p.phase === 'importing' && ++calls === 1) throw new Error('power cut')
      },
    })
    expect(crashed.status).toBe('failed')
    expect(crashed.message).toContain('power cut')
    expect(await count('orders')).toBe(0)
    expect(await count('customers')).toBe(0)
    const retried = await run(text)
    expect(retried).toMatchObject({ status: 'succeeded', documentsCreated: 30_000, customersCreated: 500 })
    expect(await count('orders')).toBe(30_000)
  })

  it('reads a large file in a worker thread: documents that span two chunks are written once, with all positions', async () => {
    // 120,000 positions (about 5 MB: read in the worker) of 17,143 invoices of 400 customers
    const rows = Array.from({ length: 120_000 }, (_, i) => {
      const invoice = Math.floor(i / 7)
      return `K${invoice % 400};Firma ${invoice % 400};Rechnung;RE-${invoice};;05.01.2024;1,00`
    })
    const text = `${header}${rows.join('\n')}\n`
    expect(bytes(text).byteLength).toBeGreaterThan(4 * 1024 * 1024)
    const first = await run(text)
    expect(first).toMatchObject({ status: 'succeeded', customersCreated: 400, documentsCreated: 17_143 })
    expect(await count('orders')).toBe(17_143)
    const totals = await db.kysely
      .selectFrom('orders')
      .select(['net_cents'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('net_cents')
      .execute()
    expect(totals.map((t) => [Number(t.net_cents), Number(t.n)]).sort()).toEqual([
      [(120_000 % 7) * 100, 1],
      [700, 17_142],
    ])
    // the same file again, from disk: read there block by block, never held whole
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'winback-import-')), 'umsatz.csv')
    fs.writeFileSync(file, bytes(text))
    const again = await run(text, { bytes: await fileOnDisk(file) })
    fs.rmSync(path.dirname(file), { recursive: true })
    expect(again).toMatchObject({ status: 'succeeded', documentsCreated: 0, documentsUnchanged: 17_143 })
    expect(await count('orders')).toBe(17_143)
    const [one, two] = await Promise.all([
      findImportRun(db.kysely, first.runId),
      findImportRun(db.kysely, again.runId),
    ])
    expect(two!.file_hash).toBe(one!.file_hash)
    expect(two!.file_size).toBe(bytes(text).byteLength)
  })

  it('a first import builds the ledger and margin indexes once it has written (SQLite): those the migrations made, also after a person refused in a later chunk and after a rejected file', async () => {
    // the SQL SQLite keeps for an index is the statement that made it
    const ledgerIndex = async () =>
      dialect === 'sqlite'
        ? (
            await sql<{
              sql: string
            }>`select sql from sqlite_master where type = 'index' and name in ('orders_ledger', 'orders_margin') order by name`.execute(
              db.kysely,
            )
          ).rows.map((r) => r.sql)
        : []
    const made = await ledgerIndex()
    if (dialect === 'sqlite')
      expect(made).toEqual([
        expect.stringContaining('"customer_id", "ordered_on"'),
        expect.stringMatching(
          /"customer_id", "margin_cents", "net_cents"\) where "margin_cents" is not null$/,
        ),
      ])

    const invalid = `${header}K1;Müller GmbH;Rechnung;RE-1;;05.01.2024;100,00\nK2;Schulz KG;Rechnung;RE-3;;kein Datum;1,00\n`
    expect((await run(invalid)).status).toBe('rejected')
    expect(await ledgerIndex()).toEqual(made)

    // an erased person's e-mail; the file names it for E1 only 150,000 rows on, in a later chunk
    // (50,000 rows each, or as the stream cuts them), when the first has written E1: that is taken back
    await addToSuppressionList(db.kysely, { email: 'jens.alt@example.de' }, 'all', 'erasure', {
      userId: null,
      now: '2024-06-01T00:00:00Z',
      today: '2024-06-01',
    })
    const others = Array.from(
      { length: 150_000 },
      (_, i) =>
        `K${i % 5000};;Kunde ${i % 5000};;RE-${i};${String(Math.floor(i / 5000) + 1).padStart(2, '0')}.01.2024;1,00`,
    )
    const text = [
      'Kundennummer;Vorname;Nachname;E-Mail;Rechnungsnummer;Datum;Netto',
      'E1;Jens;Alt;;RE-E1;02.01.2024;30,00',
      ...others,
      'E1;Jens;Alt;jens.alt@example.de;RE-E2;03.01.2024;40,00',
    ].join('\n')
    const outcome = await run(text, { format: 'generic' })
    expect(outcome).toMatchObject({ status: 'succeeded', customersCreated: 5000, documentsCreated: 150_000 })
    // reported at the line of their document in the chunk that matched them (the file's last)
    expect(outcome.issues.filter((i) => i.code === 'suppressed').map((i) => [i.value, i.line])).toEqual([
      ['E1', 150_003],
    ])
    expect(await count('orders')).toBe(150_000)
    // the customer taken back left nothing behind (PostgreSQL no longer checks these tables' customer)
    const orphans = await rowsWithoutCustomer(db)
    expect(Object.keys(orphans)).toContain('orders')
    expect(orphans).toEqual(Object.fromEntries(Object.keys(orphans).map((table) => [table, 0])))
    expect(await ledgerIndex()).toEqual(made)
    // the ledgers were read through it: every customer classified, each with 30 purchase days
    const status = await db.kysely
      .selectFrom('customer_status')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('purchase_count').as('most')])
      .executeTakeFirstOrThrow()
    expect([Number(status.n), Number(status.most)]).toEqual([5000, 30])
  })

  it('a large first import sets the customers’ read indexes aside and builds those the migrations made after it, also after a rejected file; a later import keeps them', async () => {
    const customerIndexes = async () =>
      (dialect === 'postgres'
        ? await sql<{ name: string; definition: string }>`
            select indexname as name, indexdef as definition from pg_indexes
            where tablename = 'customers' order by indexname`.execute(db.kysely)
        : await sql<{ name: string; definition: string }>`
            select name, sql as definition from sqlite_master
            where type = 'index' and tbl_name = 'customers' order by name`.execute(db.kysely)
      ).rows
    const made = await customerIndexes()
    expect(made.map((i) => i.name)).toEqual(expect.arrayContaining(['customers_email', 'customers_city']))
    // 60,000 rows (over 1 MiB, two chunks) of 8,000 customers, the last one invalid: rejected whole
    const rows = Array.from(
      { length: 60_000 },
      (_, i) =>
        `K${i % 8000};;Kunde ${i % 8000};;RE-${i};${String((i % 28) + 1).padStart(2, '0')}.03.2024;2,50`,
    )
    const text = ['Kundennummer;Vorname;Nachname;E-Mail;Rechnungsnummer;Datum;Netto', ...rows].join('\n')
    expect(bytes(text).byteLength).toBeGreaterThan(1 << 20)
    const rejected = await run(`${text}\nK1;;Kunde 1;;RE-X;kein Datum;1,00`, { format: 'generic' })
    expect(rejected.status).toBe('rejected')
    expect(await customerIndexes()).toEqual(made)
    // PostgreSQL reads its catalog on another connection while the import writes (after the first
    // chunk): set aside then
    let during: Promise<string[]> | null = null
    const first = await run(text, {
      format: 'generic',
      onProgress: (p) => {
        // asked once, at once: after the first chunk, while the second is still to be written
        if (dialect === 'postgres' && p.phase === 'importing')
          during ??= customerIndexes().then((rows) => rows.map((i) => i.name))
      },
    })
    expect(first).toMatchObject({ status: 'succeeded', customersCreated: 8000, documentsCreated: 60_000 })
    if (dialect === 'postgres') {
      const names = await during
      expect(names).not.toContain('customers_email')
      expect(names).not.toContain('customers_search_trgm')
      expect(names).toContain('customers_customer_number_key')
    }
    expect(await customerIndexes()).toEqual(made)
    expect(await db.kysely.selectFrom('set_aside_indexes').selectAll().execute()).toEqual([])
    // found through them: the search, by city and by e-mail
    const k7 = await db.kysely
      .selectFrom('customers')
      .select('customer_number')
      .where('search_text', 'like', '%kunde 7999%')
      .execute()
    expect(k7.map((r) => r.customer_number)).toEqual(['K7999'])
    // the same file again writes nothing new, with the indexes where they are
    const again = await run(text, { format: 'generic' })
    expect(again).toMatchObject({ status: 'succeeded', customersCreated: 0, documentsUnchanged: 60_000 })
    expect(await customerIndexes()).toEqual(made)
  })

  it('writes a customer’s data that a later chunk completes or changes, over what an earlier chunk created or found, counted once', async () => {
    // N1 first with a name only; 120,000 rows on (a later chunk) with an e-mail and a city, then the same again
    const others = Array.from(
      { length: 120_000 },
      (_, i) =>
        `L${i % 1000};;Kunde ${i % 1000};;;LR-${i};${String((i % 28) + 1).padStart(2, '0')}.02.2024;1,00`,
    )
    const text = [
      'Kundennummer;Vorname;Nachname;E-Mail;Ort;Rechnungsnummer;Datum;Netto',
      'N1;Nora;Neu;;;NR-1;02.01.2024;30,00',
      ...others,
      'N1;Nora;Neu;nora.neu@example.de;Bremen;NR-2;03.01.2024;40,00',
      'N1;Nora;Neu;nora.neu@example.de;Bremen;NR-3;04.01.2024;50,00',
    ].join('\n')
    const first = await run(text, { format: 'generic' })
    expect(first).toMatchObject({ status: 'succeeded', customersCreated: 1001, customersUpdated: 0 })
    const nora = await db.kysely
      .selectFrom('customers')
      .select(['first_name', 'last_name', 'email', 'city', 'search_text'])
      .where('customer_number', '=', 'N1')
      .executeTakeFirstOrThrow()
    expect(nora).toMatchObject({
      first_name: 'Nora',
      last_name: 'Neu',
      email: 'nora.neu@example.de',
      city: 'Bremen',
    })
    expect(nora.search_text).toContain('bremen')
    // again: N1 is compared with its stored row in the first chunk and, read again, in the later one
    const again = await run(text, { format: 'generic' })
    expect(again).toMatchObject({
      status: 'succeeded',
      customersCreated: 0,
      customersUpdated: 0,
      documentsCreated: 0,
    })
    // a stored customer the later chunk changes is updated, and counted once
    const moved = await run(text.replaceAll('Bremen', 'Hamburg'), { format: 'generic' })
    expect(moved).toMatchObject({
      status: 'succeeded',
      customersCreated: 0,
      customersUpdated: 1,
      documentsCreated: 0,
    })
    const city = await db.kysely
      .selectFrom('customers')
      .select(['city', 'search_text'])
      .where('customer_number', '=', 'N1')
      .executeTakeFirstOrThrow()
    expect(city.city).toBe('Hamburg')
    expect(city.search_text).toContain('hamburg')
  })

  it('imports CDNOW_master.txt: 23,570 customers', async () => {
    const outcome = await importFile({
      db,
      fileName: 'CDNOW_master.txt',
      bytes: fs.readFileSync(path.join(cdnowDir, 'CDNOW_master.txt')),
      format: 'auto',
      kind: 'orders',
      skipInvalid: false,
      userId: null,
      asOf: '1998-06-30',
    })
    expect(outcome).toMatchObject({
      status: 'succeeded',
      format: 'cdnow',
      customersCreated: 23570,
      documentsCreated: 69659,
    })
    expect(await count('customers')).toBe(23570)
    const statuses = await db.kysely
      .selectFrom('customer_status')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(statuses.n)).toBe(23570)
  })

  it('imports contract files: created, then updated by an overlapping export, the same twice unchanged', async () => {
    const contracts = (rows: string) =>
      run(
        `Kundennummer;Firma;Vertragsnummer;Produkt;Vertragsbeginn;Vertragsende;Gekündigt am;Monatsbetrag\n${rows}`,
        {
          kind: 'contracts',
          fileName: 'vertraege.csv',
        },
      )
    // orders first: the contract customers bought too
    await run(january)
    const first = await contracts(
      'K1;Müller GmbH;SV-1;Service;01.01.2023;;;89,00\nK9;Neu GmbH;SV-2;Miete;01.02.2024;;;49,00\n',
    )
    expect(first).toMatchObject({
      status: 'succeeded',
      kind: 'contracts',
      contractsCreated: 2,
      customersCreated: 1,
      documentsCreated: 0,
    })
    const again = await contracts(
      'K1;Müller GmbH;SV-1;Service;01.01.2023;;;89,00\nK9;Neu GmbH;SV-2;Miete;01.02.2024;;;49,00\n',
    )
    expect(again).toMatchObject({
      contractsCreated: 0,
      contractsUpdated: 0,
      contractsUnchanged: 2,
      customersCreated: 0,
    })
    // K1 cancels SV-1; the status follows (a cancelled contract is a churn signal)
    const cancelled = await contracts('K1;Müller GmbH;SV-1;Service;01.01.2023;30.09.2024;15.06.2024;89,00\n')
    expect(cancelled).toMatchObject({ contractsUpdated: 1, contractsUnchanged: 0 })
    const row = await db.kysely
      .selectFrom('contracts')
      .selectAll()
      .where('external_key', '=', 'SV-1')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      source: 'generic',
      number: 'SV-1',
      product: 'Service',
      started_on: '2023-01-01',
      ends_on: '2024-09-30',
      cancelled_on: '2024-06-15',
      import_run_id: cancelled.runId,
    })
    expect(Number(row.monthly_value_cents)).toBe(89_00)
    // every document and contract names a run that exists (PostgreSQL no longer checks the key)
    expect(await rowsWithoutImportRun(db)).toEqual({ orders: 0, contracts: 0 })
    const k1 = await db.kysely
      .selectFrom('customer_status as s')
      .innerJoin('customers as c', 'c.id', 's.customer_id')
      .select(['s.status', 's.signals'])
      .where('c.customer_number', '=', 'K1')
      .executeTakeFirstOrThrow()
    expect(k1.signals).toContain('contract_cancelled')
    const run3 = await findImportRun(db.kysely, cancelled.runId)
    expect(run3).toMatchObject({ kind: 'contracts', contracts_updated: 1, contracts_created: 0 })
    // a cancellation recorded in winback is not undone by an export that does not show it yet
    const sv2 = await db.kysely
      .selectFrom('contracts')
      .select(['id', 'customer_id'])
      .where('external_key', '=', 'SV-2')
      .executeTakeFirstOrThrow()
    await recordCancellation(
      db.kysely,
      sv2.customer_id,
      { contractId: sv2.id, receivedOn: '2024-06-01', effectiveOn: '2024-08-31' },
      { userId: null, now: '2024-06-01T10:00:00Z', today: '2024-06-30' },
      { ownerId: null },
    )
    const kept = await contracts('K9;Neu GmbH;SV-2;Miete;01.02.2024;;;49,00\n')
    expect(kept).toMatchObject({ status: 'succeeded', contractsUnchanged: 1, contractsUpdated: 0 })
    expect(kept.issues.map((i) => [i.code, i.line, i.value])).toEqual([['cancellation_kept', 2, 'SV-2']])
    const sv2After = await db.kysely
      .selectFrom('contracts')
      .select(['cancelled_on', 'ends_on'])
      .where('id', '=', sv2.id)
      .executeTakeFirstOrThrow()
    expect(sv2After).toEqual({ cancelled_on: '2024-06-01', ends_on: '2024-08-31' })
    // a bad row rejects the whole file
    const bad = await contracts('K1;Müller GmbH;SV-3;Service;;;;10,00\n')
    expect(bad.status).toBe('rejected')
    expect(await db.kysely.selectFrom('contracts').select('id').execute()).toHaveLength(2)
  })
})
