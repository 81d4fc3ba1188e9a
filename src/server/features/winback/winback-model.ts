import type { Kysely } from 'kysely'
import type { WinbackModelReport, WinbackSettings } from '../../../shared/api/winback'
import type { Database } from '../../db/schema'
import type { IsoDate } from '../../lib/dates'
import { attributionWindowEnd } from './attribution'
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
export async function loadOutcomes(
  db: Kysely<Database>,
  today: IsoDate,
  attributionDays: number,
): Promise<Outcome[]> {
  const rows = await db
    .selectFrom('winback_attempts')
    .select(['situation', 'outcome', 'won_order_id', 'started_on'])
    .orderBy('id')
    .execute()
  // won back only with a purchase; a refusal or no response is decided when recorded; an open
  // attempt or an unproved promise is decided (as not won) once its attribution window has passed
  return rows
    .filter(
      (r) =>
        r.won_order_id !== null ||
        r.outcome === 'declined' ||
        r.outcome === 'no_response' ||
        attributionWindowEnd(r.started_on, attributionDays) < today,
    )
    .map((r) => ({
      situation: JSON.parse(r.situation) as WinbackSituation,
      wonBack: r.won_order_id !== null,
    }))
}

/** The default model until enough outcomes are recorded (threshold in the settings), then the learned one. */
export async function currentWinbackModel(
  db: Kysely<Database>,
  settings: WinbackSettings,
  today: IsoDate,
): Promise<WinbackModel> {
  return chooseWinbackModel(await loadOutcomes(db, today, settings.attributionDays), settings.minOutcomes)
}

/** The model in use, what it learned from, and how well it and the default predict the outcomes. */
export async function winbackModelReport(
  db: Kysely<Database>,
  settings: WinbackSettings,
  today: IsoDate,
): Promise<WinbackModelReport> {
  const outcomes = await loadOutcomes(db, today, settings.attributionDays)
  const model = chooseWinbackModel(outcomes, settings.minOutcomes)
  const all = await db
    .selectFrom('winback_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const some = outcomes.length > 0
  return {
    kind: model.kind,
    intercept: model.intercept,
    coefficients: model.coefficients,
    outcomes: {
      decided: outcomes.length,
      wonBack: outcomes.filter((o) => o.wonBack).length,
      // still undecided: open, or promised, within their attribution window
      open: Number(all.n) - outcomes.length,
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
