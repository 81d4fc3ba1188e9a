import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeFile, decodeText } from '../../lib/decode'
import { looksWhitespaceSeparated, sniffDelimiter } from '../../lib/sniff'
import { guessMapping, normalizeHeader } from './guess-mapping'
import { detectSlashOrder, parseDate } from './parse-date'
import { isNonPurchaseStatus, normalizeCountry, parseCustomerType, parseKind } from './values'

describe('parseDate', () => {
  it.each([
    ['31.12.2024', '2024-12-31'],
    ['1.2.2024', '2024-02-01'],
    ['05.03.24', '2024-03-05'],
    ['05.03.97', '1997-03-05'],
    ['05.03.2024 14:22', '2024-03-05'],
    ['2024-03-05', '2024-03-05'],
    ['2024-03-05 14:22:10 +0100', '2024-03-05'],
    ['2024-03-05T23:59:59Z', '2024-03-05'],
    ['19970101', '1997-01-01'],
    ['2024/03/05', '2024-03-05'],
    ['29.02.2024', '2024-02-29'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso)
  })

  it.each([['31.02.2024'], ['29.02.2023'], ['2024-13-01'], ['yesterday'], [''], ['12.2024'], ['00.01.2024']])(
    'rejects %j',
    (text) => {
      expect(parseDate(text)).toBeUndefined()
    },
  )

  it('reads slashed dates day first or month first, detected from the column', () => {
    expect(parseDate('03/05/2024', 'dmy')).toBe('2024-05-03')
    expect(parseDate('03/05/2024', 'mdy')).toBe('2024-03-05')
    expect(detectSlashOrder(['03/05/2024', '12/25/2024'])).toBe('mdy')
    expect(detectSlashOrder(['25/12/2024'])).toBe('dmy')
    expect(detectSlashOrder(['01/02/2024'], 'dmy')).toBe('dmy')
  })
})

describe('decodeText', () => {
  const german = 'Kundennummer;Firma;Straße\nK1;Müller & Söhne GmbH;Große Straße 5 – Hof\n'
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeText(Buffer.from(german, 'utf8'))).toEqual({ text: german, encoding: 'utf-8' })
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(german, 'utf8')])
    expect(decodeText(bom)).toEqual({ text: german, encoding: 'utf-8-bom' })
  })

  it('falls back to Windows-1252, including the characters Node 20 gets wrong (€, –, „“)', () => {
    const text = 'Firma;Betrag\nBäckerei „Süß“ – Groß;12,50 €\n'
    const bytes = iconv.encode(text, 'win1252')
    expect(decodeText(bytes)).toEqual({ text, encoding: 'windows-1252' })
  })

  it('reads ISO-8859-1 (a subset of Windows-1252 for printable text)', () => {
    const text = 'Ort\nMünchen\nKöln\n'
    expect(decodeText(iconv.encode(text, 'latin1')).text).toBe(text)
  })

  it('reads UTF-16 with BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(german, 'utf16le')])
    expect(decodeText(bytes)).toEqual({ text: german, encoding: 'utf-16le' })
  })
})

describe('decodeFile (decoded block by block)', () => {
  const lines = Array.from({ length: 3000 }, (_, i) => `K${i};Bäckerei „Süß“ – Groß ${i};12,50 €\r\n`)
  const text = `Kunde;Firma;Betrag\r\n${lines.join('')}`
  const joined = (bytes: Uint8Array, blockBytes: number) =>
    [...decodeFile(bytes).blocks(blockBytes)].map((b) => b.text).join('')

  it('gives the same text as decodeText, in blocks of whole lines, for every encoding', () => {
    const encodings: [Uint8Array, string][] = [
      [Buffer.from(text, 'utf8'), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8-bom'],
      [iconv.encode(text, 'win1252'), 'windows-1252'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]), 'utf-16le'],
    ]
    for (const [bytes, encoding] of encodings) {
      const file = decodeFile(bytes)
      expect(file.encoding).toBe(encoding)
      expect(file.text()).toBe(decodeText(bytes).text)
      for (const size of [1, 100, 4096, 1 << 20]) expect(joined(bytes, size)).toBe(decodeText(bytes).text)
      const blocks = [...file.blocks(4096)]
      expect(blocks.length).toBeGreaterThan(10)
      for (const block of blocks.slice(0, -1)) expect(block.text.endsWith('\r\n')).toBe(true)
      expect(blocks.at(-1)!.end).toBe(bytes.byteLength)
      expect(file.head.length).toBeLessThan(text.length)
      expect(text.startsWith(file.head)).toBe(true)
    }
  })

  it('decides the encoding on the whole file: one Windows-1252 byte at the end makes it Windows-1252', () => {
    const bytes = Buffer.concat([Buffer.from(text, 'utf8'), iconv.encode('K9;Süß;1\r\n', 'win1252')])
    expect(decodeFile(bytes).encoding).toBe('windows-1252')
    expect(joined(bytes, 4096)).toBe(decodeText(bytes).text)
  })

  it('knows whether the file holds a quote, and reads a file read into shared memory', () => {
    expect(decodeFile(Buffer.from(text)).hasQuote).toBe(false)
    expect(decodeFile(Buffer.from(`${text}K1;"A; B";1\r\n`)).hasQuote).toBe(true)
    const plain = iconv.encode(text, 'win1252')
    const shared = new Uint8Array(new SharedArrayBuffer(plain.byteLength))
    shared.set(plain)
    expect(decodeFile(shared).text()).toBe(text)
  })
})

