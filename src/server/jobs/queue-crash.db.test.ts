import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testDialects } from '../../../test/databases'
import { startSmtpServer } from '../../../test/smtp'
import { saveMailSettings } from '../features/messaging/mail-settings'
import { messageIdFor } from '../features/messaging/messaging.service'
import { enqueue } from './queue'

const MAILS = 1000

function startWorker(db: TestDb, dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve('test/queue-worker-child.ts'), JSON.stringify(db.config), dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child))
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)))
  })
}

async function until(what: string, condition: () => Promise<boolean> | boolean, ms = 120_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/**
 * The durable queue survives a kill -9 in the middle of a batch of 1,000 e-mails: after a restart
 * every e-mail has reached a real SMTP server on loopback, none is lost, and none is sent twice but
 * the one that may have been in the SMTP server's hands at the moment of the kill (it is sent again
 * with the same Message-ID, which receivers recognise).
 */
describe.each(testDialects)('queue after kill -9 on %s', (dialect) => {
  let db: TestDb
  let dataDir: string
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-queue-'))
    db = await createTestDb(
      dialect,
      dialect === 'sqlite' ? { sqliteFile: path.join(dataDir, 'winback.sqlite') } : {},
    )
    smtp = await startSmtpServer({ delayMs: 2 })
    const now = new Date().toISOString()
    await saveMailSettings(
      db.kysely,
      {
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        user: '',
        from: 'winback@example.de',
        replyTo: '',
        ratePerMinute: 100_000,
      },
      { secretKey: null, dataDir },
      null,
      now,
    )
    for (let start = 0; start < MAILS; start += 100)
      await db.kysely.transaction().execute(async (trx) => {
        for (let i = start; i < start + 100; i++) {
          const key = `crash-test:${i}`
          const { id } = await trx
            .insertInto('outbound_messages')
            .values({
              customer_id: null,
              kind: 'digest',
              campaign_id: null,
              campaign_step: null,
              idempotency_key: key,
              to_address: `person${i}@example.de`,
              subject: `Mail ${i}`,
              body_text: `Mail ${i}`,
              message_id: messageIdFor(key, 'http://localhost:3000'),
              unsubscribe_hash: null,
              state: 'queued',
              error: null,
              attempts: 0,
              created_at: now,
              created_by: null,
              sent_at: null,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          await enqueue(trx, 'send_message', { messageId: id }, now, { key: `send:${id}` })
        }
      })
  }, 60_000)
  afterAll(async () => {
    await smtp.close()
    await db.destroy()
  })

  it('sends every one of 1,000 e-mails after a kill -9 mid-batch and a restart, none twice', async () => {
    const first = await startWorker(db, dataDir)
    await until('a third of the mails', () => smtp.mails.length >= MAILS / 3)
    const exited = new Promise((resolve) => first.once('exit', resolve))
    first.kill('SIGKILL')
    await exited
    const atKill = smtp.mails.length
    expect(atKill).toBeLessThan(MAILS)
    // what the killed worker had in the SMTP server's hands: the only mail that may arrive twice
    const uncertain = await db.kysely
      .selectFrom('outbound_messages')
      .select('id')
      .where('state', '=', 'sending')
      .execute()
    expect(uncertain.length).toBeLessThanOrEqual(1)

    const second = await startWorker(db, dataDir)
    try {
      await until('every mail sent', async () => {
        const open = await db.kysely
          .selectFrom('queued_jobs')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('state', '!=', 'succeeded')
          .executeTakeFirstOrThrow()
        return Number(open.n) === 0
      })
    } finally {
      const stopped = new Promise((resolve) => second.once('exit', resolve))
      second.kill('SIGTERM')
      await stopped
    }
    const states = await db.kysely
      .selectFrom('outbound_messages')
      .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('state')
      .execute()
    expect(states.map((s) => [s.state, Number(s.n)])).toEqual([['sent', MAILS]])
    const received = new Map<string, number>()
    for (const m of smtp.mails) received.set(m.messageId, (received.get(m.messageId) ?? 0) + 1)
    expect(received.size).toBe(MAILS)
    for (let i = 0; i < MAILS; i++)
      expect(received.has(messageIdFor(`crash-test:${i}`, 'http://localhost:3000'))).toBe(true)
    const twice = [...received.values()].filter((n) => n > 1).length
    expect(twice).toBeLessThanOrEqual(uncertain.length)
    expect(smtp.mails.length).toBe(MAILS + twice)
  }, 180_000)
})
