import ExcelJS from 'exceljs'
import { describeWinbackValue } from '../../../shared/i18n/describe'
import { csvDecimal, formatDate, type Locale } from '../../../shared/i18n/format'
import { createTranslator } from '../../../shared/i18n/index'
import { toCsv } from '../../lib/csv'
import type { FullWinbackList } from './winback-list'

const columns = [
  'rank',
  'customerNumber',
  'name',
  'segment',
  'owner',
  'lastPurchase',
  'reasons',
  'annualRevenue',
  'annualMargin',
  'value',
  'valueMethod',
  'why',
  'probability',
  'cost',
  'expectedNet',
  'costRatio',
  'stop',
  'lastAttempt',
] as const

function table(list: FullWinbackList, locale: Locale, forExcel: boolean) {
  const { t } = createTranslator(locale)
  const money = (cents: number) => (forExcel ? cents / 100 : csvDecimal(cents, locale))
  const share = (x: number) => (forExcel ? x : csvDecimal(Math.round(x * 10_000), locale))
  return {
    headers: columns.map((c) => t(`winback.col.${c}`)),
    rows: list.items.map((i, index) => [
      index + 1,
      i.customerNumber,
      i.displayName,
      i.segment ?? '',
      i.ownerName ?? '',
      forExcel ? i.lastPurchase : formatDate(i.lastPurchase, locale),
      i.reasons.map((r) => (locale === 'de' ? r.de : r.en)).join(', '),
      money(i.annualRevenueCents),
      money(i.annualMarginCents),
      money(i.valueCents),
      t(`winback.method.${i.valueMethod}`),
      describeWinbackValue(t, i, locale),
      share(i.probability),
      money(i.costCents),
      money(i.expectedNetCents),
      i.costRatio === null ? '' : share(i.costRatio),
      i.pastStop ? t('winback.pastStop') : '',
      i.lastAttempt
        ? `${t(`winback.attempts.outcome.${i.lastAttempt.outcome}`)} (${formatDate(i.lastAttempt.startedOn, locale)})`
        : '',
    ]),
  }
}

/** The prioritised list as CSV (German: semicolon, decimal comma, percentages as numbers). */
export function winbackCsv(list: FullWinbackList, locale: Locale): string {
  const { headers, rows } = table(list, locale, false)
  return toCsv(headers, rows, locale === 'de' ? ';' : ',')
}

export async function winbackXlsx(list: FullWinbackList, locale: Locale): Promise<Buffer> {
  const { headers, rows } = table(list, locale, true)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'winback'
  const sheet = workbook.addWorksheet(locale === 'de' ? 'Rückgewinnung' : 'Win-back')
  sheet.addRow(headers).font = { bold: true }
  for (const row of rows)
    sheet.addRow(row.map((v, i) => (i === 5 && typeof v === 'string' && v ? new Date(`${v}T00:00:00Z`) : v)))
  sheet.getColumn(6).numFmt = locale === 'de' ? 'dd.mm.yyyy' : 'dd/mm/yyyy'
  const money = ['annualRevenue', 'annualMargin', 'value', 'cost', 'expectedNet'] as const
  const shares = ['probability', 'costRatio'] as const
  for (const c of money) sheet.getColumn(columns.indexOf(c) + 1).numFmt = '#,##0.00 [$€-407]'
  for (const c of shares) sheet.getColumn(columns.indexOf(c) + 1).numFmt = '0.0 %'
  sheet.columns.forEach((column, i) => {
    column.width = [6, 12, 32, 16, 18, 12, 36, 14, 14, 14, 18, 60, 12, 12, 14, 10, 16, 22][i] ?? 14
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
