/** A small seeded generator (mulberry32): the same interval on every look at the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000
  }
}

const mean = (v: readonly number[]) => (v.length === 0 ? 0 : v.reduce((s, x) => s + x, 0) / v.length)

/**
 * The difference of two means (treatment − control) with a percentile bootstrap interval: both arms
 * resampled with replacement `rounds` times. Pure and deterministic for a given seed.
 */
export function bootstrapMeanDifference(
  treatment: readonly number[],
  control: readonly number[],
  options: { rounds?: number; confidence?: number; seed?: number } = {},
): { difference: number; low: number; high: number } {
  const rounds = options.rounds ?? 2000
  const confidence = options.confidence ?? 0.95
  const difference = mean(treatment) - mean(control)
  if (treatment.length === 0 || control.length === 0) return { difference, low: difference, high: difference }
  const random = seededRandom(options.seed ?? 1)
  const resampledMean = (v: readonly number[]) => {
    let s = 0
    for (let i = 0; i < v.length; i++) s += v[Math.floor(random() * v.length)]!
    return s / v.length
  }
  const draws = new Float64Array(rounds)
  for (let r = 0; r < rounds; r++) draws[r] = resampledMean(treatment) - resampledMean(control)
  draws.sort()
  const at = (q: number) => draws[Math.min(rounds - 1, Math.max(0, Math.floor(q * rounds)))]!
  return { difference, low: at((1 - confidence) / 2), high: at(1 - (1 - confidence) / 2) }
}
