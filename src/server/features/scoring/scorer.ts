import { type BgBbParams, bgBbExpected, bgBbExpectedIfAlive, bgBbPAlive } from './models/bgbb'
import {
  bgNbd,
  bgNbdExpected,
  bgNbdExpectedIfAlive,
  bgNbdPAlive,
  bgNbdParams,
  bgNbdPopulationExpected,
} from './models/bgnbd'
import {
  mbgNbd,
  mbgNbdExpected,
  mbgNbdExpectedIfAlive,
  mbgNbdPAlive,
  mbgNbdParams,
  mbgNbdPopulationExpected,
} from './models/mbgnbd'
import type { LikelihoodModel } from './models/model'
import {
  paretoNbd,
  paretoNbdExpected,
  paretoNbdExpectedIfAlive,
  paretoNbdPAlive,
  paretoNbdParams,
  paretoNbdPopulationExpected,
} from './models/pareto-nbd'

/** The continuous-time models `auto` chooses among. */
export const transactionModels = ['bgnbd', 'pnbd', 'mbgnbd'] as const
export type TransactionModel = (typeof transactionModels)[number]
/** Every model a run can use: BG/BB for discrete periods is only ever requested. */
export const scoringModels = [...transactionModels, 'bgbb'] as const
export type ScoringModel = (typeof scoringModels)[number]

export const likelihoodModels: Record<TransactionModel, LikelihoodModel> = {
  bgnbd: bgNbd,
  pnbd: paretoNbd,
  mbgnbd: mbgNbd,
}

/** A fitted transaction model's predictions, the same interface for every model. */
export interface Scorer {
  model: ScoringModel
  pAlive(x: number, tx: number, T: number): number
  /** expected purchases in the next t time units */
  expected(t: number, x: number, tx: number, T: number): number
  /**
   * expected purchases in the next t time units if alive: expected = pAlive × ifAlive. It depends on
   * x and T only, so predictions for many customers can share it.
   */
  ifAlive(t: number, x: number, T: number): number
  /** expected purchases in the first t time units after acquisition */
  population(t: number): number
}

export function scorerFor(model: ScoringModel, values: readonly number[]): Scorer {
  switch (model) {
    case 'bgbb': {
      const [alpha, beta, gamma, delta] = values as [number, number, number, number]
      return bgBbScorer({ alpha, beta, gamma, delta })
    }
    case 'bgnbd': {
      const p = bgNbdParams(values)
      return {
        model,
        pAlive: (x, tx, T) => bgNbdPAlive(p, x, tx, T),
        expected: (t, x, tx, T) => bgNbdExpected(p, t, x, tx, T),
        ifAlive: (t, x, T) => bgNbdExpectedIfAlive(p, t, x, T),
        population: (t) => bgNbdPopulationExpected(p, t),
      }
    }
    case 'mbgnbd': {
      const p = mbgNbdParams(values)
      return {
        model,
        pAlive: (x, tx, T) => mbgNbdPAlive(p, x, tx, T),
        expected: (t, x, tx, T) => mbgNbdExpected(p, t, x, tx, T),
        ifAlive: (t, x, T) => mbgNbdExpectedIfAlive(p, t, x, T),
        population: (t) => mbgNbdPopulationExpected(p, t),
      }
    }
    case 'pnbd': {
      const p = paretoNbdParams(values)
      return {
        model,
        pAlive: (x, tx, T) => paretoNbdPAlive(p, x, tx, T),
        expected: (t, x, tx, T) => paretoNbdExpected(p, t, x, tx, T),
        ifAlive: (t, x, T) => paretoNbdExpectedIfAlive(p, t, x, T),
        population: (t) => paretoNbdPopulationExpected(p, t),
      }
    }
  }
}

/** BG/BB in the same terms: x transactions in T = n periods after the first, the last in period t_x. */
export function bgBbScorer(p: BgBbParams): Scorer {
  return {
    model: 'bgbb',
    pAlive: (x, tx, T) => bgBbPAlive(p, x, tx, T),
    expected: (t, x, tx, T) => bgBbExpected(p, t, x, tx, T),
    ifAlive: (t, x, T) => bgBbExpectedIfAlive(p, t, x, T),
    population: (t) => bgBbExpected(p, t, 0, 0, 0),
  }
}
