import type { Kysely } from 'kysely'
import type { ReasonModelStatus } from '../../../shared/api/assist'
import type { Database } from '../../db/schema'
import { confirmedReasonNotes, reasonsRecordedAfter } from '../churn/confirmed-notes'
import {
  crossValidate,
  type HeldOutAccuracy,
  MIN_TRAINING_NOTES,
  type ReasonModel,
  trainReasonModel,
} from './reason-classifier'

/**
 * Trains the reason model on every confirmed note and stores it with its held-out accuracy; the
 * newest stored model suggests. Run as a job (after new confirmations, nightly, or asked for).
 */
export async function trainReasons(options: {
  db: Kysely<Database>
  now: string
  userId: number | null
}): Promise<ReasonModelStatus> {
  const { notes, lastRecordId } = await confirmedReasonNotes(options.db)
  const trained = trainReasonModel(notes)
  const validated = trained ? crossValidate(notes) : null
  const model = trained && validated ? { ...trained, temperature: validated.temperature } : trained
  const accuracy = validated?.accuracy ?? null
  await options.db
    .insertInto('reason_models')
    .values({
      trained_at: options.now,
      trained_by: options.userId,
      notes: notes.length,
      model: model ? JSON.stringify(model) : null,
      accuracy: accuracy ? JSON.stringify(accuracy) : null,
      last_record_id: lastRecordId,
    })
    .execute()
  // older models are of no further use
  await options.db
    .deleteFrom('reason_models')
    .where('id', '<', (eb) => eb.selectFrom('reason_models').select((e) => e.fn.max('id').as('id')))
    .execute()
  cached = null
  return reasonModelStatus(options.db)
}

interface Latest {
  id: number
  trainedAt: string
  notes: number
  model: ReasonModel | null
  accuracy: HeldOutAccuracy | null
  lastRecordId: number
}

let cached: Latest | null = null

/** The newest model, parsed once per process (a new training replaces it). */
export async function latestReasonModel(db: Kysely<Database>): Promise<Latest | null> {
  const row = await db
    .selectFrom('reason_models')
    .select(['id', 'trained_at', 'notes', 'last_record_id'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) return null
  if (cached?.id === row.id) return cached
  const full = await db
    .selectFrom('reason_models')
    .select(['model', 'accuracy'])
    .where('id', '=', row.id)
    .executeTakeFirstOrThrow()
  cached = {
    id: row.id,
    trainedAt: row.trained_at,
    notes: row.notes,
    model: full.model ? (JSON.parse(full.model) as ReasonModel) : null,
    accuracy: full.accuracy ? (JSON.parse(full.accuracy) as HeldOutAccuracy) : null,
    lastRecordId: row.last_record_id,
  }
  return cached
}

/** Whether confirmed notes were recorded since the last training (or none was ever done). */
export async function reasonModelIsStale(db: Kysely<Database>): Promise<boolean> {
  const latest = await latestReasonModel(db)
  return (await reasonsRecordedAfter(db, latest?.lastRecordId ?? 0)) > 0
}

export async function reasonModelStatus(db: Kysely<Database>): Promise<ReasonModelStatus> {
  const latest = await latestReasonModel(db)
  return {
    state: latest?.model ? 'ready' : 'untrained',
    trainedAt: latest?.trainedAt ?? null,
    confirmedNotes: latest?.notes ?? 0,
    needed: MIN_TRAINING_NOTES,
    newSinceTraining: await reasonsRecordedAfter(db, latest?.lastRecordId ?? 0),
    reasons: latest?.model?.labels ?? [],
    accuracy: latest?.accuracy ?? null,
  }
}
