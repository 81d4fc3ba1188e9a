import type { CustomerListQuery } from '../../../shared/api/customers'
import { formatDate, type Locale } from '../../../shared/i18n/format'
import { createTranslator } from '../../../shared/i18n/index'
import type { Db } from '../../db/database'
import type { Actor } from '../../lib/actor'
import { toCsv } from '../../lib/csv'
import type { CustomerScope } from '../customers/customer-scope'
import { EXPORT_LIMIT } from '../customers/export-customers'
import { listCustomers } from '../customers/list-customers'
import { checkContacts } from './check-contact'
import { standardPurpose } from './eligibility'

export interface CallList {
  csv: string
  included: number
  /** customers of the filtered list the engine did not allow to be called */
  excluded: number
}

/**
 * A call list for the sales team: the filtered customers the engine allows to be called for a
 * win-back offer today, each with the legal basis. Every customer of the list is checked and the
 * decision logged; the blocked ones are left out and only counted.
 */
export async function exportCallList(options: {
  db: Db
  scope: CustomerScope
  query: CustomerListQuery
  locale: Locale
  actor: Actor
}): Promise<CallList> {
  const { db, locale } = options
  const { t } = createTranslator(locale)
  const list = await listCustomers({
    db,
    scope: options.scope,
    query: { ...options.query, page: 1, pageSize: EXPORT_LIMIT },
  })
  const ids = list.items.map((c) => c.id)
  const decisions = await db.kysely.transaction().execute((trx) =>
    checkContacts(trx, {
      customerIds: ids,
      channel: 'phone',
      purpose: standardPurpose,
      context: 'call_list_export',
      actor: options.actor,
      contactMade: false,
    }),
  )
  const allowed = list.items.filter((c) => decisions.get(c.id)?.allowed)
  const phones = new Map<number, { phone: string | null; person: string }>()
  for (let i = 0; i < allowed.length; i += 500) {
    const rows = await db.kysely
      .selectFrom('customers')
      .select(['id', 'phone', 'salutation', 'first_name', 'last_name'])
      .where(
        'id',
        'in',
        allowed.slice(i, i + 500).map((c) => c.id),
      )
      .execute()
    for (const r of rows)
      phones.set(r.id, {
        phone: r.phone,
        person: [r.salutation, r.first_name, r.last_name].filter(Boolean).join(' '),
      })
  }
  const headers = [
    t('customers.col.customerNumber'),
    t('customers.col.name'),
    t('contact.callList.person'),
    t('contact.callList.phone'),
    t('customers.col.status'),
    t('customers.col.lastPurchase'),
    t('customers.col.owner'),
    t('contact.callList.basis'),
    t('contact.callList.norm'),
  ]
  const rows = allowed.map((c) => {
    const d = decisions.get(c.id)!
    const contact = phones.get(c.id)
    return [
      c.customerNumber,
      c.displayName,
      contact?.person ?? '',
      contact?.phone ?? '',
      c.status ? t(`status.${c.status}`) : '',
      formatDate(c.lastPurchase, locale),
      c.ownerName ?? '',
      d.basis ? t(`contact.bases.${d.basis.basis}`) : '',
      d.basis ? d.basis.norm.citation : '',
    ]
  })
  const delimiter = locale === 'de' ? ';' : ','
  return {
    csv: toCsv(headers, rows, delimiter),
    included: allowed.length,
    excluded: list.items.length - allowed.length,
  }
}
