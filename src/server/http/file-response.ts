import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from './app-env'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The OpenAPI response of an export that is CSV or Excel. */
export const spreadsheetResponse = {
  description: 'The file',
  content: { 'text/csv': { schema: z.string() }, [XLSX]: { schema: z.string() } },
} as const

/** Sends an export as a download named `name.csv` or `name.xlsx`. */
export function sendSpreadsheet(c: Context<AppEnv>, name: string, file: string | Buffer) {
  if (typeof file === 'string') {
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="${name}.csv"`)
    return c.body(file, 200)
  }
  c.header('Content-Type', XLSX)
  c.header('Content-Disposition', `attachment; filename="${name}.xlsx"`)
  return c.body(new Uint8Array(file), 200)
}
