import { fakerDE } from '@faker-js/faker'
import type { WarningSignKind } from '../../../shared/prevention'
import type { Db } from '../../db/database'
import { addDays, type IsoDate } from '../../lib/dates'
import { refreshEarlyWarnings } from '../prevention/refresh-early-warnings'
import { DEMO_SEED } from './generate-demo-company'

const notes: Record<WarningSignKind, readonly string[]> = {
  complaint: [
    'Lieferung unvollständig, dritte Reklamation in diesem Jahr',
    'Rechnung doppelt gestellt, Kunde verärgert',
    'Ware beschädigt angekommen',
  ],
  cancelled_visit: [
    'Termin kurzfristig abgesagt, kein neuer Termin gewünscht',
    'Besuch verschoben „bis auf Weiteres“',
  ],
  competitor_mentioned: [
    'Hat ein Angebot von der Konkurrenz auf dem Tisch',
    'Fragt nach Staffelpreisen wie beim Wettbewerb',
  ],
  contact_person_left: ['Einkäuferin hat das Unternehmen verlassen, Nachfolger unbekannt'],
  other: ['Zahlt seit zwei Monaten verspätet'],
}

/**
 * The demo's early warning: warning signs the reps recorded on some of their active customers in
 * the last weeks, then the list worked out as of today (the P(alive) before comes from the demo's
 * earlier scoring a month ago).
 */
export async function loadDemoPrevention(db: Db, today: IsoDate, now: string): Promise<void> {
  const f = fakerDE
  f.seed(DEMO_SEED + 47)
  const k = db.kysely
  const active = await k
    .selectFrom('customer_status as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .select(['c.id', 'c.owner_user_id'])
    .where('s.status', 'in', ['active', 'at_risk'])
    .where('c.owner_user_id', 'is not', null)
    .orderBy('s.revenue_12m_cents', 'desc')
    .limit(60)
    .execute()
  const kinds = Object.keys(notes) as WarningSignKind[]
  const chosen = f.helpers.arrayElements(active, Math.min(14, active.length))
  const rows = chosen.map((c, i) => {
    const kind = kinds[i % kinds.length]!
    const notedOn = addDays(today, -f.number.int({ min: 1, max: 50 }))
    return {
      customer_id: c.id,
      kind,
      noted_on: notedOn,
      note: f.helpers.arrayElement(notes[kind]),
      created_at: `${notedOn}T10:00:00.000Z`,
      created_by: c.owner_user_id,
    }
  })
  if (rows.length > 0) await k.insertInto('warning_signs').values(rows).execute()
  await refreshEarlyWarnings({ db, today, now })
}
