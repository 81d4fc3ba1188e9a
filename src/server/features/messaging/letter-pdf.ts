import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import type { CompanyProfile } from '../../../shared/api/messaging'
import { formatDate } from '../../../shared/i18n/format'

const require = createRequire(import.meta.url)
/** DejaVu prints every Latin, Polish and Turkish letter (ł, ş, ğ, İ) that the built-in PDF fonts cannot. */
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')

/** Millimetres in PDF points. */
const mm = (v: number) => (v * 72) / 25.4

/**
 * DIN 5008 form B on A4 (210 × 297 mm): the positions a window envelope (DL, C6/5) and a folding
 * machine expect.
 */
export const din5008 = Object.freeze({
  pageWidth: 210,
  pageHeight: 297,
  /** the address field: 85 × 45 mm from 20 mm left, 45 mm down; the window of a DL envelope */
  addressField: { left: 20, top: 45, width: 85, height: 45 },
  /** its first 17.7 mm are the return address and notes, the 27.3 mm below the address itself */
  noteZoneHeight: 17.7,
  /** text inside the field starts 5 mm in */
  addressIndent: 5,
  infoBlock: { left: 125, top: 50, width: 75 },
  textLeft: 25,
  textRight: 20,
  subjectTop: 98.5,
  foldMarks: [105, 210],
  holeMark: 148.5,
  footerTop: 272,
})

export interface LetterRecipient {
  /** the address lines, at most six: company, person, street, postal code and city, country */
  addressLines: string[]
  customerNumber: string
}

export interface LetterContent {
  recipient: LetterRecipient
  date: string
  subject: string
  /** the body: paragraphs separated by empty lines */
  body: string
  sender: { name: string; phone: string | null; email: string | null }
  /** the personal link to the "why did you leave?" page, printed with a QR code; null: none */
  surveyUrl: string | null
}

/**
 * Letters in DIN 5008 form B as one print-ready PDF (a Serienbrief: one letter after the other, each
 * starting on a new page): letterhead, return address line and address in the window, information
 * block, fold and hole marks, footer with register, VAT id and bank, page numbers on letters of more
 * than one page. The font is embedded.
 */
