import type { Command } from 'commander'
import { winbackReport } from '../../server/features/reports/winback-report'
import { addDays, isIsoDate } from '../../server/lib/dates'
import { formatDate, formatMoney, formatMonth, formatNumber, formatPercent } from '../../shared/i18n/format'
import { cliTranslator } from '../cli-text'
import { type GlobalOptions, withContext } from '../context'

export const runReport = async (
  options: { from?: string; to?: string; json?: boolean },
  command: Command,
) => {
  await withContext(command.optsWithGlobals<GlobalOptions>(), async (ctx) => {
    const to = options.to ?? ctx.today
    const from = options.from ?? addDays(to, -365)
    for (const [name, value] of [
      ['--from', from],
      ['--to', to],
    ] as const)
      if (!isIsoDate(value)) throw new Error(`${name}: "${value}" is not a date (YYYY-MM-DD)`)
    const report = await winbackReport(ctx.db.kysely, { from, to, today: ctx.today })
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`)
      return
    }
    const say = cliTranslator(ctx.locale)
    const pct = (v: number) => formatPercent(v, ctx.locale)
    const euros = (cents: number) => formatMoney(cents, ctx.locale)
    const r = report.winbackRate
    process.stdout.write(`${formatDate(from, ctx.locale)} – ${formatDate(to, ctx.locale)}\n`)
    process.stdout.write(
      `${say('cli.report.rate', { rate: pct(r.rate), won: r.won, attempts: r.attempts })}\n`,
    )
    if (report.uplift)
      process.stdout.write(
        `${say('cli.report.uplift', {
          difference: pct(report.uplift.difference),
          treatment: pct(report.uplift.treatment.rate),
          control: pct(report.uplift.control.rate),
          p: formatNumber(report.uplift.pValue, ctx.locale, 3),
          verdict: report.uplift.verdict,
        })}\n`,
      )
    process.stdout.write(
      `${say('cli.report.profit', {
        profit: euros(report.profitCents),
        margin: euros(report.marginCents),
        cost: euros(report.costCents),
        forward: euros(report.valueGoingForwardCents),
      })}\n`,
    )
    for (const m of report.fluctuation)
      process.stdout.write(
        `${say('cli.report.month', {
          month: formatMonth(m.month, ctx.locale),
          lost: m.lost,
          new: m.new,
          reactivated: m.reactivated,
          churn: pct(m.churnRate),
          tenure: m.averageTenureMonths === null ? '–' : formatNumber(m.averageTenureMonths, ctx.locale, 1),
          value: m.annualValuePerCustomerCents === null ? '–' : euros(m.annualValuePerCustomerCents),
        })}\n`,
      )
  })
}
