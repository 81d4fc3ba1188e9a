export interface BenchResult {
  name: string
  value: number
  unit: string
  /** the number an issue asks for, when there is one */
  target?: number
  higherIsBetter: boolean
  detail?: string
}

export function meetsTarget(r: BenchResult): boolean {
  if (r.target === undefined) return true
  return r.higherIsBetter ? r.value >= r.target : r.value <= r.target
}
