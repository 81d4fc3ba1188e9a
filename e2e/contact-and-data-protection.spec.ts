import { expect, type Page, test } from '@playwright/test'
import { screenshot, signIn, windows1252File } from './helpers'

const HEADER = 'Kundennummer;Vorname;Nachname;E-Mail;Telefon;Straße;PLZ;Ort;Belegart;Belegnummer;Datum;Netto'

async function importFile(page: Page, file: string, de: boolean) {
  await page.getByRole('link', { name: 'Import', exact: true }).click()
  await page.locator('input[type=file]').first().setInputFiles(file)
  await page.getByRole('button', { name: de ? 'Hochladen und prüfen' : 'Upload and check' }).click()
  await page.getByRole('button', { name: de ? 'Import starten' : 'Start import' }).click()
  const result = page.getByTestId('import-result')
  await expect(result).toHaveAttribute('data-status', 'succeeded')
  return result
}

/** The customer list, searched for one customer number, optionally only those contactable on a channel. */
async function listed(page: Page, number: string, contactable?: string): Promise<number> {
  await page.goto(
    `/customers?q=${encodeURIComponent(number)}${contactable ? `&contactable=${contactable}` : ''}`,
  )
  await expect(page.getByTestId('result-count')).toBeVisible()
  return page.getByTestId('customer-table').getByRole('row').filter({ hasText: number }).count()
}

