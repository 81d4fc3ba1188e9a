import fs from 'node:fs'
import iconv from 'iconv-lite'
import { seededRandom } from '../src/server/features/scoring/simulate'

/**
 * Writes a deterministic DATEV Buchungsstapel (EXTF 700, SKR 03, fiscal year 2024) as a tax adviser
 * receives it: Windows-1252, CRLF, text fields quoted, decimal comma. Of every hundred bookings about
 * 55 are invoices (a tenth of them split over 19 % and 7 %), 30 payments, 5 credit notes and 10
 * bookings without a customer (expenses), so the reader skips what is no sale as a real file makes it.
 * Usage: make-datev-file.ts OUT ROWS CUSTOMERS
 */
export function datevBookingsCsv(rows: number, customers: number): Uint8Array {
  const lines = [
    '"EXTF";700;21;"Buchungsstapel";13;20250115093000000;;"RE";"";"";29098;55003;20240101;4;20240101;20241231;"Ausgangsrechnungen";"";1;0;0;"EUR";;"";;;"03";;;"";""',
    '"Umsatz (ohne Soll/Haben-Kz)";"Soll/Haben-Kennzeichen";"WKZ Umsatz";"Kurs";"Basis-Umsatz";"WKZ Basis-Umsatz";"Konto";"Gegenkonto (ohne BU-Schlüssel)";"BU-Schlüssel";"Belegdatum";"Belegfeld 1";"Belegfeld 2";"Skonto";"Buchungstext"',
  ]
  const next = seededRandom(7)
  const money = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`
  const line = (
    cents: number,
    side: string,
    konto: number,
    gegen: number,
    day: string,
    number: string,
    text: string,
  ) => `${money(cents)};"${side}";"EUR";;;;${konto};${gegen};"";${day};"${number}";"";;"${text}"`
  for (let doc = 0; lines.length < rows + 2; doc++) {
    const debtor = 10_000 + Math.floor(next() * customers)
    const day = `${String(1 + Math.floor(next() * 28)).padStart(2, '0')}${String(1 + Math.floor(next() * 12)).padStart(2, '0')}`
    const gross = 500 + Math.floor(next() * 300_000)
    const kind = next()
    if (kind < 0.55) {
      lines.push(line(gross, 'S', debtor, 8400, day, `RE-${doc}`, `Müller & Söhne ${debtor % 997} GmbH`))
      if (next() < 0.1)
        lines.push(line(Math.round(gross / 3), 'S', debtor, 8300, day, `RE-${doc}`, 'Lebensmittel 7 %'))
    } else if (kind < 0.85) lines.push(line(gross, 'H', debtor, 1200, day, `RE-${doc - 1}`, 'Zahlung'))
    else if (kind < 0.9)
      lines.push(line(Math.round(gross / 10), 'H', debtor, 8400, day, `GS-${doc}`, 'Gutschrift'))
    else lines.push(line(gross, 'S', 4930, 1200, day, `B-${doc}`, 'Bürobedarf'))
  }
  return iconv.encode(`${lines.slice(0, rows + 2).join('\r\n')}\r\n`, 'win1252')
}

if (process.argv[1]?.endsWith('make-datev-file.ts')) {
  const [out, rows, customers] = process.argv.slice(2)
  fs.writeFileSync(out!, datevBookingsCsv(Number(rows), Number(customers)))
}
