import { describe, expect, it } from 'vitest'
import { decodeLedgerEvents, encodeLedgerEvents } from './ledger-bytes'

function decoded(bytes: Uint8Array) {
  const events: { day: number; netCents: number }[] = []
  decodeLedgerEvents(bytes, (day, netCents) => events.push({ day, netCents }))
  return events
}

describe('stored purchase ledger bytes', () => {
  it('gives back every event in order, days before 1970 and amounts beyond 32 bits included', () => {
    const events = [
      { day: -400, netCents: 0 },
      { day: 19_000, netCents: 12_345 },
      { day: 19_001, netCents: 2 ** 40 + 7 },
      { day: 20_500, netCents: 1 },
    ]
    const bytes = encodeLedgerEvents(events)
    expect(bytes.byteLength).toBe(48)
    expect(decoded(bytes)).toEqual(events)
  })

  it('reads an empty ledger as no events', () => {
    expect(decoded(encodeLedgerEvents([]))).toEqual([])
  })

  it('reads bytes that are a slice of a larger buffer, as drivers hand them out', () => {
    const events = [
      { day: 5, netCents: 100 },
      { day: 9, netCents: 250 },
    ]
    const inner = encodeLedgerEvents(events)
    const outer = new Uint8Array(inner.byteLength + 7)
    outer.set(inner, 3)
    expect(decoded(outer.subarray(3, 3 + inner.byteLength))).toEqual(events)
  })

  it('refuses bytes that are not a whole number of events', () => {
    expect(() => decodeLedgerEvents(new Uint8Array(13), () => undefined)).toThrow(/13 bytes/)
  })
})
