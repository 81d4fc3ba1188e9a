import { describe, expect, it } from 'vitest'
import { cdnowSampleCustomers } from '../../../../test/cdnow'
import { toEpochDay } from '../../lib/dates'
import {
  type CustomerTransactions,
  type FittedModel,
  predictWithFit,
  type ScoredCustomer,
  type ScoreResult,
  type SpendModel,
  scoreCustomers,
} from './score'
import type { TransactionModel } from './scorer'

const cdnowCustomers = (): CustomerTransactions[] => cdnowSampleCustomers()

const options = {
  unit: 'week' as const,
  horizon: 39,
  clvMonths: 12,
  monthlyDiscountRate: 0.01,
  wonBackMonths: 24,
  calibrationEnd: toEpochDay('1998-06-30'),
}

/** A run's fit as the database keeps it (JSON), read back. */
function storedFit(result: ScoreResult): FittedModel {
  return JSON.parse(
    JSON.stringify({ model: result.model, params: result.params, spend: result.spend }),
  ) as FittedModel
}

function predictionsOf(base: ReturnType<typeof predictWithFit>): ScoredCustomer[] {
  return Array.from({ length: base.customerCount }, (_, i) => base.customerAt(i))
}

describe('predictions from a stored fit, without fitting (the nightly update)', () => {
  const customers = cdnowCustomers()

  it.each(['bgnbd', 'pnbd', 'mbgnbd'] as TransactionModel[])(
    'are the scoring run’s own predictions with its fit (%s, Gamma-Gamma spend)',
    (model) => {
      const run = scoreCustomers(customers, { ...options, model })
      expect(run.spend.model).toBe('gamma-gamma')
      const again = predictionsOf(predictWithFit(customers, storedFit(run), { ...options, model }))
      // exactly: the same functions of the same numbers (the parameters survive JSON unchanged)
      expect(again).toEqual(run.customers)
    },
  )

  it('are the run’s own with the mean spend model too', () => {
    const run = scoreCustomers(customers, { ...options, model: 'bgnbd' })
    const spend: SpendModel = { model: 'mean', meanCents: 4321, customers: 10 }
    const fitted = { ...storedFit(run), spend }
    const all = predictionsOf(predictWithFit(customers, fitted, { ...options, model: 'bgnbd' }))
    for (const c of all) expect(c.expectedSpendCents).toBe(4321)
    expect(all.map((c) => c.pAlive)).toEqual(run.customers.map((c) => c.pAlive))
  })

  it('of some customers are theirs among all (nothing depends on who else is predicted)', () => {
    const run = scoreCustomers(customers, { ...options, model: 'pnbd' })
    const some = customers.filter((_, i) => i % 37 === 5)
    const again = predictionsOf(predictWithFit(some, storedFit(run), { ...options, model: 'pnbd' }))
    expect(again.length).toBe(some.length)
    const byId = new Map(run.customers.map((c) => [c.id, c]))
    for (const c of again) expect(c).toEqual(byId.get(c.id))
  })

  it('move on to a later day: T grows by the days passed, what was bought stays', () => {
    const run = scoreCustomers(customers, { ...options, model: 'bgnbd' })
    const later = predictionsOf(
      predictWithFit(customers, storedFit(run), {
        ...options,
        model: 'bgnbd',
        calibrationEnd: options.calibrationEnd + 14,
      }),
    )
    expect(later.length).toBe(run.customers.length)
    for (const [i, c] of later.entries()) {
      const before = run.customers[i]!
      expect(c.x).toBe(before.x)
      expect(c.tx).toBe(before.tx)
      expect(c.T).toBeCloseTo(before.T + 2, 12)
      expect(c.daysSinceLastPurchase).toBeCloseTo(before.daysSinceLastPurchase + 14, 9)
      // two weeks more without a purchase: no repeat buyer is more likely alive than before
      if (c.x > 0) expect(c.pAlive).toBeLessThanOrEqual(before.pAlive + 1e-12)
      // the value if won back is as of the last purchase: it does not move with the day
      expect(c.wonBackValueCents).toBe(before.wonBackValueCents)
    }
  })
})
