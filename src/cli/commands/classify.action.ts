import type { Command } from 'commander'
import { classifyCustomers, countByStatus } from '../../server/features/lifecycle/classify-customers'
import { isIsoDate } from '../../server/lib/dates'
import { describeRule } from '../../shared/i18n/describe'
import { createTranslator } from '../../shared/i18n/index'
import { lifecycleStatuses } from '../../shared/lifecycle'
import { type GlobalOptions, withContext } from '../context'
import { createProgress } from '../progress'

export const runClassify = async (
  options: { asOf?: string; json?: boolean; progress: boolean },
  command: Command,
) => {
  if (options.asOf !== undefined && !isIsoDate(options.asOf))
    throw new Error(`--as-of must be a date YYYY-MM-DD, not "${options.asOf}"`)
  await withContext(command.optsWithGlobals<GlobalOptions>(), async (ctx) => {
    const asOf = options.asOf ?? ctx.today
    const progress = createProgress(options.progress, ctx.locale)
    await classifyCustomers({
      db: ctx.db,
      asOf,
      onProgress: (done, total) => progress.update('classifying', done, total),
    })
    progress.stop()
    const counts = await countByStatus(ctx.db)
    if (!options.json) {
      const { t } = createTranslator(ctx.locale)
      process.stdout.write(`${t('common.asOf', { date: asOf })}\n`)
      for (const s of lifecycleStatuses)
        process.stdout.write(`${t(`status.${s}`).padEnd(20)} ${String(counts[s]).padStart(8)}\n`)
      return
    }
    const { t } = createTranslator(ctx.locale)
    const rows = await ctx.db.kysely
      .selectFrom('customer_status as cs')
      .innerJoin('customers', 'customers.id', 'cs.customer_id')
      .select([
        'customers.customer_number',
        'cs.status',
        'cs.rule',
        'cs.rule_params',
        'cs.last_purchase_on',
        'cs.sub_types',
        'cs.signals',
      ])
      .orderBy('customers.customer_number')
      .execute()
    const customers = rows.map((r) => ({
      customerNumber: r.customer_number,
      status: r.status,
      rule: r.rule,
      ruleText: describeRule(t, r.rule, JSON.parse(r.rule_params), ctx.locale),
      lastPurchase: r.last_purchase_on,
      subTypes: JSON.parse(r.sub_types) as string[],
      signals: (JSON.parse(r.signals) as { code: string }[]).map((s) => s.code),
    }))
    process.stdout.write(`${JSON.stringify({ asOf, counts, customers })}\n`)
  })
}
