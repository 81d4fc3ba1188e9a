/**
 * A purchase ledger's events as stored bytes (purchase_ledgers.events): the days as 32-bit integers,
 * then the net cents as 64-bit floats (whole cents, exact far beyond any turnover), little-endian.
 * Twelve bytes an event: a million customers' ledgers are read back in a second or two, where
 * building them again meant reading ten million documents.
 */
const DAY_BYTES = 4
const EVENT_BYTES = DAY_BYTES + 8

export function encodeLedgerEvents(events: readonly { day: number; netCents: number }[]): Uint8Array {
  const n = events.length
  const bytes = new Uint8Array(n * EVENT_BYTES)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < n; i++) {
    const e = events[i]!
    view.setInt32(i * DAY_BYTES, e.day, true)
    view.setFloat64(n * DAY_BYTES + i * 8, e.netCents, true)
  }
  return bytes
}

/** Hands each stored event to `each` in order; throws on bytes that are not a whole number of events. */
export function decodeLedgerEvents(bytes: Uint8Array, each: (day: number, netCents: number) => void): void {
  if (bytes.byteLength % EVENT_BYTES !== 0)
    throw new Error(`a stored purchase ledger of ${bytes.byteLength} bytes is not a whole number of events`)
  const n = bytes.byteLength / EVENT_BYTES
  // a driver's buffer may be a slice of a larger one
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let i = 0; i < n; i++)
    each(view.getInt32(i * DAY_BYTES, true), view.getFloat64(n * DAY_BYTES + i * 8, true))
}
