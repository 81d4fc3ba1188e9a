import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'
import { say } from '../lib/errors'
import { backoffMs } from './job-types'
import { claimNextJob, completeJob, enqueue, failJob, listQueuedJobs, retryFailedJob } from './queue'

const T0 = new Date('2026-06-30T08:00:00.000Z')
const at = (ms: number) => new Date(T0.getTime() + ms)

/** The durable queue's rules on both databases: once per key, due order, leases, retries. */
describe.each(testDialects)('the job queue on %s', (dialect) => {
  let db: TestDb
  beforeAll(async () => {
    db = await createTestDb(dialect)
  })
  afterAll(() => db.destroy())

  it('keeps one job per idempotency key, and hands each due job to one worker', async () => {
    const a = await enqueue(db.kysely, 'send_message', { messageId: 1 }, T0.toISOString(), { key: 'k1' })
    expect(await enqueue(db.kysely, 'send_message', { messageId: 1 }, T0.toISOString(), { key: 'k1' })).toBe(
      a,
    )
    await enqueue(db.kysely, 'send_message', { messageId: 2 }, T0.toISOString(), {
      runAt: at(60_000).toISOString(),
    })
    await expect(
      enqueue(db.kysely, 'send_message', { messageId: -1 } as never, T0.toISOString()),
    ).rejects.toThrow()
    const first = await claimNextJob(db, { worker: 'w1', now: T0, leaseMs: 10_000 })
    expect(first).toMatchObject({ id: a, state: 'running', attempts: 1, locked_by: 'w1' })
    // the other job is not due yet, the first is taken
    expect(await claimNextJob(db, { worker: 'w2', now: T0, leaseMs: 10_000 })).toBeUndefined()
    // the first worker died: after its lease another takes the job again
    const again = await claimNextJob(db, { worker: 'w2', now: at(10_001), leaseMs: 10_000 })
    expect(again).toMatchObject({ id: a, attempts: 2, locked_by: 'w2' })
    await completeJob(db.kysely, a, at(10_002).toISOString())
    const second = await claimNextJob(db, { worker: 'w2', now: at(60_000), leaseMs: 10_000 })
    expect(second!.payload).toBe('{"messageId":2}')
    await completeJob(db.kysely, second!.id, at(60_001).toISOString())
  })

  const refused = say('unexpected', { message: 'connection refused' })

  it('retries a failing job with backoff, fails it for good after its attempts, and a person can retry it', async () => {
    const id = await enqueue(db.kysely, 'send_message', { messageId: 3 }, T0.toISOString(), {
      maxAttempts: 2,
    })
    let now = at(100_000)
    const job = (await claimNextJob(db, { worker: 'w', now, leaseMs: 1000 }))!
    expect(await failJob(db.kysely, job, refused, now, false)).toBe('queued')
    // not before the backoff
    expect(
      await claimNextJob(db, { worker: 'w', now: new Date(now.getTime() + backoffMs(1) - 1), leaseMs: 1000 }),
    ).toBeUndefined()
    now = new Date(now.getTime() + backoffMs(1))
    const second = (await claimNextJob(db, { worker: 'w', now, leaseMs: 1000 }))!
    expect(second.attempts).toBe(2)
    expect(await failJob(db.kysely, second, refused, now, false)).toBe('failed')
    expect(await listQueuedJobs(db.kysely, { state: 'failed' })).toEqual([
      expect.objectContaining({ id, last_error: 'Unexpected error: connection refused', attempts: 2 }),
    ])
    // what a page says in the reader's language
    const [failed] = await listQueuedJobs(db.kysely, { state: 'failed' })
    expect(JSON.parse(failed!.last_error_text!)).toEqual(refused)
    await retryFailedJob(db.kysely, id, now.toISOString())
    expect(await claimNextJob(db, { worker: 'w', now, leaseMs: 1000 })).toMatchObject({ id, attempts: 1 })
    await expect(retryFailedJob(db.kysely, id, now.toISOString())).rejects.toThrow(/No failed job/)
  })

  it('fails a permanent error at once', async () => {
    const id = await enqueue(db.kysely, 'send_message', { messageId: 4 }, T0.toISOString())
    const job = (await claimNextJob(db, { worker: 'w', now: at(10_000_000), leaseMs: 1000 }))!
    expect(job.id).toBe(id)
    expect(await failJob(db.kysely, job, say('noSuchCampaign'), at(10_000_000), true)).toBe('failed')
  })

  it('waits 30 s, then twice as long each time, at most an hour', () => {
    expect([1, 2, 3, 10, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000])
  })
})
