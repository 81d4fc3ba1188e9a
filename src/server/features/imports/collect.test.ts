import { describe, expect, it } from 'vitest'
import { invoice } from '../../../../test/documents'
import { RecordCollector } from './collect'

describe('RecordCollector: customers', () => {
  it('hands a customer over when first read and again only when a row changes them, with every field merged', () => {
    const collector = new RecordCollector('umsatz.csv')
    // an orders file: the number alone, on two rows with a document each
    collector.finishRow(2, [], { customerNumber: 'K1' }, invoice('K1', 'RE-1', '2024-01-05', 10))
    collector.finishRow(3, [], { customerNumber: 'K2' }, invoice('K2', 'RE-2', '2024-01-06', 5))
    let drained = collector.drain()
    expect(drained.customers).toEqual([{ customerNumber: 'K1' }, { customerNumber: 'K2' }])
    expect(drained.customerNumbers).toEqual(['K1', 'K2'])
    expect(Array.from(drained.documents.customer)).toEqual([0, 1])

    // the number again: nothing to hand over; then an e-mail: handed over, under the same index
    collector.finishRow(4, [], { customerNumber: 'K1' }, invoice('K1', 'RE-3', '2024-02-05', 1))
    expect(collector.drain().customers).toEqual([])
    collector.finishRow(5, [], { customerNumber: 'K2', email: 'k2@example.de' }, null)
    collector.finishRow(6, [], { customerNumber: 'K2', city: 'Köln' }, null)
    drained = collector.drain()
    expect(drained.customers).toEqual([{ customerNumber: 'K2', email: 'k2@example.de', city: 'Köln' }])
    expect(drained.customerNumbers).toEqual([])

    // the same fields again change nothing; a new customer with fields is handed over whole
    collector.finishRow(7, [], { customerNumber: 'K2', email: 'k2@example.de' }, null)
    collector.finishRow(
      8,
      [],
      { customerNumber: 'K3', companyName: 'Neu AG' },
      invoice('K3', 'RE-4', '2024-03-01', 2),
    )
    drained = collector.drain()
    expect(drained.customers).toEqual([{ customerNumber: 'K3', companyName: 'Neu AG' }])
    expect(drained.customerNumbers).toEqual(['K3'])
    expect(Array.from(drained.documents.customer)).toEqual([2])

    expect(collector.customerRecords()).toEqual([
      { customerNumber: 'K1' },
      { customerNumber: 'K2', email: 'k2@example.de', city: 'Köln' },
      { customerNumber: 'K3', companyName: 'Neu AG' },
    ])
  })
})
