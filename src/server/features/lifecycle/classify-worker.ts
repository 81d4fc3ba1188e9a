import { parentPort } from 'node:worker_threads'
import type { IsoDate } from '../../lib/dates'
import { classifyHistories } from './classify-batch'
import type { CustomerHistoryInput } from './lifecycle.repository'
import type { ThresholdSettings } from './thresholds'

/** A batch for the classification worker; its answer carries the same `id`. */
export interface ClassifyRequest {
  id: number
  histories: CustomerHistoryInput[]
  asOf: IsoDate
  settings: ThresholdSettings
}

/**
 * Runs in a worker thread: classifies the batches it is sent, one after the other, while the calling
 * thread reads the next batch and writes the last one (classifier.ts).
 */
parentPort!.on('message', ({ id, histories, asOf, settings }: ClassifyRequest) => {
  try {
    parentPort!.postMessage({ id, batch: classifyHistories(histories, asOf, settings) })
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
})
