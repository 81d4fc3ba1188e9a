import ExcelJS from 'exceljs'
import type { CauseOverview } from '../../../shared/api/churn'
import { csvDecimal, type Locale } from '../../../shared/i18n/format'
import { createTranslator } from '../../../shared/i18n/index'
import { toCsv } from '../../lib/csv'

function table(overview: CauseOverview, locale: Locale, forExcel: boolean) {
  const { t } = createTranslator(locale)
  const money = (cents: number) => (forExcel ? cents / 100 : csvDecimal(cents, locale))
  const percent = (share: number) => (forExcel ? share : csvDecimal(Math.round(share * 10_000), locale))
  return {
    headers: [
      'reason',
      'kind',
      'lostCustomers',
      'lostAnnualRevenue',
      'share',
      'cumulativeShare',
      'remediationCost',
      'cameBack',
      'wonBack',
      'winbackProfit',
    ].map((c) => t(`churn.col.${c}`)),
    rows: overview.rows.map((r) => [
      r.reason.name[locale],
      t(`churn.kind.${r.reason.kind}`),
      r.lostCustomers,
      money(r.lostAnnualRevenueCents),
      percent(r.share),
      percent(r.cumulativeShare),
      money(r.remediationCostCents),
      r.cameBack,
      r.wonBack,
      money(r.winbackProfitCents),
    ]),
  }
}

/** The cause overview as German CSV (semicolon, decimal comma; shares in percent) or English. */
export function causeOverviewCsv(overview: CauseOverview, locale: Locale): string {
  const { headers, rows } = table(overview, locale, false)
  return toCsv(headers, rows, locale === 'de' ? ';' : ',')
}

export async function causeOverviewXlsx(overview: CauseOverview, locale: Locale): Promise<Buffer> {
  const { headers, rows } = table(overview, locale, true)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'winback'
  const sheet = workbook.addWorksheet(locale === 'de' ? 'Verlustursachen' : 'Churn reasons')
  sheet.addRow(headers).font = { bold: true }
  for (const row of rows) sheet.addRow(row)
  for (const col of [4, 7, 10]) sheet.getColumn(col).numFmt = '#,##0.00 [$€-407]'
  for (const col of [5, 6]) sheet.getColumn(col).numFmt = '0.0 %'
  sheet.columns.forEach((column, i) => {
    column.width = [40, 16, 14, 20, 10, 12, 18, 12, 14, 18][i] ?? 14
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
