import type { Kysely } from 'kysely'
import { chunks } from '../../db/bulk'
import type { Database } from '../../db/schema'
import { addDays, type IsoDate } from '../../lib/dates'
import { loadWinbackSettings } from '../winback/winback-settings'
import type { MeasureEvidence } from './fitting'

export interface PlaybookEvidence {
  /** per measure, over every customer it was used on */
  byMeasure: Map<number, MeasureEvidence>
  /** per `${reasonId}:${measureId}`: the measure on customers with that reason */
  byReasonMeasure: Map<string, MeasureEvidence>
  /** the win-back rate of all settled attempts: the prior the ranking starts from */
  overallRate: number
}

/**
 * What the recorded outcomes say about each measure: settled attempts (proved by a purchase, or
 * their window closed) that used it, and how many of them a purchase proved, in total and per reason.
 */
export async function loadPlaybookEvidence(db: Kysely<Database>, today: IsoDate): Promise<PlaybookEvidence> {
  const { attributionDays } = await loadWinbackSettings(db)
  const attempts = (
    await db
      .selectFrom('winback_attempts')
      .select(['customer_id', 'measure_id', 'started_on', 'won_order_id'])
      .execute()
  ).filter((a) => a.won_order_id !== null || addDays(a.started_on, attributionDays) < today)
  const add = <K>(map: Map<K, MeasureEvidence>, key: K, won: boolean) => {
    const e = map.get(key) ?? { attempts: 0, won: 0 }
    e.attempts++
    if (won) e.won++
    map.set(key, e)
  }
  const byMeasure = new Map<number, MeasureEvidence>()
  const byReasonMeasure = new Map<string, MeasureEvidence>()
  const withMeasure = attempts.filter((a) => a.measure_id !== null)
  const reasonsOf = new Map<number, number[]>()
  for (const part of chunks([...new Set(withMeasure.map((a) => a.customer_id))]))
    for (const r of await db
      .selectFrom('customer_churn_reasons')
      .select(['customer_id', 'reason_id'])
      .where('customer_id', 'in', part)
      .execute())
      reasonsOf.set(r.customer_id, [...new Set([...(reasonsOf.get(r.customer_id) ?? []), r.reason_id])])
  for (const a of withMeasure) {
    const won = a.won_order_id !== null
    add(byMeasure, a.measure_id!, won)
    for (const reason of reasonsOf.get(a.customer_id) ?? [])
      add(byReasonMeasure, `${reason}:${a.measure_id}`, won)
  }
  const won = attempts.filter((a) => a.won_order_id !== null).length
  return { byMeasure, byReasonMeasure, overallRate: attempts.length === 0 ? 0.15 : won / attempts.length }
}

/** The evidence for ranking one customer's measures: per reason where there is some, else per measure. */
export function evidenceFor(
  evidence: PlaybookEvidence,
  reasonIds: readonly number[],
): Map<number, MeasureEvidence> {
  const result = new Map(evidence.byMeasure)
  for (const [key, e] of evidence.byReasonMeasure) {
    const [reason, measure] = key.split(':').map(Number) as [number, number]
    if (!reasonIds.includes(reason)) continue
    const current = result.get(measure)
    // the reason-specific figure replaces the overall one; several reasons add up
    result.set(
      measure,
      current && current !== evidence.byMeasure.get(measure)
        ? { attempts: current.attempts + e.attempts, won: current.won + e.won }
        : e,
    )
  }
  return result
}