describe('sniffDelimiter', () => {
  it('finds semicolon, comma, tab and pipe, ignoring delimiters inside quotes', () => {
    expect(sniffDelimiter('a;b;c\n1;2,5;3\n4;5,5;6\n')).toBe(';')
    expect(sniffDelimiter('a,b,c\n1,"2;5",3\n')).toBe(',')
    expect(sniffDelimiter('a\tb\tc\n1\t2,5\t3\n')).toBe('\t')
    expect(sniffDelimiter('a|b\n1|2\n')).toBe('|')
    expect(sniffDelimiter('"Firma; GmbH",Betrag\n"X; Y",1\n')).toBe(',')
  })

  it('recognises whitespace-aligned files', () => {
    expect(looksWhitespaceSeparated(' 00001 19970101  1   11.77\n 00002 19970112  1   12.00\n')).toBe(true)
    expect(looksWhitespaceSeparated('a;b;c\n1;2;3\n')).toBe(false)
  })
})

describe('guessMapping', () => {
  it('maps German headers', () => {
    const headers = [
      'Kd.-Nr.',
      'Firma',
      'Rechnungsnr.',
      'Rechnungsdatum',
      'Belegart',
      'Netto',
      'Brutto',
      'Deckungsbeitrag',
      'PLZ',
      'Ort',
      'E-Mail',
      'Branche',
      'Außendienst',
    ]
    const { mapping, unmapped } = guessMapping(headers, 'orders')
    expect(mapping).toMatchObject({
      customerNumber: 0,
      companyName: 1,
      documentNumber: 2,
      date: 3,
      kind: 4,
      netAmount: 5,
      grossAmount: 6,
      margin: 7,
      postalCode: 8,
      city: 9,
      email: 10,
      segment: 11,
      owner: 12,
    })
    expect(unmapped).toEqual([])
  })

  it('maps English headers and leaves unknown ones unmapped', () => {
    const { mapping, unmapped } = guessMapping(
      ['Customer ID', 'Invoice No', 'Invoice Date', 'Net Amount', 'Colour'],
      'orders',
    )
    expect(mapping).toEqual({ customerNumber: 0, documentNumber: 1, date: 2, netAmount: 3 })
    expect(unmapped).toEqual(['Colour'])
  })

  it('prefers the better synonym: "Netto" over "Betrag"', () => {
    expect(guessMapping(['Betrag', 'Netto', 'Kundennummer', 'Datum'], 'orders').mapping.netAmount).toBe(1)
  })

  it('normalises umlauts and punctuation', () => {
    expect(normalizeHeader('Straße / Hausnr.')).toBe('strassehausnr')
  })
})

describe('value words', () => {
  it('reads document kinds in German and English', () => {
    expect(parseKind('Rechnung')).toBe('invoice')
    expect(parseKind('Gutschrift')).toBe('credit_note')
    expect(parseKind('Credit Note')).toBe('credit_note')
    expect(parseKind('Storno')).toBe('cancellation')
    expect(parseKind('Auftrag')).toBe('order')
    expect(parseKind('Lieferschein')).toBeUndefined()
  })

  it('knows which statuses are no purchase', () => {
    expect(isNonPurchaseStatus('storniert')).toBe(true)
    expect(isNonPurchaseStatus('cancelled')).toBe(true)
    expect(isNonPurchaseStatus('voided')).toBe(true)
    expect(isNonPurchaseStatus('refunded')).toBe(true)
    expect(isNonPurchaseStatus('partially_refunded')).toBe(false)
    expect(isNonPurchaseStatus('bezahlt')).toBe(false)
    expect(isNonPurchaseStatus(null)).toBe(false)
  })

  it('reads customer types and countries', () => {
    expect(parseCustomerType('B2B')).toBe('business')
    expect(parseCustomerType('Privatkunde')).toBe('consumer')
    expect(parseCustomerType('?')).toBeUndefined()
    expect(normalizeCountry('Deutschland')).toBe('DE')
    expect(normalizeCountry('at')).toBe('AT')
    expect(normalizeCountry('Österreich')).toBe('AT')
    expect(normalizeCountry('Atlantis')).toBe('Atlantis')
  })
})
