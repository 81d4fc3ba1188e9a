import ExcelJS from 'exceljs'
import type { Locale } from '../../../shared/i18n/format'
import { csvDecimal } from '../../../shared/i18n/format'
import { createTranslator } from '../../../shared/i18n/index'
import { toCsv } from '../../lib/csv'
import type { WinbackReport } from './winback-report'

const dimensions = ['byRep', 'byChannel', 'byReason', 'bySegment', 'byMeasure'] as const

/** The rates by dimension as rows: dimension, group, attempts, won back, rate and its interval. */
function rateRows(report: WinbackReport, locale: Locale, forExcel: boolean) {
  const { t } = createTranslator(locale)
  const share = (v: number) => (forExcel ? v : csvDecimal(Math.round(v * 10_000), locale))
  return dimensions.flatMap((d) =>
    report[d].map((r) => [
      t(`reports.${d}`),
      d === 'byChannel' ? t(`worklist.channel.${r.key}`) : (r.label?.[locale] ?? r.key),
      r.attempts,
      r.won,
      share(r.rate),
      share(r.interval.low),
      share(r.interval.high),
    ]),
  )
}

function rateHeaders(locale: Locale): string[] {
  const { t } = createTranslator(locale)
  return ['dimension', 'group', 'attempts', 'won', 'rate', 'low', 'high'].map((c) => t(`reports.col.${c}`))
}

/** The report's rates as CSV for people (German: semicolon, decimal comma, percent). */
export function winbackReportCsv(report: WinbackReport, locale: Locale): string {
  return toCsv(rateHeaders(locale), rateRows(report, locale, false), locale === 'de' ? ';' : ',')
}

/** The report as a workbook: the rates, the natural fluctuation, and the campaigns. */
export async function winbackReportXlsx(report: WinbackReport, locale: Locale): Promise<Buffer> {
  const { t } = createTranslator(locale)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'winback'
  const rates = workbook.addWorksheet(t('reports.sheet.rates'))
  rates.addRow(rateHeaders(locale)).font = { bold: true }
  for (const row of rateRows(report, locale, true)) rates.addRow(row)
  for (const col of [5, 6, 7]) rates.getColumn(col).numFmt = '0.0 %'
  const months = workbook.addWorksheet(t('reports.sheet.fluctuation'))
  months.addRow(
    [
      'month',
      'base',
      'lost',
      'new',
      'reactivated',
      'churnRate',
      'winbacksToOffset',
      'averageTenureMonths',
      'annualValuePerCustomer',
    ].map((c) => t(`reports.col.${c}`)),
  ).font = {
    bold: true,
  }
  for (const m of report.fluctuation)
    months.addRow([
      m.month,
      m.base,
      m.lost,
      m.new,
      m.reactivated,
      m.churnRate,
      m.winbacksToOffset,
      m.averageTenureMonths,
      m.annualValuePerCustomerCents === null ? null : m.annualValuePerCustomerCents / 100,
    ])
  months.getColumn(6).numFmt = '0.0 %'
  months.getColumn(8).numFmt = '0.0'
  months.getColumn(9).numFmt = '#,##0.00 [$€-407]'
  const campaigns = workbook.addWorksheet(t('reports.sheet.campaigns'))
  campaigns.addRow(
    ['campaign', 'treated', 'control', 'difference', 'pValue', 'verdict', 'profit'].map((c) =>
      t(`reports.col.${c}`),
    ),
  ).font = {
    bold: true,
  }
  for (const c of report.campaigns)
    campaigns.addRow([
      c.name,
      c.uplift?.treatment.rate ?? null,
      c.uplift?.control.rate ?? null,
      c.uplift?.difference ?? null,
      c.uplift?.pValue ?? null,
      c.uplift ? t(`campaigns.results.verdict.${c.uplift.verdict}`) : null,
      c.profitCents / 100,
    ])
  for (const col of [2, 3, 4]) campaigns.getColumn(col).numFmt = '0.0 %'
  campaigns.getColumn(7).numFmt = '#,##0.00 [$€-407]'
  for (const sheet of [rates, months, campaigns]) {
    sheet.views = [{ state: 'frozen', ySplit: 1 }]
    sheet.columns.forEach((column) => {
      column.width = 18
    })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
