import Papa from 'papaparse'
import { toEpochDay } from '../../lib/dates'
import { decodeText } from '../../lib/decode'
import { AppError, say } from '../../lib/errors'
import { detectDecimalSeparator, parseCents } from '../../lib/money'
import { sniffDelimiter } from '../../lib/sniff'
import { detectSlashOrder, parseDate } from '../imports/parse-date'
import type { CustomerTransactions } from './score'

/**
 * A plain transaction file for `winback score --transactions`: customer_id, date and an optional
 * amount per row, with or without a header, in any of the encodings and number formats the import
 * understands. Nothing is stored.
 */
export function readTransactionsCsv(fileName: string, bytes: Uint8Array): CustomerTransactions[] {
  const { text } = decodeText(bytes)
  const delimiter = sniffDelimiter(text)
  const rows = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' }).data.map((r) =>
    r.map((c) => c.trim()),
  )
  if (rows.length === 0) throw new AppError('import_unreadable', say('namedFileEmpty', { fileName }))
  const hasHeader = parseDate(rows[0]![1] ?? '') === undefined
  const body = hasHeader ? rows.slice(1) : rows
  const offset = hasHeader ? 2 : 1
  const slashOrder = detectSlashOrder(body.slice(0, 2000).map((r) => r[1] ?? ''))
  const decimal = detectDecimalSeparator(
    body.slice(0, 2000).map((r) => r[2] ?? ''),
    delimiter === ';' ? ',' : '.',
  )
  const byCustomer = new Map<string, { day: number; amountCents: number }[]>()
  body.forEach((row, i) => {
    const line = i + offset
    const [id, dateText, amountText] = row
    if (!id) throw new AppError('import_rejected', say('customerIdEmpty', { fileName, line }))
    const date = parseDate(dateText ?? '', slashOrder)
    if (!date)
      throw new AppError('import_rejected', say('lineNotADate', { fileName, line, raw: dateText ?? '' }))
    let amountCents = 0
    if (amountText !== undefined && amountText !== '') {
      const parsed = parseCents(amountText, decimal)
      if (parsed === undefined)
        throw new AppError('import_rejected', say('lineNotAnAmount', { fileName, line, raw: amountText }))
      amountCents = parsed
    }
    const list = byCustomer.get(id) ?? []
    list.push({ day: toEpochDay(date), amountCents })
    byCustomer.set(id, list)
  })
  return [...byCustomer].map(([id, transactions]) => ({ id, transactions }))
}
