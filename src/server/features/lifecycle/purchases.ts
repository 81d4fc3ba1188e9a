import { isPurchaseKind, type OrderKind } from '../../../shared/orders'
import { type IsoDate, toEpochDay } from '../../lib/dates'

export interface SalesDocument {
  date: IsoDate
  kind: OrderKind
  netCents: number
  /** decided at import: false for cancelled, voided or fully refunded orders */
  countsAsPurchase: boolean
  number: string | null
  referenceNumber: string | null
}

/** One day on which the customer bought, with that day's net value after credit notes. */
export interface PurchaseEvent {
  day: number
  date: IsoDate
  netCents: number
}

/** A revenue correction (credit note, cancellation) that could not be tied to a purchase. */
export interface RevenueAdjustment {
  day: number
  netCents: number
}

export interface PurchaseLedger {
  /** distinct purchase days, ascending */
  events: PurchaseEvent[]
  adjustments: RevenueAdjustment[]
}

/**
 * Turns sales documents into purchase days. Credit notes and cancellations never count as purchases:
 * one that names the invoice it corrects reduces that invoice (an invoice credited in full is no
 * purchase at all); one that names none reduces revenue on its own date. Same-day purchases are one.
 */
export function buildPurchaseLedger(documents: readonly SalesDocument[], asOf: IsoDate): PurchaseLedger {
  const purchases = new Map<string, { date: IsoDate; netCents: number; corrected: boolean }>()
  const unnumbered: { date: IsoDate; netCents: number; corrected: boolean }[] = []
  const corrections: SalesDocument[] = []
  for (const doc of documents) {
    if (doc.date > asOf) continue
    if (isPurchaseKind(doc.kind)) {
      if (!doc.countsAsPurchase) continue
      const entry = { date: doc.date, netCents: doc.netCents, corrected: false }
      if (doc.number) {
        const existing = purchases.get(doc.number)
        if (existing) existing.netCents += doc.netCents
        else purchases.set(doc.number, entry)
      } else unnumbered.push(entry)
    } else corrections.push(doc)
  }
  const adjustments: RevenueAdjustment[] = []
  for (const doc of corrections) {
    const amount = -Math.abs(doc.netCents)
    const target = doc.referenceNumber ? purchases.get(doc.referenceNumber) : undefined
    if (target) {
      target.netCents += amount
      target.corrected = true
    } else adjustments.push({ day: toEpochDay(doc.date), netCents: amount })
  }
  const byDay = new Map<number, PurchaseEvent>()
  for (const p of [...purchases.values(), ...unnumbered]) {
    // an invoice credited in full is no purchase; a free order (0.00) still is one
    if (p.netCents < 0 || (p.corrected && p.netCents <= 0)) continue
    const day = toEpochDay(p.date)
    const event = byDay.get(day)
    if (event) event.netCents += p.netCents
    else byDay.set(day, { day, date: p.date, netCents: p.netCents })
  }
  const events = [...byDay.values()].sort((a, b) => a.day - b.day)
  adjustments.sort((a, b) => a.day - b.day)
  return { events, adjustments }
}

/** Net revenue with days in (fromDay, toDay]: purchases plus unattached corrections. */
export function revenueBetween(ledger: PurchaseLedger, fromDay: number, toDay: number): number {
  let sum = 0
  for (const e of ledger.events) if (e.day > fromDay && e.day <= toDay) sum += e.netCents
  for (const a of ledger.adjustments) if (a.day > fromDay && a.day <= toDay) sum += a.netCents
  return sum
}

/** Index of the first event after `day` (binary search): events[0..n) are the purchases up to `day`. */
export function countEventsUpTo(events: readonly PurchaseEvent[], day: number): number {
  let lo = 0
  let hi = events.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (events[mid]!.day <= day) lo = mid + 1
    else hi = mid
  }
  return lo
}
