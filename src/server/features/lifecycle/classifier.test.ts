import { afterEach, describe, expect, it } from 'vitest'
import { addDays } from '../../lib/dates'
import { type Classifier, classifierInWorker } from './classifier'
import { classifyHistories } from './classify-batch'
import type { CustomerHistoryInput } from './lifecycle.repository'
import type { SalesDocument } from './purchases'
import { emptyThresholdSettings, type ThresholdSettings } from './thresholds'

const AS_OF = '2026-06-30'

/** Customers with every kind of life: one purchase, a steady rhythm, gone quiet, a contract, a credit note. */
function histories(first: number, count: number): CustomerHistoryInput[] {
  return Array.from({ length: count }, (_, i) => {
    const id = first + i
    const purchases = 1 + (id % 7)
    const documents: SalesDocument[] = Array.from({ length: purchases }, (_, k) => ({
      date: addDays('2023-01-15', ((id * 13) % 300) + k * (20 + (id % 90))),
      kind: 'invoice' as const,
      netCents: 1000 + ((id * 37 + k) % 50) * 100,
      countsAsPurchase: true,
      number: `R${id}-${k}`,
      referenceNumber: null,
    }))
    if (id % 5 === 0)
      documents.push({
        ...documents[0]!,
        kind: 'credit_note' as never,
        netCents: -500,
        number: `G${id}`,
        referenceNumber: `R${id}-0`,
      })
    return {
      id,
      segment: id % 3 === 0 ? 'B2B' : null,
      isProjectCustomer: id % 11 === 0,
      documents: documents.sort((a, b) => a.date.localeCompare(b.date)),
      contracts:
        id % 4 === 0 ? [{ startedOn: '2023-03-01', endsOn: '2025-02-28', cancelledOn: '2024-11-30' }] : [],
    }
  })
}

describe('the classification worker', () => {
  let classifier: Classifier | null = null
  afterEach(async () => {
    await classifier?.close()
    classifier = null
  })

  it('classifies exactly as the calling thread does, batches answered in the order sent', async () => {
    classifier = classifierInWorker()
    const batches = [histories(1, 300), histories(301, 300), histories(601, 7)]
    const answers = await Promise.all(
      batches.map((b) => classifier!.classify(b, AS_OF, emptyThresholdSettings)),
    )
    answers.forEach((answer, i) => {
      expect(answer).toEqual(classifyHistories(batches[i]!, AS_OF, emptyThresholdSettings))
    })
    // the batches differ, so an answer given to the wrong batch would show
    expect(new Set(answers.map((a) => a.statusRows[0]!.customer_id))).toEqual(new Set([1, 301, 601]))
    expect(answers.flatMap((a) => a.statusRows.map((r) => r.status))).toContain('lost')
    expect(answers.flatMap((a) => a.changeRows)).not.toHaveLength(0)
  })

  it('a batch that fails rejects with the reason, and the next batch is still classified', async () => {
    classifier = classifierInWorker()
    const broken = null as unknown as ThresholdSettings
    await expect(classifier.classify(histories(1, 3), AS_OF, broken)).rejects.toThrow(/null|undefined/)
    const batch = histories(1, 3)
    expect(await classifier.classify(batch, AS_OF, emptyThresholdSettings)).toEqual(
      classifyHistories(batch, AS_OF, emptyThresholdSettings),
    )
  })

  it('once closed, a batch is refused instead of waiting for ever', async () => {
    classifier = classifierInWorker()
    const waiting = classifier.classify(histories(1, 500), AS_OF, emptyThresholdSettings)
    const refused = expect(waiting).rejects.toThrow('closed')
    await classifier.close()
    await refused
    await expect(classifier.classify(histories(1, 1), AS_OF, emptyThresholdSettings)).rejects.toThrow(
      'closed',
    )
  })
})
