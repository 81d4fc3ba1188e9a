import { isUtf8 } from 'node:buffer'
import iconv from 'iconv-lite'
import { bytesFrom, type FileBytes, firstBytes, lineBlocks, sizeOf } from './file-bytes'

export const textEncodings = ['auto', 'utf-8', 'windows-1252', 'iso-8859-1', 'utf-16le'] as const
export type TextEncoding = (typeof textEncodings)[number]

export interface DecodedText {
  text: string
  /** what was found: utf-8, utf-8 with BOM, utf-16le or windows-1252 (which covers ISO-8859-1) */
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1252' | 'iso-8859-1'
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Decodes a CSV file's bytes. With `auto`: a UTF-8 or UTF-16 byte-order mark decides; otherwise the
 * bytes are UTF-8 when they are valid UTF-8, else Windows-1252 (a superset of ISO-8859-1's printable
 * characters, and what Excel writes on German Windows). iconv-lite does the legacy decoding because
 * Node 20's TextDecoder maps some Windows-1252 bytes wrongly.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding = 'auto'): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (encoding === 'windows-1252' || encoding === 'iso-8859-1') {
    return { text: iconv.decode(buffer, encoding === 'iso-8859-1' ? 'latin1' : 'win1252'), encoding }
  }
  if (encoding === 'utf-16le' || (encoding === 'auto' && buffer[0] === 0xff && buffer[1] === 0xfe)) {
    return { text: iconv.decode(buffer, 'utf16le', { stripBOM: true }), encoding: 'utf-16le' }
  }
  const hasBom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf
  const body = hasBom ? buffer.subarray(3) : buffer
  if (encoding === 'utf-8') return { text: body.toString('utf8'), encoding: hasBom ? 'utf-8-bom' : 'utf-8' }
  try {
    return { text: utf8.decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8' }
  } catch {
    return { text: decodeWindows1252(buffer), encoding: 'windows-1252' }
  }
}

/**
 * Windows-1252 and ISO-8859-1 differ only in bytes 0x80–0x9F (€, „, “, – …). Without those bytes
 * Node's native latin1 decoding gives the same text many times faster; with them iconv-lite decodes.
 */
function decodeWindows1252(buffer: Buffer): string {
  const text = buffer.toString('latin1')
  return WINDOWS_1252_ONLY.test(text) ? iconv.decode(buffer, 'win1252') : text
}

/** The characters where Windows-1252 and ISO-8859-1 (Node's latin1) differ. */
const WINDOWS_1252_ONLY = /[\x80-\x9f]/

/** A block of whole lines of a file, and how far into the file (bytes) it ends. */
export interface TextBlock {
  text: string
  end: number
}

/**
 * A file decoded piece by piece: a large file's first rows can be read while the rest is still
 * bytes. Where a character may span two bytes that could hold a line break (UTF-16) the whole
 * text is decoded at once; the result is the same text as `decodeText` gives.
 */
export interface DecodedFile {
  encoding: DecodedText['encoding']
  /** the start of the text (whole lines): enough to sniff the delimiter and recognise the format */
  head: string
  /** whether the text holds a double quote anywhere */
  hasQuote: boolean
  /** the file's size in bytes (for progress) */
  length: number
  /** the whole text */
  text(): string
  /** the text in blocks of whole lines of about `blockBytes`, each decoded as it is reached */
  blocks(blockBytes: number): Iterable<TextBlock>
}

const HEAD_BYTES = 64 * 1024
const QUOTE = 0x22
/** Bytes checked at a time for UTF-8 and quotes when the file is on disk. */
const SCAN_BYTES = 1024 * 1024

/**
 * Decodes a file block by block, in memory or from disk (`FileOnDisk`: then only a block or two
 * are ever held, and the text as a whole only where a format needs it: CDNOW's whitespace text).
 */
export function decodeFile(bytes: FileBytes, encoding: TextEncoding = 'auto'): DecodedFile {
  const start = firstBytes(bytes, 3)
  const length = sizeOf(bytes)
  if (encoding === 'utf-16le' || (encoding === 'auto' && start[0] === 0xff && start[1] === 0xfe))
    return wholeText(decodeText(bytesFrom(bytes, 0), encoding), length)
  const hasBom =
    (encoding === 'auto' || encoding === 'utf-8') &&
    start[0] === 0xef &&
    start[1] === 0xbb &&
    start[2] === 0xbf
  const from = hasBom ? 3 : 0
  const scanned = scan(bytes, from, encoding === 'auto')
  let found: DecodedText['encoding']
  let decode: (part: Buffer) => string
  if (encoding === 'iso-8859-1') {
    found = 'iso-8859-1'
    decode = (part) => iconv.decode(part, 'latin1')
  } else if (encoding === 'windows-1252' || (encoding === 'auto' && !scanned.utf8)) {
    found = 'windows-1252'
    decode = decodeWindows1252
  } else {
    found = hasBom ? 'utf-8-bom' : 'utf-8'
    decode = (part) => part.toString('utf8')
  }
  // a block ends after a line break: in UTF-8 and one-byte encodings byte 0x0A is nothing else
  const blocks = function* (blockBytes: number): Iterable<TextBlock> {
    for (const block of lineBlocks(bytes, from, blockBytes))
      yield { text: decode(block.bytes), end: block.end }
  }
  let head = ''
  // the first block only (leaving the loop closes a file on disk)
  for (const block of lineBlocks(bytes, from, HEAD_BYTES)) {
    head = decode(block.bytes)
    break
  }
  return {
    encoding: found,
    head,
    hasQuote: scanned.hasQuote,
    length,
    text: () => decode(bytesFrom(bytes, from)),
    blocks,
  }
}

/**
 * One pass over the bytes: whether they hold a double quote and, if asked, whether they are valid
 * UTF-8. Blocks end after a line break, which no UTF-8 sequence spans, so block by block gives the
 * answer for the whole.
 */
function scan(bytes: FileBytes, from: number, checkUtf8: boolean): { utf8: boolean; hasQuote: boolean } {
  let utf8 = checkUtf8
  let hasQuote = false
  for (const { bytes: block } of lineBlocks(bytes, from, SCAN_BYTES)) {
    if (utf8 && !isUtf8(block)) utf8 = false
    if (!hasQuote && block.indexOf(QUOTE) !== -1) hasQuote = true
    if (hasQuote && !utf8) break
  }
  return { utf8, hasQuote }
}

/** A text decoded whole, handed out in blocks of lines all the same. */
function wholeText(decoded: DecodedText, length: number): DecodedFile {
  const { text } = decoded
  return {
    encoding: decoded.encoding,
    head: text.slice(0, HEAD_BYTES),
    hasQuote: text.includes('"'),
    length,
    text: () => text,
    blocks: function* (blockChars: number) {
      let start = 0
      while (start < text.length) {
        const next = start + blockChars >= text.length ? -1 : text.indexOf('\n', start + blockChars)
        const end = next === -1 ? text.length : next + 1
        yield { text: text.slice(start, end), end: Math.round((end / text.length) * length) }
        start = end
      }
    },
  }
}
