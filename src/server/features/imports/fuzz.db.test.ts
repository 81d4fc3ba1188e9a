import fs from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../../test/databases'
import type { ImportKind } from '../../../shared/imports'
import { importFile } from './import-file'

/**
 * Malformed files of every format, generated from valid ones with a seeded generator: no file may
 * crash the import, leave a partial import behind, or be accepted when it holds an invalid value.
 * `npm test` runs a few hundred; WINBACK_FUZZ_FILES=2000 makes a nightly-sized run.
 */
const FILES = Number(process.env.WINBACK_FUZZ_FILES ?? 300)
const fixtures = path.resolve(import.meta.dirname, '../../../../test/fixtures')

/** mulberry32: repeatable randomness, so a failure can be replayed by its number */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let x = Math.imul(a ^ (a >>> 15), 1 | a)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

interface Seed {
  name: string
  kind: ImportKind
  text: string
  /** a cell that may be replaced by an invalid value of its column: [line, column] */
  invalidable: { line: number; column: number; bad: readonly string[] }[]
  encoding?: 'win1252'
}

const germanOrders = [
  'Kundennummer;Firma;Belegart;Belegnummer;Bezugsbeleg;Datum;Netto;Deckungsbeitrag',
  '10001;Bäckerei Müller GmbH;Rechnung;RE-1;;05.03.2024;1.234,56;345,60',
  '10001;Bäckerei Müller GmbH;Rechnung;RE-1;;05.03.2024;-20,00;-20,00',
  '10001;Bäckerei Müller GmbH;Gutschrift;GS-1;RE-1;12.03.2024;234,56;',
  '10002;Weiß & Co. KG;Rechnung;RE-2;;01.04.2024;99,90;20,00',
  '10003;Groß AG;Rechnung;RE-3;;15.04.2024;500,00;',
].join('\r\n')

const seeds: Seed[] = [
  {
    name: 'umsatz.csv',
    kind: 'orders',
    text: germanOrders,
    encoding: 'win1252',
    invalidable: [
      { line: 2, column: 5, bad: ['31.02.2024', '05.03.2024 25:61', 'gestern', '2024-13-01'] },
      { line: 5, column: 6, bad: ['12,345', 'zehn', '1.2.3', '--5'] },
      { line: 6, column: 2, bad: ['Lieferschein', '???'] },
    ],
  },
  {
    name: 'kunden.csv',
    kind: 'customers',
    text: [
      'Kundennummer;Firma;Vorname;Nachname;E-Mail;PLZ;Ort;Kundentyp;Projektkunde',
      'K1;Müller GmbH;Jürgen;Müller;j.mueller@example.de;80331;München;B2B;nein',
      'K2;;Erika;Weiß;erika@example.de;50667;Köln;B2C;ja',
    ].join('\r\n'),
    encoding: 'win1252',
    invalidable: [{ line: 2, column: 8, bad: ['vielleicht', '2'] }],
  },
  {
    name: 'vertraege.csv',
    kind: 'contracts',
    text: [
      'Kundennummer;Firma;Vertragsnummer;Produkt;Vertragsbeginn;Vertragsende;Gekündigt am;Monatsbetrag',
      'V1;Hotel Möwe GmbH;SV-1;Service;01.03.2024;;;129,00',
      'V2;Pension Sonne;SV-2;Miete;01.06.2023;30.06.2025;15.03.2025;39,50',
    ].join('\r\n'),
    encoding: 'win1252',
    invalidable: [
      { line: 2, column: 4, bad: ['01.13.2024', 'bald'] },
      { line: 3, column: 7, bad: ['-39,50', 'neununddreißig'] },
    ],
  },
  {
    name: 'orders_export.csv',
    kind: 'orders',
    text: fs.readFileSync(path.join(fixtures, 'shopify-orders.csv'), 'utf8'),
    invalidable: [],
  },
  {
    name: 'woocommerce.csv',
    kind: 'orders',
    text: fs.readFileSync(path.join(fixtures, 'woocommerce-orders.csv'), 'utf8'),
    invalidable: [],
  },
  {
    name: 'CDNOW_sample.txt',
    kind: 'orders',
    text: fs
      .readFileSync(path.join(fixtures, 'cdnow', 'CDNOW_sample.txt'), 'utf8')
      .split('\n')
      .slice(0, 40)
      .join('\n'),
    invalidable: [],
  },
]

const noise = [
  '"',
  ';',
  ',',
  '\t',
  '\r',
  '\n',
  '\u0000',
  'ä',
  '€',
  '\ufeff',
  '-',
  '.',
  '9',
  ' ',
  'x'.repeat(70_000),
]

