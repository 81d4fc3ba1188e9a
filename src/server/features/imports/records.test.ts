import { describe, expect, it } from 'vitest'
import { invoice } from '../../../../test/documents'
import {
  CONTINUED,
  type DocumentRecord,
  documentColumns,
  FIRST_HANDED_OVER,
  nullIfNaN,
  numberAt,
  valueAt,
} from './records'

describe('documentColumns', () => {
  const documents: DocumentRecord[] = [
    invoice('K1', 'RE-1', '2024-01-05', 10),
    { ...invoice('K2', 'GS-1', '2024-01-06', -5), kind: 'credit_note', externalKey: 'credit_note:GS-1' },
    {
      ...invoice('K1', '#1001', '2024-01-07', 7.5),
      externalKey: 'order:1001',
      kind: 'order',
      status: 'paid',
    },
    { ...invoice('K3', 'x', '2024-01-05', 1), number: null, externalKey: 'invoice:K3:2024-01-05:100:1' },
    { ...invoice('K2', 'RE-2', '2024-01-05', 2), grossCents: 238, quantity: 3, currency: 'CHF' },
  ]
  const columns = documentColumns(
    documents,
    (i) => Number(documents[i]!.customerNumber.slice(1)),
    (i) => (documents[i]!.externalKey === 'invoice:RE-2' ? CONTINUED : FIRST_HANDED_OVER),
  )

  it('gives back every field of every document', () => {
    expect(columns.length).toBe(5)
    documents.forEach((d, i) => {
      expect(columns.externalKey[i]).toBe(d.externalKey)
      expect(numberAt(columns, i)).toBe(d.number)
      expect(valueAt(columns.kind, i)).toBe(d.kind)
      expect(valueAt(columns.date, i)).toBe(d.date)
      expect(valueAt(columns.currency, i)).toBe(d.currency)
      expect(valueAt(columns.status, i)).toBe(d.status)
      expect(columns.netCents[i]).toBe(d.netCents)
      expect(nullIfNaN(columns.grossCents[i]!)).toBe(d.grossCents)
      expect(nullIfNaN(columns.quantity[i]!)).toBe(d.quantity)
      expect(columns.countsAsPurchase[i]).toBe(d.countsAsPurchase ? 1 : 0)
      expect(columns.customer[i]).toBe(Number(d.customerNumber.slice(1)))
    })
    expect([...columns.continued]).toEqual([0, 0, 0, 0, 1])
  })

  it('sends a number only where the key does not hold it, and each kind, day and currency once', () => {
    expect([...columns.numberInKey]).toEqual([1, 1, 0, 0, 1])
    expect(columns.number).toEqual([null, null, '#1001', null, null])
    expect(columns.date.values).toEqual(['2024-01-05', '2024-01-06', '2024-01-07'])
    expect(columns.currency.values).toEqual(['EUR', 'CHF'])
    expect(columns.kind.values).toEqual(['invoice', 'credit_note', 'order'])
  })
})
