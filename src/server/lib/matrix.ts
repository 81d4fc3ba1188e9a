/** Inverse of a small symmetric matrix by Gauss–Jordan elimination with pivoting; null if singular. */
export function invert(matrix: readonly (readonly number[])[]): number[][] | null {
  const n = matrix.length
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))])
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r
    if (Math.abs(a[pivot]![col]!) < 1e-300) return null
    ;[a[col], a[pivot]] = [a[pivot]!, a[col]!]
    const p = a[col]![col]!
    for (let j = 0; j < 2 * n; j++) a[col]![j]! /= p
    for (let r = 0; r < n; r++) {
      if (r === col) continue
      const factor = a[r]![col]!
      if (factor === 0) continue
      for (let j = 0; j < 2 * n; j++) a[r]![j]! -= factor * a[col]![j]!
    }
  }
  return a.map((row) => row.slice(n))
}
