/**
 * invoice and order are purchases (unless cancelled or voided); credit_note (Gutschrift, return) and
 * cancellation (Storno) never are, they reduce revenue.
 */
export const orderKinds = ['invoice', 'order', 'credit_note', 'cancellation'] as const
export type OrderKind = (typeof orderKinds)[number]

export function isPurchaseKind(kind: OrderKind): boolean {
  return kind === 'invoice' || kind === 'order'
}
