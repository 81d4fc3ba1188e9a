import type { Command } from 'commander'
import { closeMailTransports } from '../../server/features/messaging/mail-settings'
import { queueCampaignStep } from '../../server/features/messaging/messaging.service'
import { unfinishedJobs } from '../../server/jobs/queue'
import { startQueueWorker } from '../../server/jobs/queue-worker'
import { createLogger } from '../../server/logger'
import { formatDateTime, formatNumber } from '../../shared/i18n/format'
import { cliTranslator } from '../cli-text'
import { type GlobalOptions, withContext } from '../context'
import { createProgress } from '../progress'

export const runSend = async (
  campaignId: string,
  options: { step: string; json?: boolean },
  command: Command,
) => {
  await withContext(command.optsWithGlobals<GlobalOptions>(), async (ctx) => {
    const id = Number(campaignId)
    const step = Number(options.step) - 1
    if (!Number.isInteger(id) || id <= 0) throw new Error(`campaignId: "${campaignId}" is not a campaign id`)
    if (!Number.isInteger(step) || step < 0) throw new Error(`--step: "${options.step}" is not a step number`)
    const now = new Date().toISOString()
    await queueCampaignStep(ctx.db.kysely, id, step, { userId: null, now, today: ctx.today })
    const progress = createProgress(!options.json, ctx.locale)
    const count = async () => {
      const rows = await ctx.db.kysely
        .selectFrom('outbound_messages')
        .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
        .where('campaign_id', '=', id)
        .where('campaign_step', '=', step)
        .groupBy('state')
        .execute()
      return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)])) as Record<string, number>
    }
    // this process works the queue too (a running server may share the work)
    const worker = startQueueWorker(
      {
        db: ctx.db,
        config: ctx.config,
        clock: () => new Date(),
        logger: createLogger('silent'),
        lanes: ['messages'],
      },
      false,
    )
    const timer = setInterval(() => {
      void count().then((c) => {
        const total = Object.values(c).reduce((s, n) => s + n, 0)
        progress.update('sending', total - (c.queued ?? 0) - (c.sending ?? 0), total)
      })
    }, 500)
    try {
      for (;;) {
        await worker.drain()
        const left = await count()
        const stepJob = await unfinishedJobs(ctx.db.kysely, `campaign:${id}:step:${step}`)
        if (stepJob === 0 && (left.queued ?? 0) + (left.sending ?? 0) === 0) break
        // the rate limit or a retry put the next job a little later: wait for it, unless it is far off
        const next = await ctx.db.kysely
          .selectFrom('queued_jobs')
          .select((eb) => eb.fn.min('run_at').as('at'))
          .where('state', '=', 'queued')
          .executeTakeFirst()
        const wait = next?.at ? new Date(String(next.at)).getTime() - Date.now() : 0
        if (wait > 10_000) {
          process.stderr.write(
            `${cliTranslator(ctx.locale)('cli.send.waiting', {
              count: (left.queued ?? 0) + (left.sending ?? 0),
              at: formatDateTime(String(next!.at), ctx.locale),
            })}\n`,
          )
          break
        }
        await new Promise((resolve) => setTimeout(resolve, Math.max(50, wait)))
      }
    } finally {
      clearInterval(timer)
      closeMailTransports()
    }
    const counts = await count()
    progress.stop()
    if (options.json) process.stdout.write(`${JSON.stringify(counts)}\n`)
    else
      process.stdout.write(
        `${Object.entries(counts)
          .map(
            ([state, n]) =>
              `${cliTranslator(ctx.locale)(`mail.state.${state}`)} ${formatNumber(n, ctx.locale)}`,
          )
          .join('  ')}\n`,
      )
  })
}
