import type { Command } from 'commander'
import { exportCustomersCsv } from '../../server/features/customers/export-customers'
import { listCustomers } from '../../server/features/customers/list-customers'
import { centsToDecimal } from '../../server/lib/money'
import { customerListQuerySchema } from '../../shared/api/customers'
import { describeRule } from '../../shared/i18n/describe'
import { createTranslator } from '../../shared/i18n/index'
import { type GlobalOptions, withContext } from '../context'

const ALL = 10_000_000

export const runCustomers = async (
  options: Record<string, string | boolean | undefined>,
  command: Command,
) => {
  const query = customerListQuerySchema.parse({
    status: options.status,
    segment: options.segment,
    owner: options.owner,
    q: options.search,
    contactable: options.contactable,
    sort: options.sort,
    dir: options.desc ? 'desc' : 'asc',
    page: 1,
    pageSize: 1,
  })
  await withContext(command.optsWithGlobals<GlobalOptions>(), async (ctx) => {
    const scope = { ownerId: null }
    if (options.csv) {
      process.stdout.write(await exportCustomersCsv({ db: ctx.db, scope, query, locale: ctx.locale }))
      return
    }
    const list = await listCustomers({ db: ctx.db, scope, query: { ...query, pageSize: ALL } })
    const { t } = createTranslator(ctx.locale)
    const customers = list.items.map((c) => ({
      customerNumber: c.customerNumber,
      name: c.displayName,
      type: c.type,
      segment: c.segment,
      city: c.city,
      owner: c.ownerName,
      status: c.status,
      rule: c.rule,
      ruleText: c.rule ? describeRule(t, c.rule, c.ruleParams ?? {}, ctx.locale) : null,
      lastPurchase: c.lastPurchase,
      purchases: c.purchaseCount,
      revenue12m: centsToDecimal(c.revenue12mCents),
      annualRevenue: centsToDecimal(c.annualRevenueCents),
      signals: c.signals.map((s) => s.code),
      subTypes: c.subTypes,
    }))
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ asOf: list.asOf, total: list.total, customers })}\n`)
      return
    }
    for (const c of customers) {
      process.stdout.write(
        `${c.customerNumber.padEnd(12)} ${(c.status ?? '').padEnd(12)} ${(c.lastPurchase ?? '').padEnd(11)} ${c.name}\n`,
      )
    }
    process.stdout.write(`${t('common.results', { total: list.total })}\n`)
  })
}
