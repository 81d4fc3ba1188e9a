import fs from 'node:fs'
import path from 'node:path'
import { type CustomerTransactions, scoreCustomers } from '../src/server/features/scoring/score'
import { type SimulatedModel, simulateCustomers } from '../src/server/features/scoring/simulate'
import { toEpochDay } from '../src/server/lib/dates'

/**
 * Does `auto` find the model the data came from? 6 data sets simulated from BG/NBD and 6 from
 * Pareto/NBD (CDNOW's published parameters; 2,357 customers each, acquired over 12 weeks, 39 weeks
 * of calibration and 39 of holdout, seeds 1–6), and CDNOW master with its usual split: which model
 * is chosen, and how far its holdout total is from the closest candidate's. Prints JSON.
 * Usage: tsx bench/model-choice.bench.ts
 */
const generating: SimulatedModel[] = [
  { model: 'bgnbd', r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  { model: 'pnbd', r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 },
]
const options = {
  unit: 'week' as const,
  horizon: 39,
  clvMonths: 12,
  monthlyDiscountRate: 0.01,
  model: 'auto' as const,
}

const started = performance.now()
const simulated = generating.map((m) => {
  const chosen: string[] = []
  const totalErrors: number[] = []
  // what the former criterion, the smallest mean absolute error per customer, would have chosen
  const former: string[] = []
  for (let seed = 1; seed <= 6; seed++) {
    const customers = simulateCustomers(m, {
      customers: 2357,
      acquisitionWeeks: 12,
      weeks: 78,
      startDay: 9862,
      seed,
    })
    const result = scoreCustomers(customers, {
      ...options,
      calibrationEnd: 9862 + 273,
      holdoutEnd: 9862 + 546,
    })
    chosen.push(result.model)
    former.push(
      [...result.candidates].sort((a, b) => a.holdout!.meanAbsoluteError - b.holdout!.meanAbsoluteError)[0]!
        .model,
    )
    totalErrors.push(result.holdout!.predictedTotal / result.holdout!.actualTotal - 1)
  }
  return { generating: m.model, chosen, totalErrors, former }
})

const byCustomer = new Map<string, { day: number; amountCents: number }[]>()
const master = path.resolve(import.meta.dirname, '../../shared/data/cdnow/CDNOW_master.txt')
for (const line of fs.readFileSync(master, 'utf8').split('\n')) {
  const [id, date, , dollars] = line.trim().split(/\s+/)
  if (!id || !date || dollars === undefined) continue
  const list = byCustomer.get(id) ?? []
  list.push({
    day: toEpochDay(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`),
    amountCents: Math.round(Number(dollars) * 100),
  })
  byCustomer.set(id, list)
}
const customers: CustomerTransactions[] = [...byCustomer].map(([id, transactions]) => ({ id, transactions }))
const cdnow = scoreCustomers(customers, {
  ...options,
  calibrationEnd: toEpochDay('1997-09-30'),
  holdoutEnd: toEpochDay('1998-06-30'),
})
const errorOf = (h: { predictedTotal: number; actualTotal: number }) => h.predictedTotal / h.actualTotal - 1
const chosenError = errorOf(cdnow.candidates.find((c) => c.model === cdnow.model)!.holdout!)
const closest = Math.min(...cdnow.candidates.map((c) => Math.abs(errorOf(c.holdout!))))

console.log(
  JSON.stringify({
    simulated,
    cdnow: {
      customers: customers.length,
      chosen: cdnow.model,
      chosenTotalError: chosenError,
      pointsFromClosest: (Math.abs(chosenError) - closest) * 100,
      candidates: cdnow.candidates.map((c) => ({
        model: c.model,
        holdoutLogLikelihood: c.holdout!.logLikelihood,
        totalError: errorOf(c.holdout!),
        tiedWithBest: c.tiedWithBest,
      })),
    },
    seconds: (performance.now() - started) / 1000,
  }),
)
