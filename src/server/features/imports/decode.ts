import iconv from 'iconv-lite'

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
  for (let i = 0; i < buffer.length; i++) {
    const b = buffer[i]!
    if (b >= 0x80 && b <= 0x9f) return iconv.decode(buffer, 'win1252')
  }
  return buffer.toString('latin1')
}
