import type { Worklist } from '../../../shared/api/worklist'
import type { Locale } from '../../../shared/i18n/format'
import { createTranslator } from '../../../shared/i18n/index'
import { toCsv } from '../../lib/csv'

/** One row per item of a Tagesliste, as scripts and spreadsheets want it. */
export function worklistRecords(list: Worklist, locale: Locale) {
  const { t } = createTranslator(locale)
  return list.items.map((i) => ({
    customerNumber: i.customerNumber,
    name: i.displayName,
    phone: i.phone,
    kind: i.kind,
    dueOn: i.dueOn,
    dueTime: i.dueTime,
    priority: i.priority,
    channel: i.channel,
    reason: i.reasons.map((r) => r[locale]).join(', ') || null,
    measure: i.measure?.name[locale] ?? null,
    hooks: i.hooks.map((h) => h.title),
    campaign: i.campaign?.name ?? null,
    why: i.whyText,
    lawfulChannels: i.channels.filter((c) => c.allowed).map((c) => c.channel),
    done: i.done,
    channelText: t(`worklist.channel.${i.channel}`),
  }))
}

const columns = [
  'customerNumber',
  'name',
  'phone',
  'dueOn',
  'dueTime',
  'priority',
  'channel',
  'reason',
  'measure',
  'campaign',
  'why',
  'done',
] as const

export function worklistCsv(list: Worklist, locale: Locale): string {
  const { t } = createTranslator(locale)
  const records = worklistRecords(list, locale)
  return toCsv(
    columns.map((c) => t(`worklist.csv.${c}`)),
    records.map((r) =>
      columns.map((c) =>
        c === 'channel'
          ? r.channelText
          : c === 'priority'
            ? t(`worklist.priority.${r.priority}`)
            : c === 'done'
              ? t(r.done ? 'common.yes' : 'common.no')
              : r[c],
      ),
    ),
    locale === 'de' ? ';' : ',',
  )
}
