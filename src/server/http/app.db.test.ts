import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, PASSWORD, type TestApp } from '../../../test/app'
import { testDialects } from '../../../test/databases'
import { invoice } from '../../../test/documents'
import { writeImport } from '../features/imports/write-import'
import { classifyCustomers } from '../features/lifecycle/classify-customers'
import { createUser } from '../features/users/create-user'
import { createReadCache } from '../lib/read-cache'

describe.each(testDialects)('HTTP API on %s', (dialect) => {
  let t: TestApp
  let admin: string
  let manager: string
  let rep1: string
  const json = (cookie: string, body: unknown, method = 'POST') => ({
    method,
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await writeImport({
      db: t.db,
      fileName: 'seed',
      source: 'seed',
      importRunId: null,
      now: '2026-06-30T10:00:00Z',
      customers: [
        {
          customerNumber: 'K1',
          companyName: 'Müller Gastro GmbH',
          type: 'business',
          segment: 'Gastronomie',
          city: 'München',
          owner: 'rep1@example.com',
        },
        {
          customerNumber: 'K2',
          firstName: 'Örjan',
          lastName: 'Ölmez',
          type: 'consumer',
          segment: 'Privat',
          city: 'Köln',
          owner: 'rep2@example.com',
        },
        {
          customerNumber: 'K3',
          companyName: 'Schulz 50% KG',
          type: 'business',
          segment: 'Gastronomie',
          city: 'Berlin',
        },
      ],
      documents: [
        invoice('K1', 'R1', '2024-01-10', 500),
        invoice('K1', 'R2', '2024-02-10', 700),
        invoice('K2', 'R3', '2026-06-01', 80),
        invoice('K3', 'R4', '2025-12-01', 90),
      ],
    })
    await classifyCustomers({ db: t.db, asOf: '2026-06-30' })
    ;[admin, manager, rep1] = await Promise.all([
      t.login('admin@example.com'),
      t.login('manager@example.com'),
      t.login('rep1@example.com'),
    ])
  })
  afterAll(() => t.destroy())

  it('refuses every API route without a session', async () => {
    for (const path of [
      '/api/customers',
      '/api/dashboard',
      '/api/customers/1',
      '/api/imports',
      '/api/users',
      '/api/openapi.json',
      '/api/auth/me',
    ]) {
      const res = await t.app.request(path)
      expect(res.status, path).toBe(401)
      expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } })
    }
  })

  it('signs in with an HttpOnly, SameSite cookie and rejects wrong passwords', async () => {
    const ok = await t.app.request(
      '/api/auth/login',
      json('', { email: 'Admin@Example.com', password: PASSWORD }),
    )
    expect(ok.status).toBe(200)
    expect(ok.headers.get('set-cookie')).toMatch(
      /winback_session=.+; Path=\/; Expires=.+; HttpOnly; SameSite=Lax/,
    )
    const wrong = await t.app.request(
      '/api/auth/login',
      json('', { email: 'admin@example.com', password: 'nope' }),
    )
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_credentials' } })
    const me = await t.app.request('/api/auth/me', { headers: { cookie: admin } })
    expect(await me.json()).toMatchObject({ user: { email: 'admin@example.com', role: 'admin' } })
  })

  it('slows down a guessed account after five failures with a wait that says how long, not a lockout of everyone', async () => {
    for (let i = 0; i < 5; i++)
      expect(
        (
          await t.app.request(
            '/api/auth/login',
            json('', { email: 'rep2@example.com', password: `wrong${i}` }),
          )
        ).status,
      ).toBe(401)
    const blocked = await t.app.request(
      '/api/auth/login',
      json('', { email: 'rep2@example.com', password: PASSWORD }),
    )
    expect(blocked.status).toBe(429)
    expect(((await blocked.json()) as { error: { message: string } }).error.message).toMatch(
      /try again in \d+ seconds/,
    )
    // others from the same address sign in as before
    expect(
      (await t.app.request('/api/auth/login', json('', { email: 'admin@example.com', password: PASSWORD })))
        .status,
    ).toBe(200)
  })

  it('changing one’s own password needs the current one; an admin resets another’s without it', async () => {
    await createUser({
      db: t.db,
      email: 'rep3@example.com',
      name: 'Rudi Rep',
      role: 'rep',
      password: PASSWORD,
      now: '2026-06-30T10:00:00Z',
    })
    const rep = await t.login('rep3@example.com')
    const me = (await (await t.get(rep, '/api/auth/me')).json()) as { user: { id: number } }
    const path = `/api/users/${me.user.id}`
    const next = 'ein neues Passwort 1'
    expect((await t.app.request(path, json(rep, { password: next }, 'PATCH'))).status).toBe(400)
    expect(
      (await t.app.request(path, json(rep, { password: next, currentPassword: 'falsch' }, 'PATCH'))).status,
    ).toBe(400)
    expect(
      (await t.app.request(path, json(rep, { password: next, currentPassword: PASSWORD }, 'PATCH'))).status,
    ).toBe(200)
    expect((await t.app.request(path, json(admin, { password: PASSWORD }, 'PATCH'))).status).toBe(200)
  })

  it('signs out: the session no longer works', async () => {
    const cookie = await t.login('manager@example.com')
    expect(
      (
        await t.app.request('/api/auth/logout', {
          method: 'POST',
          headers: { cookie, origin: 'http://localhost' },
        })
      ).status,
    ).toBe(204)
    expect((await t.app.request('/api/customers', { headers: { cookie } })).status).toBe(401)
  })

  it('keeps the cached lists over a sign-in and a sign-out, and forgets them after any other write', async () => {
    const cache = createReadCache<number>(60_000)
    let computed = 0
    const list = () => cache(t.db, 'list', async () => ++computed)
    expect(await list()).toBe(1)
    const cookie = await t.login('rep1@example.com')
    await t.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost' },
    })
    expect(await list()).toBe(1)
    // a refused write changes nothing either, but the app does not tell: it forgets
    await t.app.request(
      '/api/lifecycle/thresholds',
      json(manager, { global: { overdueFactor: 0 }, segments: {} }, 'PUT'),
    )
    expect(await list()).toBe(2)
  })

  it('lists customers with status and reason; managers see all, reps their own', async () => {
    const all = await (
      await t.app.request('/api/customers?sort=customerNumber', { headers: { cookie: manager } })
    ).json()
    expect(all.total).toBe(3)
    expect(all.asOf).toBe('2026-06-30')
    expect(all.items.map((c: { customerNumber: string }) => c.customerNumber)).toEqual(['K1', 'K2', 'K3'])
    expect(all.items[0]).toMatchObject({
      displayName: 'Müller Gastro GmbH',
      status: 'lost',
      rule: 'lost_no_purchase',
      ownerName: 'Rita Rep',
      annualRevenueCents: 120000,
    })
    const own = await (await t.app.request('/api/customers', { headers: { cookie: rep1 } })).json()
    expect(own.items.map((c: { customerNumber: string }) => c.customerNumber)).toEqual(['K1'])
    const k2 = all.items[1].id
    expect((await t.app.request(`/api/customers/${k2}`, { headers: { cookie: rep1 } })).status).toBe(404)
    expect((await t.app.request(`/api/customers/${k2}`, { headers: { cookie: manager } })).status).toBe(200)
  })

  it('filters, searches (umlauts, wildcards), sorts and paginates on the server', async () => {
    const get = async (query: string) =>
      (await t.app.request(`/api/customers?${query}`, { headers: { cookie: manager } })).json()
    expect((await get('status=lost')).items.map((c: { customerNumber: string }) => c.customerNumber)).toEqual(
      ['K1'],
    )
    expect((await get('segment=Gastronomie')).total).toBe(2)
    expect((await get(`owner=${t.users.rep2}`)).items[0].customerNumber).toBe('K2')
    expect((await get('owner=none')).items[0].customerNumber).toBe('K3')
    expect((await get(`q=${encodeURIComponent('ölmez köln')}`)).items[0].customerNumber).toBe('K2')
    expect((await get(`q=${encodeURIComponent('ÖLMEZ')}`)).total).toBe(1)
    expect((await get(`q=${encodeURIComponent('50%')}`)).items[0].customerNumber).toBe('K3')
    expect((await get(`q=${encodeURIComponent('%')}`)).total).toBe(1)
    const page2 = await get('sort=customerNumber&dir=desc&page=2&pageSize=2')
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 })
    expect(page2.items.map((c: { customerNumber: string }) => c.customerNumber)).toEqual(['K1'])
    expect((await get('sort=annualRevenue&dir=desc')).items[0].customerNumber).toBe('K1')
    expect(
      (await t.app.request('/api/customers?pageSize=100000', { headers: { cookie: manager } })).status,
    ).toBe(400)
  })

  it('shows a customer with documents, status history and the rule behind the status', async () => {
    const list = await (await t.app.request('/api/customers?q=K1', { headers: { cookie: rep1 } })).json()
    const detail = await (
      await t.app.request(`/api/customers/${list.items[0].id}`, { headers: { cookie: rep1 } })
    ).json()
    expect(detail.customer).toMatchObject({
      customerNumber: 'K1',
      status: 'lost',
      purchaseCount: 2,
      revenueTotalCents: 120000,
    })
    expect(detail.customer.ruleParams).toMatchObject({ lastPurchase: '2024-02-10', thresholdDays: 365 })
    expect(detail.documents.map((d: { number: string }) => d.number)).toEqual(['R2', 'R1'])
    expect(detail.history.map((h: { status: string }) => h.status)).toEqual([
      'new',
      'at_risk',
      'sleeping',
      'lost',
    ])
  })

  it('has a dashboard with counts, lost annual revenue and transitions, scoped for reps', async () => {
    const board = await (await t.app.request('/api/dashboard', { headers: { cookie: manager } })).json()
    expect(board).toMatchObject({
      asOf: '2026-06-30',
      customers: 3,
      counts: { lost: 1, new: 1, sleeping: 1, active: 0 },
      lostAnnualRevenueCents: 120000,
    })
    expect(board.months).toHaveLength(12)
    expect(board.months.at(-1).month).toBe('2026-06')
    const repBoard = await (await t.app.request('/api/dashboard', { headers: { cookie: rep1 } })).json()
    expect(repBoard).toMatchObject({ customers: 1, counts: { lost: 1, new: 0 } })
  })

  it('exports the list as German CSV and as Excel', async () => {
    const csv = await t.app.request('/api/customers/export?format=csv&sort=customerNumber', {
      headers: { cookie: manager },
    })
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const csvBytes = Buffer.from(await csv.arrayBuffer())
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = csvBytes.toString('utf8')
    expect(text.startsWith('\ufeffKundennr.;Name;Typ;')).toBe(true)
    expect(text).toContain('K1;Müller Gastro GmbH;Firma;Gastronomie;München;Rita Rep;Verloren;')
    expect(text).toContain(';1200,00\r\n')
    const en = await (
      await t.app.request('/api/customers/export?format=csv&lang=en', { headers: { cookie: manager } })
    ).text()
    expect(en.startsWith('Customer no.,Name,Type,')).toBe(true)
    const xlsx = await t.app.request('/api/customers/export?format=xlsx', { headers: { cookie: rep1 } })
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    const bytes = new Uint8Array(await xlsx.arrayBuffer())
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK')
  })

  it('enforces roles: reps may not import, change thresholds or manage users', async () => {
    const form = new FormData()
    form.append('file', new File(['a;b\n1;2\n'], 'x.csv'))
    expect(
      (
        await t.app.request('/api/imports', {
          method: 'POST',
          body: form,
          headers: { cookie: rep1, origin: 'http://localhost' },
        })
      ).status,
    ).toBe(403)
    expect(
      (await t.app.request('/api/lifecycle/thresholds', json(rep1, { global: {}, segments: {} }, 'PUT')))
        .status,
    ).toBe(403)
    expect((await t.app.request('/api/users', { headers: { cookie: manager } })).status).toBe(403)
    expect(
      (
        await t.app.request(
          '/api/users',
          json(manager, { email: 'x@y.de', name: 'X', role: 'admin', password: 'abcdefghijk' }),
        )
      ).status,
    ).toBe(403)
    const created = await t.app.request(
      '/api/users',
      json(admin, { email: 'new@example.com', name: 'Neu', role: 'rep', password: 'abcdefghijk' }),
    )
    expect(created.status).toBe(201)
  })

  it('refuses a JSON body over a megabyte before reading it, signed in or not; file uploads keep their own limit', async () => {
    const big = { email: 'a@example.com', password: 'x'.repeat(2 * 1024 * 1024) }
    const login = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(big),
    })
    expect(login.status).toBe(413)
    expect(((await login.json()) as { error: { code: string } }).error.code).toBe('payload_too_large')
    const settings = await t.app.request(
      '/api/winback/settings',
      json(rep1, { padding: 'x'.repeat(2_000_000) }, 'PUT'),
    )
    expect(settings.status).toBe(413)
    // a multipart body to a JSON route is no way around it
    const form = new FormData()
    form.append('file', new File(['x'.repeat(2 * 1024 * 1024)], 'x.csv'))
    const sneaky = await t.app.request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: { origin: 'http://localhost' },
      body: form,
    })
    expect(sneaky.status).toBe(413)
    // a two-megabyte CSV is an upload like any other
    const rows = Array.from({ length: 60_000 }, (_, i) => `K${i % 3};01.01.2024;R${i};10,00`).join('\n')
    const upload = new FormData()
    upload.append('file', new File([`Kundennummer;Datum;Belegnummer;Netto\n${rows}\n`], 'gross.csv'))
    upload.append('kind', 'orders')
    const uploaded = await t.app.request('http://localhost/api/imports', {
      method: 'POST',
      headers: { cookie: manager, origin: 'http://localhost' },
      body: upload,
    })
    expect(uploaded.status).toBeLessThan(300)
  })

  it('rejects cross-site form posts (CSRF)', async () => {
    const form = new FormData()
    form.append('file', new File(['a;b\n1;2\n'], 'x.csv'))
    const res = await t.app.request('http://localhost/api/imports', {
      method: 'POST',
      body: form,
      headers: { cookie: manager, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    })
    expect(res.status).toBe(403)
  })

  it('uploads, previews, imports in the background and reports progress and the result', async () => {
    const text =
      'Kundennummer;Firma;Belegart;Belegnummer;Datum;Netto\nK9;Bäckerei Groß;Rechnung;RE-9;15.06.2026;1.234,50\nK9;Bäckerei Groß;Gutschrift;GS-9;20.06.2026;34,50\n'
    const form = new FormData()
    form.append('file', new File([new Uint8Array(iconv.encode(text, 'win1252'))], 'umsaetze.csv'))
    form.append('kind', 'orders')
    const upload = await t.app.request('/api/imports', {
      method: 'POST',
      body: form,
      headers: { cookie: manager, origin: 'http://localhost' },
    })
    expect(upload.status).toBe(201)
    const preview = await upload.json()
    expect(preview).toMatchObject({
      format: 'generic',
      encoding: 'windows-1252',
      delimiter: ';',
      rowsTotal: 2,
      issues: [],
      alreadyImported: false,
    })
    expect(preview.mapping).toMatchObject({
      customerNumber: 0,
      companyName: 1,
      kind: 2,
      documentNumber: 3,
      date: 4,
      netAmount: 5,
    })
    expect(preview.sampleRows[0][1]).toBe('Bäckerei Groß')
    // the file kept for the import is the one sent, received on disk as it arrived
    const sent = iconv.encode(text, 'win1252')
    const uploads = path.join(t.deps.config.dataDir, 'uploads')
    expect(fs.readdirSync(uploads)).toContain(`${preview.runId}.upload`)
    expect(fs.readdirSync(uploads).filter((f) => f.endsWith('.part'))).toEqual([])
    expect(fs.readFileSync(path.join(uploads, `${preview.runId}.upload`)).equals(sent)).toBe(true)
    const received = await t.db.kysely
      .selectFrom('import_runs')
      .select(['file_hash', 'file_size', 'file_name'])
      .where('id', '=', preview.runId)
      .executeTakeFirstOrThrow()
    expect(received).toEqual({
      file_hash: createHash('sha256').update(sent).digest('hex'),
      file_size: sent.length,
      file_name: 'umsaetze.csv',
    })
    const start = await t.app.request(
      `/api/imports/${preview.runId}/start`,
      json(manager, { mapping: preview.mapping, skipInvalid: false }),
    )
    expect(start.status).toBe(202)
    // a job in the durable queue: waiting until the queue takes it, and not startable twice
    expect(await start.json()).toMatchObject({ status: 'running', progress: { phase: 'queued' } })
    expect(
      (await t.app.request(`/api/imports/${preview.runId}/start`, json(manager, { skipInvalid: false })))
        .status,
    ).toBe(409)
    await t.deps.jobs.idle()
    const run = await (
      await t.app.request(`/api/imports/${preview.runId}`, { headers: { cookie: manager } })
    ).json()
    expect(run).toMatchObject({
      status: 'succeeded',
      rowsTotal: 2,
      customersCreated: 1,
      documentsCreated: 2,
      progress: null,
    })
    const k9 = await (await t.app.request('/api/customers?q=k9', { headers: { cookie: manager } })).json()
    expect(k9.items[0]).toMatchObject({
      displayName: 'Bäckerei Groß',
      status: 'new',
      revenue12mCents: 120000,
    })
    expect(
      (await t.app.request(`/api/imports/${preview.runId}/start`, json(manager, { skipInvalid: false })))
        .status,
    ).toBe(409)
    const again = new FormData()
    again.append('file', new File([new Uint8Array(iconv.encode(text, 'win1252'))], 'umsaetze.csv'))
    expect(
      await (
        await t.app.request('/api/imports', {
          method: 'POST',
          body: again,
          headers: { cookie: manager, origin: 'http://localhost' },
        })
      ).json(),
    ).toMatchObject({ alreadyImported: true })
  })

  it('reports invalid rows with line, column, value and reason, and offers the skipped rows as CSV', async () => {
    const text = 'Kundennummer;Datum;Netto\nK7;01.06.2026;10,00\nK8;31.06.2026;10,00\n'
    const form = new FormData()
    form.append('file', new File([text], 'fehler.csv'))
    const preview = await (
      await t.app.request('/api/imports', {
        method: 'POST',
        body: form,
        headers: { cookie: admin, origin: 'http://localhost' },
      })
    ).json()
    expect(preview.issues).toMatchObject([
      {
        severity: 'error',
        code: 'invalid_date',
        file: 'fehler.csv',
        line: 3,
        column: 'Datum',
        value: '31.06.2026',
        reason: '"31.06.2026" is not a valid date',
      },
    ])
    await t.app.request(`/api/imports/${preview.runId}/start`, json(admin, { skipInvalid: false }))
    await t.deps.jobs.idle()
    const rejected = await (
      await t.app.request(`/api/imports/${preview.runId}`, { headers: { cookie: admin } })
    ).json()
    expect(rejected).toMatchObject({ status: 'rejected', rowsRejected: 1, documentsCreated: 0 })
    // said in the reader's language by the page
    expect(rejected.messageText).toMatchObject({ key: 'importRowsInvalid', params: { rejected: 1 } })
    expect(rejected.issues[0]).toMatchObject({ line: 3, column: 'Datum' })
    const form2 = new FormData()
    form2.append('file', new File([text], 'fehler.csv'))
    const second = await (
      await t.app.request('/api/imports', {
        method: 'POST',
        body: form2,
        headers: { cookie: admin, origin: 'http://localhost' },
      })
    ).json()
    await t.app.request(`/api/imports/${second.runId}/start`, json(admin, { skipInvalid: true }))
    await t.deps.jobs.idle()
    const run = await (
      await t.app.request(`/api/imports/${second.runId}`, { headers: { cookie: admin } })
    ).json()
    expect(run).toMatchObject({
      status: 'succeeded',
      rowsRejected: 1,
      documentsCreated: 1,
      hasRejectedCsv: true,
    })
    const csv = await (
      await t.app.request(`/api/imports/${second.runId}/rejected.csv`, { headers: { cookie: admin } })
    ).text()
    // the reasons in the language of the admin who imported it
    expect(csv).toContain('K8;31.06.2026;10,00;3;„31.06.2026“ ist kein gültiges Datum.')
  })

  it('serves example files to managers; an uploaded DATEV Debitoren file is previewed as customers', async () => {
    const denied = await t.app.request('/api/imports/examples/datev-debtors', { headers: { cookie: rep1 } })
    expect(denied.status).toBe(403)
    const res = await t.app.request('/api/imports/examples/datev-debtors', { headers: { cookie: manager } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="EXTF_Debitoren.csv"')
    const bytes = new Uint8Array(await res.arrayBuffer())
    // Windows-1252, as DATEV writes it: "ß" is one byte
    expect(iconv.decode(Buffer.from(bytes), 'win1252')).toContain('Industriestraße 12')
    expect((await t.app.request('/api/imports/examples/nope', { headers: { cookie: manager } })).status).toBe(
      400,
    )
    const form = new FormData()
    form.append('file', new File([bytes], 'EXTF_Debitoren.csv'))
    form.append('kind', 'orders')
    const upload = await t.app.request('/api/imports', {
      method: 'POST',
      body: form,
      headers: { cookie: manager, origin: 'http://localhost' },
    })
    expect(upload.status).toBe(201)
    expect(await upload.json()).toMatchObject({
      format: 'datev',
      kind: 'customers',
      encoding: 'windows-1252',
      rowsTotal: 4,
      issues: [],
    })
  })

  it('changes thresholds (manager) and reclassifies', async () => {
    const res = await t.app.request(
      '/api/lifecycle/thresholds',
      json(manager, { global: { lostAfterDays: 900 }, segments: {} }, 'PUT'),
    )
    expect(res.status).toBe(200)
    await t.deps.jobs.idle()
    const k1 = await (await t.app.request('/api/customers?q=k1', { headers: { cookie: manager } })).json()
    expect(k1.items[0].status).toBe('sleeping')
    const invalid = await t.app.request(
      '/api/lifecycle/thresholds',
      json(manager, { global: { overdueFactor: 0 }, segments: {} }, 'PUT'),
    )
    expect(invalid.status).toBe(400)
    expect(await invalid.json()).toMatchObject({ error: { code: 'validation_failed' } })
  })

  it('documents the API as OpenAPI', async () => {
    const doc = await (await t.app.request('/api/openapi.json', { headers: { cookie: rep1 } })).json()
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.servers).toEqual([{ url: '/api' }])
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/customers', '/customers/{id}', '/dashboard', '/imports', '/auth/login']),
    )
  })
})

describe('behind a reverse proxy', () => {
  it('believes X-Forwarded-Proto and -For only from a trusted proxy: secure cookie and the client behind it', async () => {
    const t = await createTestApp('sqlite', { trustedProxies: ['127.0.0.1'] })
    try {
      const request = (peer: string, headers: Record<string, string>) =>
        t.app.request(
          '/api/auth/login',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify({ email: 'admin@example.com', password: PASSWORD }),
          },
          { incoming: { socket: { remoteAddress: peer, remotePort: 4711, remoteFamily: 'IPv4' } } },
        )
      const viaProxy = await request('127.0.0.1', {
        'x-forwarded-proto': 'https',
        'x-forwarded-for': '203.0.113.7',
      })
      expect(viaProxy.headers.get('set-cookie')).toMatch(/; Secure/)
      const forged = await request('198.51.100.4', { 'x-forwarded-proto': 'https' })
      expect(forged.headers.get('set-cookie')).not.toMatch(/; Secure/)
    } finally {
      await t.destroy()
    }
  })
})
