import PDFDocument from 'pdfkit'
import type { Locale } from '../../../shared/i18n/format'
import { formatDate } from '../../../shared/i18n/format'
import { createTranslator } from '../../../shared/i18n/index'
import { personalDataRegistry } from '../../db/personal-data-registry'
import type { PersonData } from './data-protection'

type Row = Record<string, unknown>

/** Columns that say nothing to the person (internal keys, search helpers). */
const HIDDEN = new Set(['search_text', 'customer_id', 'import_run_id', 'decision'])

function text(value: unknown, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '–'
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, locale)
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value))
    return `${formatDate(value.slice(0, 10), locale)} ${value.slice(11, 16)}`
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/**
 * The access export (Art. 15 GDPR) as a PDF a person can read: one section per kind of data, every
 * stored field with its value, in the reader's language. The JSON export carries the same content.
 */
export async function personDataPdf(data: PersonData, locale: Locale): Promise<Buffer> {
  const { t } = createTranslator(locale)
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: t('dataProtection.pdf.title') } })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const customer = data.customer
  doc.font('Helvetica-Bold').fontSize(16).text(t('dataProtection.pdf.title'))
  doc.moveDown(0.3)
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(t('dataProtection.pdf.subject', { number: text(customer.customer_number, locale) }))
    .text(t('dataProtection.pdf.exportedAt', { at: text(data.exportedAt, locale) }))
  doc.moveDown(0.5)
  doc.fontSize(9).fillColor('#444').text(t('dataProtection.pdf.intro'))
  doc.fillColor('black')

  const section = (title: string, rows: Row[]) => {
    doc.moveDown(0.8)
    doc.font('Helvetica-Bold').fontSize(12).text(`${title} (${rows.length})`)
    doc.font('Helvetica').fontSize(9)
    if (rows.length === 0) {
      doc.text(t('dataProtection.pdf.none'))
      return
    }
    rows.forEach((row, i) => {
      if (rows.length > 1)
        doc
          .moveDown(0.3)
          .font('Helvetica-Oblique')
          .text(`#${i + 1}`)
          .font('Helvetica')
      for (const [key, value] of Object.entries(row)) {
        if (HIDDEN.has(key)) continue
        doc
          .font('Helvetica-Bold')
          .text(`${key}: `, { continued: true })
          .font('Helvetica')
          .text(text(value, locale))
      }
    })
  }

  section(t('dataProtection.pdf.customer'), [customer])
  for (const d of personalDataRegistry.filter((x) => x.exported !== false)) {
    const value = data[d.section] as Row | Row[] | null
    const rows = value === null ? [] : Array.isArray(value) ? value : [value]
    section(
      t(`dataProtection.pdf.${d.section}`),
      d.section === 'contactDecisions'
        ? rows.map((r) => ({ ...r, reasons: summariseDecision(r.decision) }))
        : rows,
    )
  }
  section(t('dataProtection.pdf.auditLog'), data.auditLog)
  doc.end()
  return done
}

function summariseDecision(decision: unknown): string {
  const d = decision as {
    blockers?: { code: string }[]
    basis?: { norm?: { citation?: string } } | null
  } | null
  if (!d) return ''
  const blockers = (d.blockers ?? []).map((b) => b.code).join(', ')
  return [d.basis?.norm?.citation, blockers].filter(Boolean).join(' · ')
}
