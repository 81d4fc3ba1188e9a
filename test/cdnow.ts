import fs from 'node:fs'
import path from 'node:path'

/** Loaders for the CDNOW and donations data sets in test/fixtures/cdnow (see its README). */
export const cdnowDir = path.resolve(import.meta.dirname, 'fixtures/cdnow')

/** The published calibration summary of the 2,357-customer sample (weeks; zbar = mean repeat spend). */
export function loadCdnowSummary(): { id: number; x: number; tx: number; T: number; zbar: number }[] {
  const lines = fs
    .readFileSync(path.join(cdnowDir, 'cdnow_customers_summary_with_transactions.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
  return lines.map((l) => {
    const [id, x, tx, T, zbar] = l.split(',').map(Number)
    return { id: id!, x: x!, tx: tx!, T: T!, zbar: zbar! }
  })
}

/** The sample's transactions: customer (sample id), date (YYYYMMDD), dollars. */
export function loadCdnowSampleTransactions(): { customer: number; date: string; dollars: number }[] {
  return fs
    .readFileSync(path.join(cdnowDir, 'CDNOW_sample.txt'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/))
    .map(([, id, date, , dollars]) => ({
      customer: Number(id),
      date: `${date!.slice(0, 4)}-${date!.slice(4, 6)}-${date!.slice(6, 8)}`,
      dollars: Number(dollars),
    }))
}

/** The BG/BB donations data: frequency, recency, periods, number of donors. */
export function loadDonations(): { x: number; tx: number; n: number; weight: number }[] {
  return fs
    .readFileSync(path.join(cdnowDir, 'donations.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [x, tx, n, weight] = l.split(',').map(Number)
      return { x: x!, tx: tx!, n: n!, weight: weight! }
    })
}

/** The sample's purchases by customer, as the scoring takes them (days and cents). */
export function cdnowSampleCustomers(): {
  id: string
  transactions: { day: number; amountCents: number }[]
}[] {
  const byCustomer = new Map<string, { day: number; amountCents: number }[]>()
  for (const t of loadCdnowSampleTransactions()) {
    const id = String(t.customer)
    const list = byCustomer.get(id) ?? []
    list.push({ day: Date.parse(t.date) / 86_400_000, amountCents: Math.round(t.dollars * 100) })
    byCustomer.set(id, list)
  }
  return [...byCustomer].map(([id, transactions]) => ({ id, transactions }))
}
