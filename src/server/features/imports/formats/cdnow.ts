import { say } from '../../../lib/errors'
import { parseCents } from '../../../lib/money'
import { type ChunkReader, RecordCollector } from '../collect'
import { documentKey } from '../own-copy'
import { parseDate } from '../parse-date'
import type { Table } from '../records'
import { MAX_QUANTITY } from '../values'

/**
 * The CDNOW data set (Fader & Hardie): whitespace separated. The master file has a header
 * (customer_id date number_of_cds dollar_value); the sample has none and five columns
 * (master_id sample_id date cds dollars). Every row is one order in US dollars.
 */
export function isCdnowHeader(firstLine: string): boolean {
  return /^\s*customer_id\s+date\s+number_of_cds\s+dollar_value\s*$/i.test(firstLine)
}

export function cdnowReader(fileName: string): ChunkReader {
  const collector = new RecordCollector(fileName)
  const occurrences = new Map<string, number>()
  const read = (table: Table): void => {
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r]!
      const line = table.lines[r]!
      if (row.length !== 4 && row.length !== 5) {
        collector.error(line, 'column_count', null, null, say('importFieldCountCdnow', { found: row.length }))
        collector.finishRow(line, row, null, null)
        continue
      }
      const [id, dateText, cdsText, dollarText] =
        row.length === 4 ? row : [row[0]!, row[2]!, row[3]!, row[4]!]
      const date = parseDate(dateText!)
      if (!date)
        collector.error(line, 'invalid_date', 'date', dateText!, say('importNotADate', { value: dateText! }))
      const cents = parseCents(dollarText!, '.')
      if (cents === undefined)
        collector.error(
          line,
          'invalid_amount',
          'dollar_value',
          dollarText!,
          say('importNotAnAmount', { value: dollarText! }),
        )
      const cds = Number(cdsText)
      if (!Number.isInteger(cds) || Math.abs(cds) > MAX_QUANTITY)
        collector.error(
          line,
          'invalid_number',
          'number_of_cds',
          cdsText!,
          say('importNotWholeNumber', { value: cdsText!, max: MAX_QUANTITY }),
        )
      if (collector.rowHasErrors || !date || cents === undefined) {
        collector.finishRow(line, row, null, null)
        continue
      }
      const base = documentKey(id!, date)
      const n = (occurrences.get(base) ?? 0) + 1
      occurrences.set(base, n)
      collector.finishRow(
        line,
        row,
        { customerNumber: id!, type: 'consumer' },
        {
          customerNumber: id!,
          externalKey: documentKey('order', base, n),
          kind: 'order',
          number: null,
          referenceNumber: null,
          date,
          netCents: cents,
          grossCents: cents,
          marginCents: null,
          currency: 'USD',
          status: null,
          countsAsPurchase: true,
          quantity: cds,
          line,
        },
      )
    }
  }
  return { collector, read }
}
