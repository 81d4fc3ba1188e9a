import type { Generated, Insertable, Selectable } from 'kysely'
import type { CustomerType } from '../../../shared/customers'
import type { PersonalData } from '../../db/personal-data'

export interface CustomerTable {
  id: Generated<number>
  customer_number: string
  type: CustomerType
  company_name: string | null
  salutation: string | null
  first_name: string | null
  last_name: string | null
  email: string | null
  phone: string | null
  street: string | null
  postal_code: string | null
  city: string | null
  /** ISO 3166-1 alpha-2 */
  country: string | null
  segment: string | null
  /** JSON array of strings */
  tags: string
  owner_user_id: number | null
  /** 0/1: a project customer buys for a project and is not expected to keep buying. */
  is_project_customer: number
  /** lower-cased number, names, e-mail and city for the list's text search */
  search_text: string
  source: string
  created_at: string
  updated_at: string
  /** set when the person was erased (GDPR Art. 17); only what must be retained is left */
  erased_at: string | null
}

export type CustomerRow = Selectable<CustomerTable>
export type NewCustomerRow = Insertable<CustomerTable>

/** Every change of a customer's owner (account manager): by hand or by routing, with who and why. */
export interface CustomerOwnerChangeTable {
  id: Generated<number>
  customer_id: number
  from_user_id: number | null
  to_user_id: number | null
  changed_at: string
  changed_by: number | null
  /** 'manual' or 'routing' */
  source: string
  note: string | null
}

export const customerOwnerPersonalData: readonly PersonalData[] = [
  {
    table: 'customer_owner_changes',
    section: 'ownerChanges',
    orderBy: ['changed_at', 'id'],
    erase: { action: 'delete' },
  },
]
