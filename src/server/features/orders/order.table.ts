import type { Generated, Insertable, Selectable } from 'kysely'
import type { OrderKind } from '../../../shared/orders'
import type { PersonalData } from '../../db/personal-data'

/** Sales documents: orders, invoices, credit notes and cancellations, one row per document. */
export interface OrderTable {
  id: Generated<number>
  customer_id: number
  /** where the document came from (import format or a name the user gave); with external_key unique */
  source: string
  external_key: string
  kind: OrderKind
  number: string | null
  /** for credit notes and cancellations: the number of the invoice they correct */
  reference_number: string | null
  ordered_on: string
  net_cents: number
  gross_cents: number | null
  margin_cents: number | null
  currency: string
  status: string | null
  /** 0/1, decided at import: an invoice or order that was not cancelled, voided or fully refunded */
  counts_as_purchase: number
  quantity: number | null
  import_run_id: number | null
}

export interface ContractTable {
  id: Generated<number>
  customer_id: number
  source: string
  external_key: string
  number: string | null
  product: string | null
  started_on: string
  ends_on: string | null
  cancelled_on: string | null
  monthly_value_cents: number | null
  import_run_id: number | null
}

export type OrderRow = Selectable<OrderTable>
export type NewOrderRow = Insertable<OrderTable>
export type ContractRow = Selectable<ContractTable>

/** Documents and contracts are kept while the law requires (invoices 8 years, business letters 6). */
export const ordersPersonalData: readonly PersonalData[] = [
  {
    table: 'orders',
    section: 'documents',
    orderBy: ['ordered_on', 'id'],
    erase: { action: 'retain', period: 'invoices', dateColumns: ['ordered_on'] },
  },
  {
    table: 'contracts',
    section: 'contracts',
    orderBy: ['started_on', 'id'],
    erase: {
      action: 'retain',
      period: 'businessLetters',
      dateColumns: ['cancelled_on', 'ends_on', 'started_on'],
    },
  },
]
