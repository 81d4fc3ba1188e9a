import { createRequire } from 'node:module'
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

const require = createRequire(import.meta.url)
GlobalWorkerOptions.workerSrc = require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')

export interface PdfTextItem {
  page: number
  text: string
  /** from the left edge, in mm */
  x: number
  /** from the top edge to the baseline, in mm */
  y: number
}

const PT_TO_MM = 25.4 / 72

/** Every piece of text a PDF prints, with where on its page (a text extractor, as a reader would use). */
export async function pdfText(pdf: Buffer): Promise<{ pages: number; items: PdfTextItem[] }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false })
    .promise
  const items: PdfTextItem[] = []
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p)
    const height = page.getViewport({ scale: 1 }).height
    const content = await page.getTextContent()
    for (const item of content.items)
      if ('str' in item && item.str.trim() !== '')
        items.push({
          page: p,
          text: item.str,
          x: item.transform[4] * PT_TO_MM,
          y: (height - item.transform[5]) * PT_TO_MM,
        })
  }
  const pages = doc.numPages
  await doc.destroy()
  return { pages, items }
}
