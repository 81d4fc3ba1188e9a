import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, TEST_NOW, type TestApp } from '../../../test/app'
import { testDialects } from '../../../test/databases'
import { invoice } from '../../../test/documents'
import type { JobDto } from '../../shared/api/jobs'
import { writeImport } from '../features/imports/write-import'
import { classificationDay } from '../features/lifecycle/lifecycle.repository'
import { saveBounceCheck, saveBounceSettings } from '../features/messaging/bounce-settings'
import { addDays } from '../lib/dates'
import { createLogger } from '../logger'
import { bounceCheckDue, scheduleBounceChecks } from './bounce-schedule'
import { scheduleNightlyClassification } from './nightly'

const TODAY = '2026-06-30'

/** Long work is queued in the durable queue and followed by the pages through /api/jobs. */
describe.each(testDialects)('long work as queued jobs on %s', (dialect) => {
  let t: TestApp
  let manager: string
  let rep: string

  const nightlyJobs = () =>
    t.db.kysely.selectFrom('queued_jobs').selectAll().where('type', '=', 'nightly').orderBy('id').execute()

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: `${TODAY}T08:00:00Z`,
      customers: [
        { customerNumber: 'A', companyName: 'A GmbH', type: 'business' },
        { customerNumber: 'B', companyName: 'B KG', type: 'business' },
      ],
      documents: [
        invoice('A', 'A1', '2026-01-10', 100),
        invoice('A', 'A2', '2026-05-10', 100),
        invoice('B', 'B1', '2023-03-01', 500),
      ],
    })
    manager = await t.login('manager@example.com')
    rep = await t.login('rep1@example.com')
  })
  afterAll(() => t.destroy())

  const job = async (cookie: string, id: string) => {
    const res = await t.get(cookie, `/api/jobs/${id}`)
    return { status: res.status, body: (await res.json()) as { job: JobDto } }
  }

  it('queues a classification, refuses a second while it waits, and reports it done', async () => {
    const res = await t.send(manager, '/api/lifecycle/classify', {})
    expect(res.status).toBe(202)
    const { job: started } = (await res.json()) as { job: JobDto }
    expect(started).toMatchObject({ type: 'classify', status: 'queued', phase: 'queued', ref: TODAY })
    expect((await job(rep, started.id)).body.job.status).toBe('queued')
    expect((await t.send(manager, '/api/lifecycle/classify', {})).status).toBe(409)
    await t.deps.jobs.idle()
    expect((await job(rep, started.id)).body.job).toMatchObject({
      status: 'succeeded',
      phase: 'done',
      error: null,
    })
    const statuses = await t.db.kysely.selectFrom('customer_status').select(['as_of']).distinct().execute()
    expect(statuses).toEqual([{ as_of: TODAY }])
    expect((await job(rep, '999999')).status).toBe(404)
    expect((await t.app.request(`/api/jobs/${started.id}`)).status).toBe(401)
  })

  it('queues the nightly work once however often it is checked, and does nothing when all is current', async () => {
    const tomorrow = addDays(TODAY, 1)
    const nightly = scheduleNightlyClassification({
      db: t.db,
      jobs: t.deps.jobs,
      logger: createLogger('silent'),
      today: () => tomorrow,
    })
    try {
      nightly.checkNow()
      nightly.checkNow()
      for (let i = 0; i < 100 && (await nightlyJobs()).length === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 10))
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(await nightlyJobs()).toMatchObject([{ state: 'queued', ref: tomorrow }])
      await t.deps.jobs.idle()
      expect(await nightlyJobs()).toMatchObject([{ state: 'succeeded', phase: 'done', attempts: 1 }])
      // the base is classified as of tomorrow; a row that stays true keeps the day it was made on
      expect(await classificationDay(t.db.kysely)).toBe(tomorrow)
      const statuses = await t.db.kysely
        .selectFrom('customer_status')
        .select(['as_of', 'stable_through'])
        .execute()
      for (const s of statuses) {
        expect([TODAY, tomorrow]).toContain(s.as_of)
        expect(String(s.stable_through) >= tomorrow).toBe(true)
      }
      // everything is current now: the next check queues nothing
      nightly.checkNow()
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(await nightlyJobs()).toHaveLength(1)
    } finally {
      nightly.stop()
    }
  })

  it('a nightly job that runs again (a second process, a retry) finds the day done and changes nothing', async () => {
    const day = addDays(TODAY, 400)
    const changes = async () =>
      Number(
        (
          await t.db.kysely
            .selectFrom('customer_status_changes')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await changes()
    const first = await t.deps.jobs.enqueue('nightly', { day }, { ref: day })
    await t.deps.jobs.idle()
    const after = await changes()
    // A stopped buying more than a year ago: a status change on the day
    expect(after).toBeGreaterThan(before)
    const second = await t.deps.jobs.enqueue('nightly', { day }, { ref: day })
    await t.deps.jobs.idle()
    expect(await changes()).toBe(after)
    for (const id of [first.id, second.id])
      expect((await t.deps.jobs.get(Number(id)))?.status).toBe('succeeded')
    const statuses = await t.db.kysely.selectFrom('customer_status').select(['as_of']).distinct().execute()
    expect(statuses).toEqual([{ as_of: day }])
  })

  it('the nightly job forgets succeeded jobs after 30 days, and keeps failed ones', async () => {
    const day = addDays(TODAY, 500)
    // finished 40 days before the clock's now (TEST_NOW)
    const at = () => new Date(TEST_NOW.getTime() - 40 * 86_400_000).toISOString()
    const old = await t.db.kysely
      .insertInto('queued_jobs')
      .values(
        (['succeeded', 'failed'] as const).map((state) => ({
          type: 'read_bounces',
          payload: '{}',
          idempotency_key: null,
          state,
          attempts: 1,
          max_attempts: 1,
          run_at: at(),
          locked_until: null,
          locked_by: null,
          last_error: state === 'failed' ? 'connect ECONNREFUSED' : null,
          phase: '',
          done: 0,
          total: 0,
          ref: null,
          created_at: at(),
          updated_at: at(),
          finished_at: at(),
        })),
      )
      .returning(['id', 'state'])
      .execute()
    await t.deps.jobs.enqueue('nightly', { day }, { ref: day })
    await t.deps.jobs.idle()
    const left = await t.db.kysely
      .selectFrom('queued_jobs')
      .select('id')
      .where(
        'id',
        'in',
        old.map((o) => o.id),
      )
      .execute()
    expect(left.map((r) => r.id)).toEqual(old.filter((o) => o.state === 'failed').map((o) => o.id))
  })

  it('reads the bounce mailbox a quarter hour after it was set up or last read, not sooner', async () => {
    const bounceJobs = async () =>
      (
        await t.db.kysely
          .selectFrom('queued_jobs')
          .select('idempotency_key')
          .where('type', '=', 'read_bounces')
          // the schedule's (a person's check has none)
          .where('idempotency_key', 'like', 'bounces:%')
          .orderBy('id')
          .execute()
      ).map((j) => j.idempotency_key)
    let now = new Date('2026-07-01T10:00:00Z')
    const checkAt = async (iso: string) => {
      now = new Date(iso)
      const schedule = scheduleBounceChecks({
        db: t.db,
        jobs: t.deps.jobs,
        logger: createLogger('silent'),
        clock: () => now,
      })
      await schedule.checkNow()
      schedule.stop()
    }
    // nothing set up: nothing read
    await checkAt('2026-07-01T10:00:00Z')
    expect(await bounceJobs()).toEqual([])
    const mailbox = {
      enabled: true,
      host: '127.0.0.1',
      port: 1143,
      security: 'none' as const,
      user: 'u',
      mailbox: 'INBOX',
    }
    await saveBounceSettings(t.db.kysely, mailbox, t.deps.config, null, '2026-07-01T10:00:00.000Z')
    // a person who just set it up reads it with the button: the schedule does not read it first
    await checkAt('2026-07-01T10:14:59Z')
    expect(await bounceJobs()).toEqual([])
    await checkAt('2026-07-01T10:15:00Z')
    const quarter = (iso: string) => `bounces:${Math.floor(Date.parse(iso) / 900_000)}`
    expect(await bounceJobs()).toEqual([quarter('2026-07-01T10:15:00Z')])
    // read at 10:20 (by the button, say): the next reading at 10:35
    await saveBounceCheck(t.db.kysely, {
      at: '2026-07-01T10:20:00.000Z',
      checked: 0,
      bounces: 0,
      matched: 0,
      error: null,
    })
    await checkAt('2026-07-01T10:34:00Z')
    expect(await bounceJobs()).toHaveLength(1)
    await checkAt('2026-07-01T10:35:00Z')
    expect(await bounceJobs()).toEqual([quarter('2026-07-01T10:15:00Z'), quarter('2026-07-01T10:35:00Z')])
    expect(bounceCheckDue({ savedAt: null, checkedAt: null }, now)).toBe(true)
  })
})