/** One random way of breaking a file (structure, bytes, cells, lines). */
function mutate(text: string, rnd: () => number): string {
  const at = () => Math.floor(rnd() * (text.length + 1))
  const lines = text.split(/\r?\n/)
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!
  switch (Math.floor(rnd() * 10)) {
    case 0:
      return text.slice(0, at())
    case 1: {
      const i = at()
      return text.slice(0, i) + pick(noise) + text.slice(i)
    }
    case 2: {
      const i = at()
      return text.slice(0, i) + text.slice(i + 1 + Math.floor(rnd() * 20))
    }
    case 3:
      return [...lines, ...lines.slice(1).filter(() => rnd() < 0.5)].join('\n')
    case 4:
      return lines.slice(1).join('\n')
    case 5:
      return lines.map((l) => (rnd() < 0.3 ? l.replaceAll(';', ',') : l)).join('\n')
    case 6:
      return lines.map((l, k) => (k > 0 && rnd() < 0.3 ? `${l};extra` : l)).join('\n')
    case 7:
      return lines.map((l, k) => (k > 0 && rnd() < 0.3 ? l.replace(/[^;,]+/, '') : l)).join('\n')
    case 8:
      return `${lines[0]}\n`
    default:
      return text.replace(/\d/g, (d) => (rnd() < 0.05 ? pick(['', '0', 'O', '99999999999999999999']) : d))
  }
}

function replaceCell(text: string, line: number, column: number, value: string): string {
  const lines = text.split('\r\n')
  const cells = lines[line - 1]!.split(';')
  cells[column] = value
  lines[line - 1] = cells.join(';')
  return lines.join('\r\n')
}

describe.each(testDialects)('malformed files on %s', (dialect) => {
  let db: TestDb
  beforeAll(async () => {
    db = await createTestDb(dialect)
  })
  afterAll(() => db.destroy())

  const counts = async () => {
    const count = async (table: 'customers' | 'orders' | 'contracts' | 'customer_status') =>
      Number(
        (
          await db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    return {
      customers: await count('customers'),
      orders: await count('orders'),
      contracts: await count('contracts'),
      status: await count('customer_status'),
    }
  }
  const run = (seed: Seed, text: string, skipInvalid: boolean) =>
    importFile({
      db,
      fileName: seed.name,
      bytes: seed.encoding === 'win1252' ? iconv.encode(text, 'win1252') : Buffer.from(text),
      format: 'auto',
      kind: seed.kind,
      skipInvalid,
      userId: null,
      asOf: '2026-06-30',
    })

  it(`${FILES} mutated files: no crash, nothing half imported, every issue with file and line`, async () => {
    const outcomes: Record<string, number> = {}
    for (let n = 0; n < FILES; n++) {
      const rnd = random(1000 + n)
      const seed = seeds[n % seeds.length]!
      let text = seed.text
      for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) text = mutate(text, rnd)
      const before = await counts()
      const outcome = await run(seed, text, rnd() < 0.3)
      outcomes[outcome.status] = (outcomes[outcome.status] ?? 0) + 1
      // "failed" is for faults of the system, never of the file
      expect(outcome.status, `file ${n} (${seed.name}): ${outcome.message}`).not.toBe('failed')
      if (outcome.status !== 'succeeded') expect(await counts(), `file ${n} wrote something`).toEqual(before)
      for (const issue of outcome.issues) {
        expect(issue.file).toBe(seed.name)
        expect(issue.line).toBeGreaterThanOrEqual(0)
        expect(issue.reason.length).toBeGreaterThan(0)
      }
    }
    // the run exercises both ways out
    expect(outcomes.succeeded).toBeGreaterThan(FILES / 10)
    expect(outcomes.rejected).toBeGreaterThan(FILES / 10)
  })

  it('a file with an invalid value is never accepted whole, and with skipping only without that row', async () => {
    for (const seed of seeds)
      for (const { line, column, bad } of seed.invalidable)
        for (const value of bad) {
          const before = await counts()
          const text = replaceCell(seed.text, line, column, value)
          const strict = await run(seed, text, false)
          expect(strict.status, `${seed.name} line ${line}: ${value}`).toBe('rejected')
          expect(strict.issues.some((i) => i.line === line && i.severity === 'error')).toBe(true)
          expect(await counts()).toEqual(before)
          const lenient = await run(seed, text, true)
          expect(lenient.rowsRejected, `${seed.name} line ${line}: ${value}`).toBeGreaterThanOrEqual(1)
        }
  })
})
