import type { Kysely } from 'kysely'
import type { NoteAnalysis } from '../../../shared/api/assist'
import type { Database } from '../../db/schema'
import type { IsoDate } from '../../lib/dates'
import { competitorNames } from './assist-settings'
import { proposeDate } from './note-dates'
import { proposeCompetitor, proposeOffer, proposeOutcome } from './note-facts'
import { noteFeatures } from './note-text'
import { MIN_TRAINING_NOTES, suggestReasons } from './reason-classifier'
import { latestReasonModel } from './reason-model'

/**
 * Everything the assistant reads from a call note, as proposals: the likely reasons (from the
 * company's own confirmed notes), the next Wiedervorlage's day, the outcome, an offer and a
 * competitor. Nothing is stored; the rep takes what fits with a click and saves the call.
 */
export async function analyseNote(db: Kysely<Database>, note: string, today: IsoDate): Promise<NoteAnalysis> {
  const features = noteFeatures(note)
  const latest = await latestReasonModel(db)
  const active = new Set(
    (await db.selectFrom('churn_reasons').select('id').where('retired_at', 'is', null).execute()).map(
      (r) => r.id,
    ),
  )
  const suggestions = latest?.model
    ? suggestReasons(latest.model, features, 5)
        .filter((s) => active.has(s.reasonId))
        .slice(0, 3)
    : []
  const followup = proposeDate(note, features.language, today)
  return {
    language: features.language,
    reasons: {
      state: !latest?.model ? 'untrained' : suggestions.length === 0 ? 'no_words' : 'ready',
      suggestions,
      confirmedNotes: latest?.notes ?? 0,
      needed: MIN_TRAINING_NOTES,
    },
    followup,
    outcome: proposeOutcome(note),
    offer: proposeOffer(note),
    competitor: proposeCompetitor(note, await competitorNames(db)),
  }
}
