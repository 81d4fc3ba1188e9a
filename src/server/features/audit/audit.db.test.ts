import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app'
import { testDialects } from '../../../../test/databases'
import { checkContacts } from '../contact/check-contact'
import { importFile } from '../imports/import-file'
import { writeSystemState } from '../settings/settings.repository'

interface Entry {
  action: string
  entityType: string
  entityId: string | null
  userName: string | null
  customerNumber: string | null
  details: Record<string, unknown>
}

/** The audit log also records imports, users and settings, and names customers by their number. */
describe.each(testDialects)('audit log on %s', (dialect) => {
  let t: TestApp
  let admin: string
  const log = async (): Promise<Entry[]> =>
    ((await (await t.get(admin, '/api/audit?pageSize=200')).json()) as { items: Entry[] }).items

  beforeAll(async () => {
    t = await createTestApp(dialect)
    admin = await t.login('admin@example.com')
  })
  afterAll(() => t.destroy())

  it('records a completed import with its counts', async () => {
    await importFile({
      db: t.db,
      fileName: 'umsatz.csv',
      bytes: new TextEncoder().encode(
        'Kundennummer;Datum;Netto\nK1;01.03.2026;100,00\nK2;02.03.2026;50,00\n',
      ),
      format: 'auto',
      kind: 'orders',
      skipInvalid: false,
      userId: t.users.manager,
      asOf: '2026-06-30',
    })
    const entry = (await log()).find((e) => e.action === 'import.completed')!
    expect(entry).toMatchObject({
      entityType: 'import_run',
      userName: 'Max Manager',
      details: { fileName: 'umsatz.csv', format: 'generic', customersCreated: 2, documentsCreated: 2 },
    })
  })

  it('records users created and changed (role, lock, password) without the password', async () => {
    const created = await t.send(admin, '/api/users', {
      email: 'neu@example.com',
      name: 'Nina Neu',
      role: 'rep',
      password: 'a long enough password',
    })
    expect(created.status).toBe(201)
    const { user } = (await created.json()) as { user: { id: number } }
    await t.send(admin, `/api/users/${user.id}`, { role: 'manager' }, 'PATCH')
    await t.send(
      admin,
      `/api/users/${user.id}`,
      { disabled: true, password: 'another long password' },
      'PATCH',
    )
    // nothing changed: nothing recorded
    await t.send(admin, `/api/users/${user.id}`, { role: 'manager' }, 'PATCH')
    const entries = (await log()).filter((e) => e.entityType === 'user' && e.entityId === String(user.id))
    expect(entries.map((e) => e.action)).toEqual(['user.changed', 'user.changed', 'user.created'])
    expect(entries[2]!.details).toEqual({ email: 'neu@example.com', name: 'Nina Neu', role: 'rep' })
    expect(entries[1]!.details).toEqual({ email: 'neu@example.com', role: { from: 'rep', to: 'manager' } })
    expect(entries[0]!.details).toEqual({ email: 'neu@example.com', disabled: true, passwordChanged: true })
    expect(JSON.stringify(entries)).not.toContain('another long password')
    expect(entries[0]!.userName).toBe('Ada Admin')
  })

  it('records which fields of a setting changed, not the system’s own bookkeeping', async () => {
    const manager = await t.login('manager@example.com')
    const current = await (await t.get(manager, '/api/winback/settings')).json()
    const saved = await t.send(
      manager,
      '/api/winback/settings',
      { ...current, hourlyRateCents: 9_900 },
      'PUT',
    )
    expect(saved.status).toBe(200)
    await writeSystemState(t.db.kysely, 'prevention.refreshedOn', '2026-06-30', '2026-06-30T10:00:00Z')
    const entries = (await log()).filter((e) => e.action === 'settings.changed')
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      entityType: 'setting',
      entityId: 'winback.settings',
      userName: 'Max Manager',
    })
    expect(entries[0]!.details.fields).toEqual(expect.arrayContaining(['hourlyRateCents']))
  })

  it('names the customer of a customer entry by number', async () => {
    const customer = await t.db.kysely
      .selectFrom('customers')
      .select('id')
      .where('customer_number', '=', 'K1')
      .executeTakeFirstOrThrow()
    const res = await t.send(admin, `/api/customers/${customer.id}/consents`, {
      channel: 'phone',
      grantedAt: '2026-06-01',
      source: 'call',
      callReference: 'Anruf 17',
    })
    expect(res.status).toBe(201)
    const entry = (await log()).find((e) => e.action === 'consent.recorded')!
    expect(entry).toMatchObject({ entityId: String(customer.id), customerNumber: 'K1' })
  })

  it('lists every contact-law answer with its customer, occasion and reasons; refusals alone on request', async () => {
    const ids = await t.db.kysely.selectFrom('customers').select(['id', 'customer_number']).execute()
    const decisions = await checkContacts(t.db.kysely, {
      customerIds: ids.map((c) => c.id),
      channel: 'phone',
      purpose: { kind: 'winback_offer', ownSimilarGoods: false },
      context: 'call_list_export',
      actor: { userId: t.users.manager, now: '2026-06-30T10:00:00Z', today: '2026-06-30' },
      contactMade: false,
    })
    const refused = [...decisions.values()].filter((d) => !d.allowed).length
    expect(refused).toBeGreaterThan(0)
    type Log = {
      items: { customerNumber: string; context: string; userName: string; decision: { allowed: boolean } }[]
      total: number
    }
    const all = (await (await t.get(admin, '/api/audit/contact-decisions')).json()) as Log
    expect(all.total).toBe(ids.length)
    expect(all.items.map((i) => i.customerNumber).sort()).toEqual(ids.map((c) => c.customer_number).sort())
    expect(all.items[0]).toMatchObject({ context: 'call_list_export', userName: 'Max Manager' })
    const onlyRefused = (await (
      await t.get(admin, '/api/audit/contact-decisions?refused=true')
    ).json()) as Log
    expect(onlyRefused.total).toBe(refused)
    expect(onlyRefused.items.every((i) => !i.decision.allowed)).toBe(true)
    const manager = await t.login('manager@example.com')
    expect((await t.get(manager, '/api/audit/contact-decisions')).status).toBe(403)
  })
})
