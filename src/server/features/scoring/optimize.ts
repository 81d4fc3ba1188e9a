/**
 * A small quasi-Newton minimiser (BFGS with a backtracking line search) for the handful of
 * parameters our models have. Written here because it is ten lines of linear algebra around the
 * model math, and because the models need tight convergence (published parameters to 1e-3).
 */
export type Objective = (x: Float64Array) => { value: number; gradient: Float64Array }

export interface MinimizeResult {
  x: Float64Array
  value: number
  iterations: number
  converged: boolean
}

export function minimizeBfgs(
  f: Objective,
  start: readonly number[],
  options: { maxIterations?: number; gradientTolerance?: number } = {},
): MinimizeResult {
  const n = start.length
  const maxIterations = options.maxIterations ?? 400
  const tolerance = options.gradientTolerance ?? 1e-10
  let x = Float64Array.from(start)
  let { value, gradient } = f(x)
  if (!Number.isFinite(value)) throw new Error('The objective is not finite at the starting point')
  // inverse Hessian approximation, starting as the identity
  let H = identity(n)
  let first = true
  let flat = 0
  // the objective 20 iterations ago: crawling towards a boundary (the data do not determine the
  // parameters) improves it by almost nothing, and is stopped
  const history: number[] = []
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    history.push(value)
    if (history.length > 20 && history[history.length - 21]! - value < 1e-12 * Math.max(1, Math.abs(value))) {
      return { x, value, iterations: iteration, converged: maxAbs(gradient) < tolerance * 1e3 }
    }
    if (maxAbs(gradient) < tolerance) return { x, value, iterations: iteration, converged: true }
    const direction = multiply(H, gradient).map((v) => -v)
    let slope = dot(direction, gradient)
    if (slope >= 0) {
      // not a descent direction (numerical trouble): restart from steepest descent
      H = identity(n)
      for (let i = 0; i < n; i++) direction[i] = -gradient[i]!
      slope = dot(direction, gradient)
    }
    // the decrease a Newton step would bring (−slope/2) is below what the objective can resolve:
    // this is the minimum, as far as floating point can tell
    if (!first && -slope < 1e-12 * Math.max(1, Math.abs(value)))
      return { x, value, iterations: iteration, converged: true }
    let step = first ? Math.min(1, 1 / Math.max(1e-12, norm(gradient))) : 1
    let next: { value: number; gradient: Float64Array } | null = null
    let xNext = x
    const scale = 1 + maxAbs(x)
    for (let tries = 0; tries < 60; tries++) {
      // a step that no longer moves x measurably cannot find a better point
      if (step * maxAbs(direction) < 1e-13 * scale) break
      xNext = x.map((v, i) => v + step * direction[i]!)
      const candidate = f(xNext)
      if (Number.isFinite(candidate.value) && candidate.value <= value + 1e-4 * step * slope) {
        next = candidate
        break
      }
      step *= 0.5
    }
    if (!next) return { x, value, iterations: iteration, converged: maxAbs(gradient) < tolerance * 1e3 }
    const s = xNext.map((v, i) => v - x[i]!)
    const y = next.gradient.map((v, i) => v - gradient[i]!)
    const sy = dot(s, y)
    if (first && sy > 0) {
      // scale the initial inverse Hessian to the curvature seen (Nocedal & Wright 6.20)
      const scale = sy / dot(y, y)
      H = identity(n).map((row) => row.map((v) => v * scale))
    }
    if (sy > 1e-300) H = bfgsUpdate(H, s, y, sy)
    first = false
    const improvement = value - next.value
    // steps accepted without any gain: we are on a flat ridge and only rounding moves us
    flat = improvement <= 1e-15 * Math.max(1, Math.abs(value)) ? flat + 1 : 0
    x = xNext
    value = next.value
    gradient = next.gradient
    if (
      improvement >= 0 &&
      improvement < 1e-16 * Math.max(1, Math.abs(value)) &&
      maxAbs(gradient) < tolerance * 1e3
    ) {
      return { x, value, iterations: iteration + 1, converged: true }
    }
    if (flat >= 3)
      return { x, value, iterations: iteration + 1, converged: maxAbs(gradient) < tolerance * 1e3 }
  }
  return { x, value, iterations: maxIterations, converged: maxAbs(gradient) < tolerance * 1e3 }
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)))
}

function multiply(m: number[][], v: Float64Array): Float64Array {
  return Float64Array.from(m, (row) => row.reduce((sum, a, j) => sum + a * v[j]!, 0))
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!
  return sum
}

function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a))
}

function maxAbs(a: Float64Array): number {
  let m = 0
  for (const v of a) m = Math.max(m, Math.abs(v))
  return m
}

/** H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ */
function bfgsUpdate(H: number[][], s: Float64Array, y: Float64Array, sy: number): number[][] {
  const n = s.length
  const rho = 1 / sy
  const Hy = multiply(H, y)
  const yHy = dot(y, Hy)
  const out = identity(n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out[i]![j] =
        H[i]![j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!
    }
  }
  return out
}
