import { isPurchaseKind, type OrderKind } from '../../../shared/orders'
import { addDays, type IsoDate } from '../../lib/dates'

/** A sales document as attribution needs it. */
export interface AttributionDocument {
  id: number
  kind: OrderKind
  number: string | null
  referenceNumber: string | null
  date: IsoDate
  netCents: number
  countsAsPurchase: boolean
}

/** An orders row as attribution reads it. */
export function attributionDocumentOf(row: {
  id: number
  kind: string
  number: string | null
  reference_number: string | null
  ordered_on: string
  net_cents: number
  counts_as_purchase: number
}): AttributionDocument {
  return {
    id: row.id,
    kind: row.kind as OrderKind,
    number: row.number,
    referenceNumber: row.reference_number,
    date: row.ordered_on,
    netCents: Number(row.net_cents),
    countsAsPurchase: row.counts_as_purchase === 1,
  }
}

/** The last day a purchase still counts for an attempt started on `startedOn`. */
export function attributionWindowEnd(startedOn: IsoDate, windowDays: number): IsoDate {
  return addDays(startedOn, windowDays)
}

/**
 * The purchase that proves a win-back: the first purchase from the day the attempt started to the
 * end of the attribution window whose value, net of the credit notes and cancellations that name it,
 * stays above zero. Null when there is none. Pure.
 */
export function provingPurchase(
  startedOn: IsoDate,
  windowDays: number,
  documents: readonly AttributionDocument[],
): AttributionDocument | null {
  const end = attributionWindowEnd(startedOn, windowDays)
  const corrections = new Map<string, number>()
  for (const d of documents)
    if (!isPurchaseKind(d.kind) && d.referenceNumber)
      corrections.set(d.referenceNumber, (corrections.get(d.referenceNumber) ?? 0) - Math.abs(d.netCents))
  // positions of one invoice are one purchase
  const purchases = new Map<string, { first: AttributionDocument; netCents: number }>()
  for (const d of documents) {
    if (!isPurchaseKind(d.kind) || !d.countsAsPurchase || d.date < startedOn || d.date > end) continue
    const key = d.number ?? `#${d.id}`
    const entry = purchases.get(key)
    if (!entry) purchases.set(key, { first: d, netCents: d.netCents })
    else {
      entry.netCents += d.netCents
      if (d.date < entry.first.date || (d.date === entry.first.date && d.id < entry.first.id)) entry.first = d
    }
  }
  let best: AttributionDocument | null = null
  for (const [key, p] of purchases) {
    const net = p.netCents + (p.first.number ? (corrections.get(key) ?? 0) : 0)
    if (net <= 0) continue
    if (!best || p.first.date < best.date || (p.first.date === best.date && p.first.id < best.id))
      best = p.first
  }
  return best
}
