import fs from 'node:fs'
import iconv from 'iconv-lite'

/**
 * Writes a deterministic German ERP export of invoice positions (Rechnungspositionen): semicolon,
 * decimal comma, dd.mm.yyyy, Windows-1252; each document has 1 to `maxLines` positions (credit notes
 * one, 5 % of documents); customer and document columns repeat on every position.
 * Usage: make-orders-file.ts OUT ROWS CUSTOMERS MAX_LINES
 */
export function germanOrdersCsv(rows: number, customers: number, maxLines = 5): Uint8Array {
  const lines = ['Kundennummer;Firma;Ort;Belegart;Belegnummer;Bezugsbeleg;Datum;Artikel;Menge;Netto;Brutto']
  // mulberry32: a small seeded generator that stays within 32-bit integer arithmetic
  let seed = 1
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296
  }
  const money = (cents: number) =>
    `${Math.floor(cents / 100).toLocaleString('de-DE')},${String(cents % 100).padStart(2, '0')}`
  for (let doc = 0; lines.length <= rows; doc++) {
    const customer = 100_000 + Math.floor(next() * customers)
    const date = `${String(1 + Math.floor(next() * 28)).padStart(2, '0')}.${String(1 + Math.floor(next() * 12)).padStart(2, '0')}.${2020 + Math.floor(next() * 5)}`
    const credit = next() < 0.05
    const positions = credit ? 1 : 1 + Math.floor(next() * maxLines)
    const head = `${customer};Müller & Söhne ${customer % 997} GmbH;Köln;${credit ? 'Gutschrift' : 'Rechnung'};${credit ? 'GS' : 'RE'}-${doc};${credit ? `RE-${doc - 1}` : ''};${date}`
    for (let p = 0; p < positions && lines.length <= rows; p++) {
      const quantity = 1 + Math.floor(next() * 20)
      const cents = quantity * (100 + Math.floor(next() * 20_000))
      lines.push(
        `${head};A-${Math.floor(next() * 5000)};${quantity};${money(cents)};${money(Math.round(cents * 1.19))}`,
      )
    }
  }
  return iconv.encode(lines.join('\r\n'), 'win1252')
}

if (process.argv[1]?.endsWith('make-orders-file.ts')) {
  const [out, rows, customers, maxLines] = process.argv.slice(2)
  fs.writeFileSync(out!, germanOrdersCsv(Number(rows), Number(customers), Number(maxLines)))
}