export async function lettersPdf(
  company: CompanyProfile,
  letters: readonly LetterContent[],
  locale: 'de' | 'en',
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    bufferPages: true,
    margins: {
      top: mm(20),
      bottom: mm(297 - din5008.footerTop + 5),
      left: mm(din5008.textLeft),
      right: mm(din5008.textRight),
    },
    info: { Title: `${company.name} – ${locale === 'de' ? 'Briefe' : 'Letters'}`, Author: company.name },
  })
  doc.registerFont('text', FONT)
  doc.registerFont('bold', FONT_BOLD)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const labels =
    locale === 'de'
      ? {
          customer: 'Kundennummer',
          contact: 'Ihr Ansprechpartner',
          phone: 'Telefon',
          email: 'E-Mail',
          date: 'Datum',
          page: 'Seite',
          of: 'von',
          survey:
            'Warum haben Sie zuletzt nicht mehr bei uns bestellt? Sagen Sie es uns in zwei Minuten – mit dem QR-Code oder unter:',
        }
      : {
          customer: 'Customer no.',
          contact: 'Your contact',
          phone: 'Phone',
          email: 'E-mail',
          date: 'Date',
          page: 'Page',
          of: 'of',
          survey: 'Why did you stop ordering from us? Tell us in two minutes – with the QR code or at:',
        }
  const width = mm(din5008.pageWidth - din5008.textLeft - din5008.textRight)
  const returnLine = [
    company.name,
    company.street,
    [company.postalCode, company.city].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join(' · ')
  const footerColumns = [
    [company.name, company.street, [company.postalCode, company.city].filter(Boolean).join(' ')],
    [company.phone, company.email, company.website],
    [
      company.managingDirectors
        ? `${locale === 'de' ? 'Geschäftsführung' : 'Managing directors'}: ${company.managingDirectors}`
        : '',
      company.register,
      company.vatId ? `USt-IdNr. ${company.vatId}` : '',
    ],
    [company.bankName, company.iban ? `IBAN ${company.iban}` : '', company.bic ? `BIC ${company.bic}` : ''],
  ].map((lines) => lines.filter(Boolean).join('\n'))

  /** One line that never wraps: a smaller font down to 6 pt, then cut with an ellipsis. */
  const fitLine = (text: string, x: number, y: number, maxWidth: number, size: number) => {
    let fontSize = size
    doc.fontSize(fontSize)
    while (fontSize > 6 && doc.widthOfString(text) > maxWidth) {
      fontSize -= 0.5
      doc.fontSize(fontSize)
    }
    let shown = text
    while (shown.length > 1 && doc.widthOfString(shown) > maxWidth) shown = `${shown.slice(0, -2)}…`
    doc.text(shown, x, y, { lineBreak: false })
  }

  /** Writes below the body's bottom margin without pdfkit starting a new page for it. */
  const outsideMargins = (draw: () => void) => {
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    draw()
    doc.page.margins.bottom = bottom
  }

  const decoratePage = () =>
    outsideMargins(() => {
      // fold marks (105 and 210 mm) and the hole mark (148.5 mm) at the left edge
      doc.save().lineWidth(0.5).strokeColor('#888')
      for (const y of din5008.foldMarks) doc.moveTo(mm(3), mm(y)).lineTo(mm(8), mm(y)).stroke()
      doc.moveTo(mm(3), mm(din5008.holeMark)).lineTo(mm(10), mm(din5008.holeMark)).stroke()
      doc.restore()
      // footer: four columns under a thin rule
      const top = mm(din5008.footerTop)
      doc
        .save()
        .lineWidth(0.3)
        .strokeColor('#aaa')
        .moveTo(mm(din5008.textLeft), top - mm(2))
        .lineTo(mm(din5008.pageWidth - din5008.textRight), top - mm(2))
        .stroke()
        .restore()
      const column = width / footerColumns.length
      doc.font('text').fillColor('#555')
      footerColumns.forEach((text, i) => {
        text.split('\n').forEach((line, l) => {
          fitLine(line, mm(din5008.textLeft) + i * column, top + l * mm(2.9), column - mm(2), 6.5)
        })
      })
      doc.fillColor('black')
    })

  const pageRanges: { first: number; count: number }[] = []
  for (const letter of letters) {
    const first = doc.bufferedPageRange().count
    doc.addPage()
    decoratePage()
    // letterhead
    doc.font('bold').fontSize(16).text(company.name, mm(din5008.textLeft), mm(18), { width })
    // return address line, small, at the top of the note zone, inside the window
    const field = din5008.addressField
    const x = mm(field.left + din5008.addressIndent)
    const fieldWidth = mm(field.width - din5008.addressIndent - 2)
    doc.font('text').fillColor('#444')
    fitLine(returnLine, x, mm(field.top + 3), fieldWidth, 7)
    doc
      .save()
      .lineWidth(0.3)
      .strokeColor('#888')
      .moveTo(x, mm(field.top + 6.5))
      .lineTo(mm(field.left + field.width - 2), mm(field.top + 6.5))
      .stroke()
      .restore()
    // the address in the address zone (below the 17.7 mm note zone), at most six lines of 10 pt
    doc.fillColor('black')
    let y = mm(field.top + din5008.noteZoneHeight + 1)
    for (const line of letter.recipient.addressLines.slice(0, 6)) {
      fitLine(line, x, y, fieldWidth, 10)
      y += mm(4.2)
    }
    // information block
    const info = din5008.infoBlock
    const rows: [string, string][] = [
      [labels.customer, letter.recipient.customerNumber],
      [labels.contact, letter.sender.name],
      ...(letter.sender.phone ? [[labels.phone, letter.sender.phone] as [string, string]] : []),
      ...(letter.sender.email ? [[labels.email, letter.sender.email] as [string, string]] : []),
      [labels.date, formatDate(letter.date, locale)],
    ]
    let iy = mm(info.top)
    for (const [label, value] of rows) {
      doc.fillColor('#555')
      fitLine(label, mm(info.left), iy, mm(29), 8)
      doc.fillColor('black')
      fitLine(value, mm(info.left + 30), iy, mm(info.width - 30 - 5), 8)
      iy += mm(4.2)
    }
    // subject and body
    doc
      .font('bold')
      .fontSize(11)
      .text(letter.subject, mm(din5008.textLeft), mm(din5008.subjectTop), { width })
    doc.moveDown(1.5)
    doc.font('text').fontSize(11)
    for (const paragraph of letter.body.split(/\n{2,}/)) {
      doc.text(paragraph.trim(), { width, lineGap: 2 })
      doc.moveDown(0.8)
    }
    if (letter.surveyUrl) {
      // the survey: a sentence, the link, and a QR code a phone can open
      const qr = await QRCode.toBuffer(letter.surveyUrl, { type: 'png', margin: 1, width: 240 })
      const size = mm(24)
      if (doc.y + size > doc.page.height - doc.page.margins.bottom) doc.addPage()
      const top = doc.y
      doc.image(qr, mm(din5008.pageWidth - din5008.textRight) - size, top, { width: size })
      doc.fontSize(9).text(labels.survey, mm(din5008.textLeft), top, { width: width - size - mm(5) })
      doc.fillColor('#0b7285').text(letter.surveyUrl, { width: width - size - mm(5), link: letter.surveyUrl })
      doc.fillColor('black')
      doc.y = Math.max(doc.y, top + size)
    }
    // later pages of the same letter carry the marks and the footer too
    const count = doc.bufferedPageRange().count - first
    for (let p = first + 1; p < first + count; p++) {
      doc.switchToPage(p)
      decoratePage()
    }
    pageRanges.push({ first, count })
  }
  // page numbers on letters of more than one page, right-aligned above the footer
  for (const range of pageRanges) {
    if (range.count < 2) continue
    for (let p = 0; p < range.count; p++) {
      doc.switchToPage(range.first + p)
      const label = `${labels.page} ${p + 1} ${labels.of} ${range.count}`
      outsideMargins(() => {
        doc.font('text').fontSize(8).fillColor('#555')
        const right = mm(din5008.pageWidth - din5008.textRight)
        fitLine(label, right - doc.widthOfString(label), mm(din5008.footerTop - 7), width, 8)
      })
    }
  }
  doc.end()
  return done
}
