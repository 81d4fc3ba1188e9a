import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cdnowDir } from '../../test/cdnow'
import { testDialects } from '../../test/databases'
import { startSmtpServer } from '../../test/smtp'
import { databaseConfigFrom } from '../server/config'
import { openDatabase } from '../server/db/database'
import { migrateToLatest } from '../server/db/migrate'
import { recordConsent } from '../server/features/contact/contact.service'
import { exampleFiles } from '../server/features/imports/formats/examples'
import { saveMailSettings } from '../server/features/messaging/mail-settings'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const adminUrl = process.env.WINBACK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** The CLI as users run it (bin/winback.js), against a fresh database of each dialect. */
describe.each(testDialects)('winback CLI on %s', (dialect) => {
  let db: string
  let dir: string
  const winback = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, [path.join(root, 'bin/winback.js'), '--db', db, ...args], {
      cwd: root,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, WINBACK_DATA_DIR: dir },
    })
    return stdout
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'winback-cli-'))
    if (dialect === 'sqlite') db = path.join(dir, 'cli.sqlite')
    else {
      const name = `winback_cli_${process.pid}`
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
      await client.end()
      const url = new URL(adminUrl)
      url.pathname = `/${name}`
      db = url.toString()
    }
  })

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true })
    if (dialect === 'postgres') {
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(
        `DROP DATABASE IF EXISTS ${client.escapeIdentifier(`winback_cli_${process.pid}`)} WITH (FORCE)`,
      )
      await client.end()
    }
  })

  it('imports CDNOW_master.txt: 23,570 customers', async () => {
    const result = JSON.parse(
      await winback('import', path.join(cdnowDir, 'CDNOW_master.txt'), '--json', '--no-progress'),
    )
    expect(result).toMatchObject({
      status: 'succeeded',
      format: 'cdnow',
      customersCreated: 23570,
      documentsCreated: 69659,
      rejectedFile: null,
    })
  })

  it('classify --json lists asOf, counts and every customer with status, rule and last purchase', async () => {
    const result = JSON.parse(await winback('classify', '--as-of', '1998-06-30', '--json', '--no-progress'))
    expect(result.asOf).toBe('1998-06-30')
    expect(Object.values(result.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(23570)
    expect(result.customers).toHaveLength(23570)
    expect(result.customers[0]).toMatchObject({
      customerNumber: '00001',
      status: 'lost',
      rule: 'lost_no_purchase',
      lastPurchase: '1997-01-01',
    })
    expect(result.customers[0].ruleText).toContain('Seit 545 Tagen kein Kauf')
  })

  it('customers --status lost as JSON and as German CSV', async () => {
    const json = JSON.parse(await winback('customers', '--status', 'lost', '--json'))
    expect(json.total).toBeGreaterThan(10000)
    expect(json.customers.every((c: { status: string }) => c.status === 'lost')).toBe(true)
    const csv = await winback('customers', '--status', 'lost', '--csv')
    expect(csv.startsWith('\ufeffKundennr.;Name;')).toBe(true)
    expect(csv.split('\r\n').length - 2).toBe(json.total)
  })

  it('score --json fits with a holdout and scores every customer', async () => {
    const result = JSON.parse(
      await winback(
        'score',
        '--calibration-end',
        '1997-09-30',
        '--holdout-end',
        '1998-06-30',
        '--json',
        '--no-progress',
      ),
    )
    expect(result).toMatchObject({ timeUnit: 'week', chosenBy: 'holdout', asOf: '1998-06-30' })
    expect(['bgnbd', 'pnbd', 'mbgnbd']).toContain(result.model)
    expect(result.holdout.actualTotal).toBeGreaterThan(15000)
    expect(result.customers).toHaveLength(23570)
    expect(Object.keys(result.customers[0]).sort()).toEqual(
      [
        'T',
        'clv',
        'customerNumber',
        'expectedPurchases',
        'expectedSpend',
        'explanation',
        'pAlive',
        'tx',
        'x',
      ].sort(),
    )
    expect(result.customers[0].explanation).toMatch(
      /^(Kauft sonst alle|Hat einmal gekauft).* % aktiv\. Erwartet /,
    )
  })

  it('rejects a broken file with file, line and reason and exit code 1', async () => {
    const bad = path.join(dir, 'fehler.csv')
    fs.writeFileSync(bad, 'Kundennummer;Datum;Netto\nK1;31.02.2024;10,00\n')
    const failure = await winback('import', bad, '--no-progress').then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    )
    expect(failure?.code).toBe(1)
    // in the --lang language: German by default, English when asked
    expect(failure?.stdout).toContain(
      'Fehler: fehler.csv:2 [Datum] "31.02.2024": „31.02.2024“ ist kein gültiges Datum.',
    )
    const english = await winback('--lang', 'en', 'import', bad, '--no-progress').then(
      () => null,
      (error: { stdout: string }) => error,
    )
    expect(english?.stdout).toContain(
      'error: fehler.csv:2 [Datum] "31.02.2024": "31.02.2024" is not a valid date',
    )
  })
  it('consents imports objections all or nothing; customers --contactable lists who may be written to', async () => {
    const master = path.join(dir, 'stammdaten.csv')
    fs.writeFileSync(
      master,
      'Kundennummer;Vorname;Nachname;Straße;PLZ;Ort\nKX-1;Anna;Amsel;Birkenweg 1;20095;Hamburg\nKX-2;Bert;Bussard;Eichenweg 2;20095;Hamburg\n',
    )
    await winback('import', master, '--kind', 'customers', '--no-progress')
    const letters = async () =>
      JSON.parse(await winback('customers', '--search', 'KX-', '--contactable', 'letter', '--json'))
        .customers.map((c: { customerNumber: string }) => c.customerNumber)
        .sort()
    expect(await letters()).toEqual(['KX-1', 'KX-2'])

    const bad = path.join(dir, 'widersprueche-fehler.csv')
    fs.writeFileSync(
      bad,
      'Kundennummer;Art;Kanal;Datum\nKX-1;Widerspruch;Brief;01.06.2026\nKX-9;Widerspruch;alle;99.99.2026\n',
    )
    const failure = await winback('consents', bad).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    )
    expect(failure?.code).toBe(1)
    expect(failure?.stdout).toContain('widersprueche-fehler.csv:3 Datum "99.99.2026"')
    expect(await letters()).toEqual(['KX-1', 'KX-2'])

    const good = path.join(dir, 'widersprueche.csv')
    fs.writeFileSync(good, 'Kundennummer;Art;Kanal;Datum;DSGVO\nKX-1;Widerspruch;alle;01.06.2026;ja\n')
    expect(JSON.parse(await winback('consents', good, '--json'))).toEqual({
      status: 'succeeded',
      consents: 0,
      objections: 1,
      unchanged: 0,
    })
    expect(await letters()).toEqual(['KX-2'])
  })

  it('imports a contract file with --kind contracts and prints its counts', async () => {
    const file = path.join(dir, 'vertraege.csv')
    fs.writeFileSync(
      file,
      'Kundennummer;Vertragsnummer;Produkt;Vertragsbeginn;Gekündigt am;Monatsbetrag\nKV-1;SV-1;Service;01.01.2024;;49,00\nKV-1;SV-2;Miete;01.02.2024;01.05.2026;19,90\n',
    )
    const first = JSON.parse(await winback('import', file, '--kind', 'contracts', '--json', '--no-progress'))
    expect(first).toMatchObject({
      status: 'succeeded',
      kind: 'contracts',
      contractsCreated: 2,
      customersCreated: 1,
    })
    expect(await winback('import', file, '--kind', 'contracts', '--no-progress')).toContain(
      'Verträge: 0 neu, 0 geändert, 2 unverändert',
    )
    expect(await winback('--lang', 'en', 'import', file, '--kind', 'contracts', '--no-progress')).toContain(
      'contracts: 0 created, 0 updated, 2 unchanged',
    )
  })

  it('imports a DATEV Buchungsstapel and its Debitoren with --format datev, and a sevDesk export', async () => {
    for (const id of ['datev-debtors', 'datev-bookings', 'sevdesk'] as const) {
      const example = exampleFiles[id]()
      fs.writeFileSync(path.join(dir, example.fileName), example.bytes)
    }
    const debtors = JSON.parse(
      await winback(
        'import',
        path.join(dir, 'EXTF_Debitoren.csv'),
        '--format',
        'datev',
        '--json',
        '--no-progress',
      ),
    )
    expect(debtors).toMatchObject({ status: 'succeeded', format: 'datev', kind: 'customers' })
    // the CDNOW customers imported before have the numbers 10001–10003 too
    expect(debtors.customersCreated + debtors.customersUpdated).toBe(3)
    const bookings = await winback(
      'import',
      path.join(dir, 'EXTF_Buchungsstapel_2025.csv'),
      '--format',
      'datev',
      '--no-progress',
    )
    expect(bookings).toContain('ERFOLGREICH: datev, windows-1252, 11 Zeilen')
    expect(bookings).toContain('Belege: 7 neu')
    expect(bookings).toContain('2 andere Buchungen (Zahlungen, andere Konten) ausgelassen')
    const sevdesk = JSON.parse(
      await winback(
        'import',
        path.join(dir, 'sevdesk-rechnungen.csv'),
        '--format',
        'sevdesk',
        '--json',
        '--no-progress',
      ),
    )
    expect(sevdesk).toMatchObject({ status: 'succeeded', format: 'sevdesk', documentsCreated: 5 })
  })

  it('worklist prints a rep’s Tagesliste as JSON, CSV and iCal; campaigns --json', async () => {
    await winback(
      'users',
      'create',
      '--email',
      'rita@example.com',
      '--name',
      'Rita Rep',
      '--role',
      'rep',
      '--password',
      'correct horse battery',
    )
    const file = path.join(dir, 'belege-tagesliste.csv')
    fs.writeFileSync(
      file,
      [
        'Kundennummer;Belegnummer;Datum;Betrag;Vorname;Nachname;Straße;PLZ;Ort;Betreuer',
        'KW-1;W1;10.01.2024;2.000,00;Anna;Amsel;Birkenweg 1;20095;Hamburg;rita@example.com',
        'KW-1;W2;10.05.2024;2.000,00;Anna;Amsel;Birkenweg 1;20095;Hamburg;rita@example.com',
        'KW-1;W3;10.09.2024;2.000,00;Anna;Amsel;Birkenweg 1;20095;Hamburg;rita@example.com',
        'KW-2;W4;15.02.2024;1.500,00;Bert;Bussard;Eichenweg 2;20095;Hamburg;rita@example.com',
        'KW-2;W5;15.06.2024;1.500,00;Bert;Bussard;Eichenweg 2;20095;Hamburg;rita@example.com',
      ].join('\n'),
    )
    await winback('import', file, '--no-progress')
    const today = new Date().toISOString().slice(0, 10)
    const json = JSON.parse(await winback('worklist', '--user', 'rita@example.com', '--json'))
    expect(json.user).toBe('rita@example.com')
    // Rita's customers on the win-back list (what the CDNOW model run makes of them decides which)
    const numbers = json.items.map((i: { customerNumber: string }) => i.customerNumber)
    expect(numbers.length).toBeGreaterThanOrEqual(1)
    expect(numbers.every((n: string) => n.startsWith('KW-'))).toBe(true)
    for (const item of json.items) {
      expect(item).toMatchObject({ channel: 'letter', kind: 'winback_list', done: false })
      expect(item.dueOn).toBe(json.date)
      expect(item.why).toMatch(/^Platz \d+ der Rückgewinnungsliste/)
      expect(item.measure).toBeTruthy()
      expect(item).toHaveProperty('reason')
    }
    expect(json.date >= today.slice(0, 8)).toBe(true)
    const csv = await winback('worklist', '--user', 'rita@example.com', '--csv')
    expect(csv.split('\r\n')[0]).toBe(
      '\ufeffKundennummer;Name;Telefon;Fällig am;Uhrzeit;Priorität;Kanal;Grund;Maßnahme;Kampagne;Warum;Erledigt',
    )
    expect(csv).toContain(`${numbers[0]};${json.items[0].name};`)
    const ical = await winback('worklist', '--user', 'rita@example.com', '--ical')
    expect(ical).toMatch(/^BEGIN:VCALENDAR/)
    expect(ical.match(/BEGIN:VEVENT/g)).toHaveLength(numbers.length)
    const missing = await winback('worklist', '--user', 'nobody@example.com').then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    )
    expect(missing?.stderr).toContain('no active user nobody@example.com')
    expect(JSON.parse(await winback('campaigns', '--json'))).toEqual({ campaigns: [] })
    const report = JSON.parse(await winback('report', '--from', '2024-01-01', '--json'))
    for (const key of [
      'winbackRate',
      'uplift',
      'profitCents',
      'roi',
      'byRep',
      'byReason',
      'byMeasure',
      'fluctuation',
      'secondLoyalty',
    ])
      expect(report).toHaveProperty(key)
    expect(report.fluctuation[0]).toEqual(
      expect.objectContaining({
        month: '2024-01',
        lost: expect.any(Number),
        new: expect.any(Number),
        reactivated: expect.any(Number),
        winbacksToOffset: expect.any(Number),
      }),
    )
    expect(report.secondLoyalty).toEqual(
      expect.objectContaining({
        reactivated: expect.any(Number),
        rechurned6m: expect.any(Number),
        rechurned12m: expect.any(Number),
      }),
    )
  })
  it('send works a campaign e-mail step through the queue to a real SMTP server, once', async () => {
    const smtp = await startSmtpServer()
    const conn = openDatabase(databaseConfigFrom(db, dir))
    try {
      const k = conn.kysely
      await migrateToLatest(k)
      const now = new Date().toISOString()
      const today = now.slice(0, 10)
      await saveMailSettings(
        k,
        {
          host: '127.0.0.1',
          port: smtp.port,
          security: 'none',
          user: '',
          from: 'vertrieb@example.de',
          replyTo: '',
          ratePerMinute: 1000,
        },
        { secretKey: null, dataDir: dir },
        null,
        now,
      )
      const customers = await k
        .insertInto('customers')
        .values(
          ['M1', 'M2'].map((n, i) => ({
            customer_number: n,
            type: 'consumer' as const,
            company_name: null,
            salutation: 'Frau',
            first_name: 'Mia',
            last_name: `Mail${i}`,
            email: `mia${i}@example.de`,
            phone: null,
            street: 'Große Straße 5',
            postal_code: '10115',
            city: 'Berlin',
            country: 'DE',
            segment: null,
            tags: '[]',
            owner_user_id: null,
            is_project_customer: 0,
            search_text: n.toLowerCase(),
            source: 'test',
            created_at: now,
            updated_at: now,
            erased_at: null,
          })),
        )
        .returning('id')
        .execute()
      await recordConsent(
        k,
        customers[0]!.id,
        { channel: 'email', grantedAt: today, source: 'form', doiToken: 't', doiConfirmedAt: today },
        { userId: null, now, today },
      )
      const campaign = await k
        .insertInto('campaigns')
        .values({
          name: 'CLI-Mail',
          state: 'running',
          filter: '{}',
          measure_id: null,
          steps: JSON.stringify([
            { offsetDays: 0, channel: 'email' },
            { offsetDays: 14, channel: 'letter' },
          ]),
          budget_cents: null,
          attribution_days: 90,
          control_share: 0,
          seed: 's',
          baseline_rate: 0.05,
          min_difference: 0.05,
          skipped: '{"notContactable":0,"noAssignee":0}',
          launched_on: today,
          closed_on: null,
          created_at: now,
          created_by: null,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await k
        .insertInto('campaign_members')
        .values(
          customers.map((c, i) => ({
            campaign_id: campaign.id,
            customer_id: c.id,
            arm: 'treatment' as const,
            stratum: 0,
            rank: i + 1,
            assignee_user_id: null,
            channel: 'email' as const,
            expected_net_cents: 100,
            value_cents: 1000,
            probability: 0.1,
            contacted_on: null,
            added_at: now,
          })),
        )
        .execute()
      // M2 has no consent: not sent, and said why
      expect(JSON.parse(await winback('send', String(campaign.id), '--json'))).toEqual({
        sent: 1,
        blocked: 1,
      })
      expect(smtp.mails.map((m) => m.to)).toEqual(['mia0@example.de'])
      expect(smtp.mails[0]!.text.startsWith('Sehr geehrte Frau Mail0,')).toBe(true)
      // once per step: a second run sends nothing
      expect(JSON.parse(await winback('send', String(campaign.id), '--step', '1', '--json'))).toEqual({
        sent: 1,
        blocked: 1,
      })
      expect(smtp.mails).toHaveLength(1)
      const wrong = await winback('send', String(campaign.id), '--step', '2').then(
        () => null,
        (error: { stderr: string }) => error,
      )
      // what went wrong, in the --lang language (German by default)
      expect(wrong?.stderr).toContain('Schritt 2 ist kein E-Mail-Schritt.')
      const english = await winback('--lang', 'en', 'send', String(campaign.id), '--step', '2').then(
        () => null,
        (error: { stderr: string }) => error,
      )
      expect(english?.stderr).toContain('step 2 is not an e-mail step')
      // the letter step as a Serienbrief and the mail-merge CSV beside it
      const out = path.join(dir, 'serienbrief.pdf')
      expect(await winback('letters', String(campaign.id), '--step', '2', '--out', out)).toContain(
        '2 letters',
      )
      expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-')
      expect(fs.readFileSync(path.join(dir, 'serienbrief.csv'), 'utf8')).toMatch(
        /^\ufeffKundennummer;Anrede;Firma;Name/,
      )
    } finally {
      await conn.close()
      await smtp.close()
    }
  })

  it('runs from the build: --help names every command, and a large file is read in the built reader thread', async () => {
    const help = await winback('--help')
    for (const command of ['import', 'classify', 'score', 'serve', 'send', 'letters', 'worklist'])
      expect(help).toMatch(new RegExp(`^  ${command}\\b`, 'm'))
    // 6 MB: more than the size from which a file is read in a worker thread
    const file = path.join(dir, 'umsatz-gross.csv')
    const rows = ['Kundennummer;Firma;Belegart;Belegnummer;Datum;Netto']
    for (let i = 0; i < 120_000; i++)
      rows.push(
        `G${i % 3000};Großkunde ${i % 3000};Rechnung;GR-${i};${String((i % 28) + 1).padStart(2, '0')}.03.2024;10,00`,
      )
    fs.writeFileSync(file, `${rows.join('\n')}\n`)
    expect(fs.statSync(file).size).toBeGreaterThan(4 * 1024 * 1024)
    expect(JSON.parse(await winback('import', file, '--json', '--no-progress'))).toMatchObject({
      status: 'succeeded',
      customersCreated: 3000,
      documentsCreated: 120_000,
    })
  })
})