for (const language of ['de', 'en'] as const) {
  const de = language === 'de'

  test(`${language}: an objection takes a customer off every contactable list; an erased person is not imported again`, async ({
    page,
  }, testInfo) => {
    const project = testInfo.project.name
    const code = `${de ? 'D' : 'E'}${project.slice(0, 2).toUpperCase()}`
    const a = `KT-${code}-1`
    const b = `KT-${code}-2`
    const fresh = `KT-${code}-3`
    const mailB = `bernd.loescher.${code.toLowerCase()}@example.de`
    // the other language's run shares the database: its people must not match this run's suppression entries
    const house = de ? 3 : 4
    const first = windows1252File(
      testInfo,
      `kontakte-${language}.csv`,
      `${[
        HEADER,
        `${a};Hanna;Kontakt;hanna.kontakt.${code.toLowerCase()}@example.de;0171 555010${house};Lindenweg ${house};10115;Berlin;Rechnung;${a}-R1;10.01.2025;150,00`,
        `${b};Bernd;Löscher;${mailB};0171 555020${house};Große Straße ${house};50667;Köln;Rechnung;${b}-R1;10.02.2025;80,00`,
      ].join('\n')}\n`,
    )
    await signIn(page, language)
    await importFile(page, first, de)

    // without any record: letters yes, e-mail no
    expect(await listed(page, a, 'letter')).toBe(1)
    expect(await listed(page, a, 'email')).toBe(0)
    await page.goto(`/customers?q=${a}`)
    await page.getByTestId('customer-table').getByRole('link', { name: 'Hanna Kontakt' }).click()
    const card = page.getByTestId('contact-card')
    await expect(card.getByTestId('decision-letter')).toHaveAttribute('data-allowed', 'true')
    await expect(card.getByTestId('decision-email')).toHaveAttribute('data-allowed', 'false')
    await expect(card.getByTestId('decision-email')).toContainText(
      de ? 'Keine Einwilligung erfasst.' : 'No consent recorded.',
    )

    // a double-opt-in consent allows e-mail
    await card.getByTestId('record-consent').click()
    const consent = page.getByRole('dialog')
    const today = await consent.getByLabel(de ? 'Erteilt am' : 'Granted on').inputValue()
    await consent.getByLabel(de ? 'Double-Opt-in bestätigt am' : 'Double opt-in confirmed on').fill(today)
    await consent
      .getByLabel(de ? 'Version des Einwilligungstexts' : 'Version of the consent text')
      .fill('NL-2026')
    await consent.getByRole('button', { name: de ? 'Speichern' : 'Save' }).click()
    await expect(consent).toBeHidden()
    await expect(card.getByTestId('decision-email')).toHaveAttribute('data-allowed', 'true')
    await expect(card.getByTestId('decision-email')).toContainText(
      de ? 'Ausdrückliche Einwilligung' : 'Express consent',
    )
    await screenshot(page, `${project}-${language}-contact-1-consent`)
    const customerUrl = page.url()
    expect(await listed(page, a, 'email')).toBe(1)

    // grounds of a presumed consent count only with who reviewed them and when: both are required
    await page.goto(customerUrl)
    await card.getByTestId('edit-facts').click()
    const facts = page.getByRole('dialog')
    await facts
      .getByLabel(
        de
          ? 'Konkrete Gründe für Anrufe (mutmaßliche Einwilligung)'
          : 'Concrete grounds for calls (presumed consent)',
      )
      .fill('Bestellt regelmäßig Büromaterial, fragte im Mai nach Neuheiten.')
    const save = facts.getByRole('button', { name: de ? 'Speichern' : 'Save' })
    await expect(save).toBeDisabled()
    await expect(facts.getByRole('textbox', { name: de ? 'Geprüft von' : 'Reviewed by' })).toHaveAttribute(
      'required',
      '',
    )
    await facts
      .getByRole('textbox', { name: de ? 'Geprüft von' : 'Reviewed by', exact: true })
      .fill('Max Manager')
    await facts.getByRole('textbox', { name: de ? 'Geprüft am' : 'Reviewed on', exact: true }).fill(today)
    await expect(save).toBeEnabled()
    await facts.getByRole('button', { name: de ? 'Abbrechen' : 'Cancel' }).click()
    await expect(facts).toBeHidden()

    // a GDPR objection blocks every channel and takes the customer off every contactable list
    await page.goto(customerUrl)
    await card.getByTestId('record-objection').click()
    const objection = page.getByRole('dialog')
    await objection.getByTestId('objection-gdpr').check()
    await objection.getByLabel(de ? 'Wortlaut' : 'Wording').fill('Bitte keine Werbung mehr.')
    await objection.getByTestId('objection-save').click()
    await expect(objection).toBeHidden()
    for (const channel of ['email', 'phone', 'letter', 'sms'])
      await expect(card.getByTestId(`decision-${channel}`)).toHaveAttribute('data-allowed', 'false')
    await expect(card.getByTestId('decision-letter')).toContainText(
      de
        ? 'Widerspruch gegen Direktwerbung nach Art. 21 DSGVO.'
        : 'Objection to direct marketing under Art. 21 GDPR.',
    )
    await expect(card.getByTestId('objections')).toContainText('Bitte keine Werbung mehr.')
    await screenshot(page, `${project}-${language}-contact-2-objection`)
    // a win-back attempt by letter is refused by the law, which says why in words
    await page.getByTestId('attempts-card').getByTestId('start-attempt').click()
    const attempt = page.getByRole('dialog')
    await attempt.getByTestId('attempt-channel').click()
    await page.getByRole('option', { name: de ? 'Brief' : 'Letter' }).click()
    await attempt.getByTestId('attempt-save').click()
    const refused = attempt.getByTestId('contact-refused')
    await expect(refused).toContainText(
      de ? 'Kontakt per Brief nicht erlaubt' : 'Contact by letter not allowed',
    )
    await expect(refused).toContainText(
      de
        ? 'Widerspruch gegen Direktwerbung nach Art. 21 DSGVO.'
        : 'Objection to direct marketing under Art. 21 GDPR.',
    )
    await expect(refused).not.toContainText('gdpr_objection')
    await screenshot(page, `${project}-${language}-contact-2b-attempt-refused`)
    await attempt.getByRole('button', { name: de ? 'Abbrechen' : 'Cancel' }).click()
    await expect(attempt).toBeHidden()
    for (const channel of ['email', 'phone', 'letter', 'sms'])
      expect(await listed(page, a, channel), channel).toBe(0)
    expect(await listed(page, a)).toBe(1)
    await expect(page.getByTestId('filter-contactable')).toBeVisible()

    // erase the other customer: invoices within their 8 years stay
    await page.goto(`/customers?q=${b}`)
    await page.getByTestId('customer-table').getByRole('link', { name: 'Bernd Löscher' }).click()
    const protection = page.getByTestId('data-protection')
    await protection.getByTestId('erase').click()
    const dialog = page.getByRole('dialog')
    await expect(dialog.getByTestId('erase-submit')).toBeDisabled()
    await dialog.getByTestId('erase-confirm').fill(b)
    await dialog.getByTestId('erase-submit').click()
    const erased = protection.getByTestId('erasure-result')
    await expect(erased).toContainText(de ? 'bis 31.12.2033' : 'until 31/12/2033')
    await expect(page.getByTestId('erased-notice')).toBeVisible()
    await screenshot(page, `${project}-${language}-contact-3-erased`)
    expect(await listed(page, b)).toBe(0)

    // the same person again, under the old number and under a new one with the same e-mail: refused
    const again = windows1252File(
      testInfo,
      `rueckkehr-${language}.csv`,
      `${[
        HEADER,
        `${b};Bernd;Löscher;;;;;;Rechnung;${b}-R2;01.03.2026;40,00`,
        `${fresh};Bernd;Löscher;${mailB.toUpperCase()};;;;;Rechnung;${fresh}-R1;02.03.2026;60,00`,
      ].join('\n')}\n`,
    )
    await importFile(page, again, de)
    const issues = page.getByTestId('issue-table')
    await expect(issues.getByRole('row').filter({ hasText: fresh })).toContainText(
      de ? 'Person ist gesperrt' : 'Person is suppressed',
    )
    await expect(issues.getByRole('row').filter({ hasText: b })).toContainText(
      de ? 'Person ist gesperrt' : 'Person is suppressed',
    )
    await screenshot(page, `${project}-${language}-contact-4-reimport-blocked`)
    expect(await listed(page, fresh)).toBe(0)
    expect(await listed(page, b)).toBe(0)

    // consents from a file: a bad file is refused with its line, a good one imported once
    await page.getByRole('link', { name: 'Import', exact: true }).click()
    const consentImport = page.getByTestId('contact-import')
    await expect(
      consentImport.getByText(de ? 'einwilligungen.csv' : 'consents.csv', { exact: true }),
    ).toBeVisible()
    const badConsents = windows1252File(
      testInfo,
      `einwilligungen-fehler-${language}.csv`,
      `Kundennummer;Art;Kanal;Datum;Quelle\n${a};Einwilligung;Fax;01.03.2026;Formular\n`,
    )
    await consentImport.locator('input[type=file]').setInputFiles(badConsents)
    await consentImport.getByTestId('contact-import-submit').click()
    await expect(consentImport.getByTestId('issue-table')).toContainText('Fax')
    const consents = windows1252File(
      testInfo,
      `einwilligungen-${language}.csv`,
      `Kundennummer;Art;Kanal;Datum;Quelle\n${a};Einwilligung;Telefon;01.03.2026;Anruf\n`,
    )
    await consentImport.locator('input[type=file]').setInputFiles(consents)
    await consentImport.getByTestId('contact-import-submit').click()
    await expect(consentImport.getByTestId('contact-import-done')).toContainText(
      de ? '1 Einwilligungen und 0 Widersprüche importiert' : '1 consents and 0 objections imported',
    )
    await screenshot(page, `${project}-${language}-contact-5-consent-import`)

    // the company's legal profile is a setting
    await page.getByRole('link', { name: de ? 'Einstellungen' : 'Settings' }).click()
    await expect(page.getByTestId('contact-settings')).toContainText(de ? 'Kontakt-Recht' : 'Contact law')
    await expect(
      page
        .getByTestId('contact-settings')
        .getByRole('combobox', { name: de ? 'Rechtsprofil' : 'Legal profile' }),
    ).toHaveValue(de ? /Deutschland/ : /Germany/)
    await screenshot(page, `${project}-${language}-contact-6-settings`)

    // a call list with the objecting customer: the contact law refuses, and the refusal is on record
    expect((await page.request.get(`/api/contact/call-list?q=${encodeURIComponent(a)}`)).status()).toBe(200)

    // the audit log shows who did what
    await page.getByRole('link', { name: de ? 'Protokoll' : 'Audit log' }).click()
    const log = page.getByTestId('audit-log')
    await expect(log).toContainText(de ? 'Person gelöscht' : 'Person erased')
    await expect(log).toContainText(de ? 'Widerspruch erfasst' : 'Objection recorded')
    await expect(log).toContainText(de ? 'Sperrliste angewandt' : 'Suppression list applied')
    await expect(log).toContainText(de ? 'Einwilligungen importiert' : 'Consents imported')
    // in sentences, not keys: the file and its counts, customers by their number
    await expect(log).toContainText(
      `einwilligungen-${language}.csv: 1 ${de ? 'Einwilligungen, 0 Widersprüche' : 'consents, 0 objections'}`,
    )
    await expect(log).not.toContainText('customerNumbers:')
    await expect(log.getByRole('link').first()).not.toHaveText(/^#/)
    await screenshot(page, `${project}-${language}-contact-7-audit`)

    // and every answer of the contact law, with its reasons
    await page.getByRole('tab', { name: de ? 'Kontaktentscheidungen' : 'Contact decisions' }).click()
    const decisions = page.getByTestId('contact-decision-log')
    const refusal = decisions.locator('tbody tr', { hasText: a }).first()
    await expect(refusal).toContainText(de ? 'Anrufliste · Telefon' : 'Call list · Phone')
    await expect(refusal).toContainText(de ? 'Nicht erlaubt' : 'Not allowed')
    await page.getByLabel(de ? 'nur abgelehnte' : 'refused only').check()
    await expect(decisions.locator('tbody tr').first()).toBeVisible()
    await expect(decisions.locator('tbody tr[data-allowed="true"]')).toHaveCount(0)
    await screenshot(page, `${project}-${language}-contact-8-decisions`)
  })
}
