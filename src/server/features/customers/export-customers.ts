import ExcelJS from 'exceljs'
import type { CustomerListQuery } from '../../../shared/api/customers'
import { describeRule } from '../../../shared/i18n/describe'
import { csvDecimal, formatDate, type Locale } from '../../../shared/i18n/format'
import { createTranslator } from '../../../shared/i18n/index'
import type { Db } from '../../db/database'
import { toCsv } from '../../lib/csv'
import type { CustomerScope } from './customer-scope'
import { listCustomers } from './list-customers'

/** More rows than this are not exported in one file. */
export const EXPORT_LIMIT = 200_000

interface ExportTable {
  headers: string[]
  rows: (string | number | null)[][]
}

/** The filtered customer list as a table for export, in the reader's language. */
async function exportTable(
  db: Db,
  scope: CustomerScope,
  query: CustomerListQuery,
  locale: Locale,
  forExcel: boolean,
): Promise<ExportTable> {
  const { t } = createTranslator(locale)
  const list = await listCustomers({ db, scope, query: { ...query, page: 1, pageSize: EXPORT_LIMIT } })
  const cols = [
    'customerNumber',
    'name',
    'type',
    'segment',
    'city',
    'owner',
    'status',
    'reason',
    'lastPurchase',
    'purchases',
    'revenue12m',
    'annualRevenue',
  ]
  const money = (cents: number) => (forExcel ? cents / 100 : csvDecimal(cents, locale))
  return {
    headers: cols.map((c) => t(`customers.col.${c}`)),
    rows: list.items.map((c) => [
      c.customerNumber,
      c.displayName,
      t(`customerType.${c.type}`),
      c.segment,
      c.city,
      c.ownerName,
      c.status ? t(`status.${c.status}`) : '',
      c.rule ? describeRule(t, c.rule, c.ruleParams ?? {}, locale) : '',
      forExcel ? c.lastPurchase : formatDate(c.lastPurchase, locale),
      c.purchaseCount,
      money(c.revenue12mCents),
      money(c.annualRevenueCents),
    ]),
  }
}

/** German CSV: semicolon, decimal comma, dd.mm.yyyy, UTF-8 with BOM so Excel shows umlauts. English: comma and point. */
export async function exportCustomersCsv(options: {
  db: Db
  scope: CustomerScope
  query: CustomerListQuery
  locale: Locale
}): Promise<string> {
  const table = await exportTable(options.db, options.scope, options.query, options.locale, false)
  const delimiter = options.locale === 'de' ? ';' : ','
  return toCsv(table.headers, table.rows, delimiter)
}

export async function exportCustomersXlsx(options: {
  db: Db
  scope: CustomerScope
  query: CustomerListQuery
  locale: Locale
}): Promise<Buffer> {
  const table = await exportTable(options.db, options.scope, options.query, options.locale, true)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'winback'
  const sheet = workbook.addWorksheet(options.locale === 'de' ? 'Kunden' : 'Customers')
  sheet.addRow(table.headers).font = { bold: true }
  for (const row of table.rows) {
    sheet.addRow(row.map((v, i) => (i === 8 && typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v)))
  }
  sheet.getColumn(9).numFmt = options.locale === 'de' ? 'dd.mm.yyyy' : 'dd/mm/yyyy'
  for (const col of [11, 12]) sheet.getColumn(col).numFmt = '#,##0.00 [$€-407]'
  sheet.columns.forEach((column, i) => {
    column.width = [12, 32, 10, 16, 16, 18, 14, 60, 12, 8, 16, 16][i] ?? 14
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
