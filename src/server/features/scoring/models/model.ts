import type { GroupedData } from '../groups'

/** A model's log-likelihood over grouped data, with its gradient in the natural parameters. */
export interface LikelihoodModel {
  name: string
  parameterNames: readonly string[]
  /** a reasonable start for the optimiser, from the data's scale */
  start(data: GroupedData): number[]
  logLikelihood(params: readonly number[], data: GroupedData): number
  /** log-likelihood and gradient d LL / d param */
  logLikelihoodWithGradient(
    params: readonly number[],
    data: GroupedData,
  ): { value: number; gradient: number[] }
  /** the log-likelihood of one customer of each group (unweighted) */
  groupLogLikelihoods(params: readonly number[], data: GroupedData): Float64Array
}

/** The mean T and x of the data: scales for starting values. */
export function dataScale(data: GroupedData): { meanT: number; meanX: number } {
  let t = 0
  let x = 0
  for (let i = 0; i < data.size; i++) {
    t += data.weight[i]! * data.T[i]!
    x += data.weight[i]! * data.x[i]!
  }
  return { meanT: t / data.customers, meanX: x / data.customers }
}
