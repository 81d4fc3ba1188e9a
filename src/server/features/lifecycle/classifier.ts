import { Worker } from 'node:worker_threads'
import { runsFromBuild } from '../../lib/built'
import type { IsoDate } from '../../lib/dates'
import { type ClassifiedBatch, classifyHistories } from './classify-batch'
import type { ClassifyRequest } from './classify-worker'
import type { CustomerHistoryInput } from './lifecycle.repository'
import type { ThresholdSettings } from './thresholds'

/** Classifies batches of customers: in the calling thread, or in a worker thread beside it. */
export interface Classifier {
  classify(
    histories: CustomerHistoryInput[],
    asOf: IsoDate,
    settings: ThresholdSettings,
  ): Promise<ClassifiedBatch>
  close(): Promise<void>
}

/** In the calling thread: for a few customers, where starting a thread costs more than it saves. */
export const classifierInThread: Classifier = {
  classify: async (histories, asOf, settings) => classifyHistories(histories, asOf, settings),
  close: async () => undefined,
}

/**
 * In a worker thread: the calling thread reads the next batch and writes the last one while the
 * worker classifies (on two cores a whole-base classification took the reading, the writing and
 * the classifying one after the other). Batches are answered in the order they were sent.
 */
export function classifierInWorker(): Classifier {
  const worker = new Worker(
    runsFromBuild
      ? new URL('./classify-worker.js', import.meta.url)
      : new URL('./classify-worker-entry.mjs', import.meta.url),
    // not the main thread's options: the TypeScript entry loads TypeScript itself
    { execArgv: [] },
  )
  const pending = new Map<number, { resolve: (batch: ClassifiedBatch) => void; reject: (e: Error) => void }>()
  let failure: Error | null = null
  let closed = false
  let nextId = 0
  const failAll = (error: Error) => {
    failure = error
    for (const p of pending.values()) p.reject(error)
    pending.clear()
  }
  worker.on('message', (message: { id: number; batch?: ClassifiedBatch; error?: string }) => {
    const waiting = pending.get(message.id)
    if (!waiting) return
    pending.delete(message.id)
    if (message.error !== undefined) waiting.reject(new Error(message.error))
    else waiting.resolve(message.batch!)
  })
  worker.on('error', failAll)
  worker.on('exit', (code) => {
    if (!closed) failAll(new Error(`the classification worker stopped (exit code ${code})`))
  })
  return {
    classify(histories, asOf, settings) {
      if (failure) return Promise.reject(failure)
      const id = nextId++
      return new Promise<ClassifiedBatch>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        worker.postMessage({ id, histories, asOf, settings } satisfies ClassifyRequest)
      })
    },
    async close() {
      closed = true
      failAll(new Error('the classification worker was closed'))
      await worker.terminate()
    },
  }
}
