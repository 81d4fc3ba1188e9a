import type { Command } from 'commander'
import { listCampaigns } from '../../server/features/campaigns/campaign.service'
import { campaignResults } from '../../server/features/reports/campaign-results'
import { findUserByEmail } from '../../server/features/users/user.repository'
import { calendarOf } from '../../server/features/worklist/calendar'
import { getWorklist } from '../../server/features/worklist/worklist'
import { worklistCsv, worklistRecords } from '../../server/features/worklist/worklist-export'
import { isIsoDate } from '../../server/lib/dates'
import { centsToDecimal } from '../../server/lib/money'
import { type GlobalOptions, withContext } from '../context'

export const printWorklist = async (
  options: Record<string, string | boolean | undefined>,
  command: Command,
) => {
  await withContext(command.optsWithGlobals<GlobalOptions>(), async (ctx) => {
    const user = await findUserByEmail(ctx.db.kysely, String(options.user).toLowerCase())
    if (!user || user.disabled_at) throw new Error(`no active user ${options.user}`)
    const date = typeof options.date === 'string' ? options.date : ctx.today
    if (!isIsoDate(date)) throw new Error(`--date: "${date}" is not a date (YYYY-MM-DD)`)
    const actor = { userId: user.id, now: new Date().toISOString(), today: ctx.today }
    if (options.ical) {
      process.stdout.write(await calendarOf(ctx.db.kysely, user, actor, ctx.config.timeZone))
      return
    }
    const list = await getWorklist(ctx.db.kysely, user.id, date, actor, ctx.locale)
    if (options.csv) {
      process.stdout.write(worklistCsv(list, ctx.locale))
      return
    }
    const items = worklistRecords(list, ctx.locale).map(({ channelText: _, ...r }) => r)
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ date: list.date, user: user.email, items })}\n`)
      return
    }
    for (const i of items)
      process.stdout.write(
        `${(i.dueTime ?? '').padEnd(5)} ${i.customerNumber.padEnd(12)} ${i.channel.padEnd(6)} ${i.name} · ${i.why}${i.done ? ' ✓' : ''}\n`,
      )
  })
}

export const printCampaigns = async (options: Record<string, boolean | undefined>, command: Command) => {
  await withContext(command.optsWithGlobals<GlobalOptions>(), async (ctx) => {
    const campaigns = await listCampaigns(ctx.db.kysely)
    if (options.json) {
      // with what each launched campaign earned so far (uplift against its control group, profit, ROI)
      const withResults = []
      for (const c of campaigns)
        withResults.push({
          ...c,
          results: c.launchedOn ? await campaignResults(ctx.db.kysely, c.id, ctx.today) : null,
        })
      process.stdout.write(`${JSON.stringify({ campaigns: withResults })}\n`)
      return
    }
    for (const c of campaigns)
      process.stdout.write(
        `${String(c.id).padStart(4)} ${c.state.padEnd(8)} ${c.name} · ${c.treated}/${c.control} (treated/control), ${c.contacted} contacted, ${centsToDecimal(c.plannedCostCents)} EUR${c.power.tooSmall ? ', control group too small' : ''}\n`,
      )
  })
}
