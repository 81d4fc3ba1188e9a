import type { CustomerTransactions } from './score'

/**
 * Purchase histories drawn from the customer-base models' own stories, seeded: for testing that a
 * model choice finds the model the data came from. Times are in weeks from `startDay` (epoch day);
 * purchases land on whole days.
 */
export interface SimulationDesign {
  customers: number
  /** acquisitions spread evenly over the first weeks (CDNOW: 12) */
  acquisitionWeeks: number
  /** weeks from the start to the end of what is recorded */
  weeks: number
  startDay: number
  seed: number
}

export type SimulatedModel =
  | { model: 'bgnbd' | 'mbgnbd'; r: number; alpha: number; a: number; b: number }
  | { model: 'pnbd'; r: number; alpha: number; s: number; beta: number }

/** A small, fast, seedable generator (mulberry32); uniform on (0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296
  }
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random())
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000), with the boost for shape < 1. */
export function gammaSample(random: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaSample(random, shape + 1, rate) * random() ** (1 / shape)
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    const z = normal(random)
    const v = (1 + c * z) ** 3
    if (v <= 0) continue
    const u = random()
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate
  }
}

function betaSample(random: () => number, a: number, b: number): number {
  const x = gammaSample(random, a, 1)
  return x / (x + gammaSample(random, b, 1))
}

/** Purchase times (weeks after the first purchase, the first at 0) of one customer up to `span` weeks. */
function purchaseTimes(random: () => number, m: SimulatedModel, span: number): number[] {
  const times = [0]
  const lambda = gammaSample(random, m.r, m.alpha)
  if (m.model === 'pnbd') {
    const lifetime = -Math.log(random()) / gammaSample(random, m.s, m.beta)
    const end = Math.min(span, lifetime)
    for (let t = -Math.log(random()) / lambda; t <= end; t += -Math.log(random()) / lambda) times.push(t)
    return times
  }
  const p = betaSample(random, m.a, m.b)
  // MBG/NBD: the customer may drop out right at the first purchase too
  if (m.model === 'mbgnbd' && random() < p) return times
  for (let t = -Math.log(random()) / lambda; t <= span; t += -Math.log(random()) / lambda) {
    times.push(t)
    if (random() < p) break
  }
  return times
}

export function simulateCustomers(m: SimulatedModel, design: SimulationDesign): CustomerTransactions[] {
  const random = seededRandom(design.seed)
  const customers: CustomerTransactions[] = []
  for (let i = 0; i < design.customers; i++) {
    const acquired = Math.floor(random() * design.acquisitionWeeks * 7)
    const span = design.weeks - acquired / 7
    const days = purchaseTimes(random, m, span).map((t) => design.startDay + acquired + Math.floor(t * 7))
    customers.push({
      id: String(i + 1),
      transactions: days.map((day) => ({ day, amountCents: 2000 + Math.floor(random() * 4000) })),
    })
  }
  return customers
}
