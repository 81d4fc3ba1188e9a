import type { Command } from 'commander'
import { winbackReport } from '../../server/features/reports/winback-report'
import { addDays, isIsoDate } from '../../server/lib/dates'
import { centsToDecimal } from '../../server/lib/money'
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
    const pct = (v: number) => `${(v * 100).toFixed(1)} %`
    const r = report.winbackRate
    process.stdout.write(`${from} – ${to}\n`)
    process.stdout.write(`win-back rate ${pct(r.rate)} (${r.won}/${r.attempts})\n`)
    if (report.uplift)
      process.stdout.write(
        `uplift ${pct(report.uplift.difference)} (treatment ${pct(report.uplift.treatment.rate)}, control ${pct(report.uplift.control.rate)}, p = ${report.uplift.pValue.toFixed(3)}, ${report.uplift.verdict})\n`,
      )
    process.stdout.write(
      `profit ${centsToDecimal(report.profitCents)} EUR (margin ${centsToDecimal(report.marginCents)}, cost ${centsToDecimal(report.costCents)}; won-back customers' value from now on ${centsToDecimal(report.valueGoingForwardCents)})\n`,
    )
    for (const m of report.fluctuation)
      process.stdout.write(
        `${m.month}  lost ${m.lost}  new ${m.new}  reactivated ${m.reactivated}  churn ${pct(m.churnRate)}  tenure ${m.averageTenureMonths?.toFixed(1) ?? '–'} months  value/customer ${m.annualValuePerCustomerCents === null ? '–' : centsToDecimal(m.annualValuePerCustomerCents)} EUR\n`,
      )
  })
}
