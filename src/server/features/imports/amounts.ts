import { type ServerText, say } from '../../lib/errors'
import { type DecimalSeparator, detectDecimalSeparator, hasFractionOfCent } from '../../lib/money'
import type { Table } from './records'

/** A file's own decimal convention: semicolon files are German (decimal comma), others English. */
export function fileDecimalFallback(delimiter: string | null): DecimalSeparator {
  return delimiter === ';' ? ',' : '.'
}

/** Decides one column's decimal separator from up to 2,000 of its values. */
export function columnDecimal(
  table: Table,
  index: number | undefined,
  fallback: DecimalSeparator,
): DecimalSeparator {
  if (index === undefined) return fallback
  const samples: string[] = []
  for (const row of table.rows) {
    const v = row[index]
    if (v && v.trim() !== '') samples.push(v)
    if (samples.length >= 2000) break
  }
  return detectDecimalSeparator(samples, fallback)
}

export function columnSamples(table: Table, index: number | undefined, limit = 2000): string[] {
  if (index === undefined) return []
  const samples: string[] = []
  for (const row of table.rows) {
    const v = row[index]
    if (v && v.trim() !== '') samples.push(v)
    if (samples.length >= limit) break
  }
  return samples
}

/** Why an amount cell was refused: a fraction of a cent, or no amount at all. */
export function amountReason(text: string, decimal: DecimalSeparator): ServerText {
  return hasFractionOfCent(text, decimal)
    ? say('importTooManyDecimals', { value: text })
    : say('importNotAnAmount', { value: text })
}
