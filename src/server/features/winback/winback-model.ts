import type { Kysely } from 'kysely'
import type { WinbackModelReport, WinbackSettings } from '../../../shared/api/winback'
import type { Database } from '../../db/schema'
import {
  calibration,
  chooseWinbackModel,
  crossValidatedCalibration,
  defaultWinbackModel,
  type Outcome,
  type WinbackModel,
  type WinbackSituation,
} from './probability'

/**
 * The company's recorded win-back outcomes: every decided attempt with the factors as they were when
 * it started. The model is the company's, so it learns from all customers, whoever owns them.
 */
export async function loadOutcomes(db: Kysely<Database>): Promise<Outcome[]> {
  const rows = await db
    .selectFrom('winback_attempts')
    .select(['situation', 'outcome'])
    .where('outcome', '!=', 'open')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    situation: JSON.parse(r.situation) as WinbackSituation,
    wonBack: r.outcome === 'won_back',
  }))
}

/** The default model until enough outcomes are recorded (threshold in the settings), then the learned one. */
export async function currentWinbackModel(
  db: Kysely<Database>,
  settings: WinbackSettings,
): Promise<WinbackModel> {
  return chooseWinbackModel(await loadOutcomes(db), settings.minOutcomes)
}

/** The model in use, what it learned from, and how well it and the default predict the outcomes. */
export async function winbackModelReport(
  db: Kysely<Database>,
  settings: WinbackSettings,
): Promise<WinbackModelReport> {
  const outcomes = await loadOutcomes(db)
  const model = chooseWinbackModel(outcomes, settings.minOutcomes)
  const open = await db
    .selectFrom('winback_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('outcome', '=', 'open')
    .executeTakeFirstOrThrow()
  const some = outcomes.length > 0
  return {
    kind: model.kind,
    intercept: model.intercept,
    coefficients: model.coefficients,
    outcomes: {
      decided: outcomes.length,
      wonBack: outcomes.filter((o) => o.wonBack).length,
      open: Number(open.n),
      minimum: settings.minOutcomes,
    },
    calibration: !some
      ? null
      : model.kind === 'learned'
        ? crossValidatedCalibration(outcomes)
        : calibration(outcomes, model),
    defaultCalibration: some ? calibration(outcomes, defaultWinbackModel) : null,
  }
}
