import { expect, test } from '@playwright/test'
import type { WinbackList } from '../src/shared/api/winback'
import { screenshot, signIn, windows1252File } from './helpers'

/** A German contract export: semicolon, dd.mm.yyyy, decimal comma, Windows-1252. */
function contractExport(customer: string, company: string): string {
  return [
    'Kundennummer;Firma;Ort;Branche;Vertragsnummer;Produkt;Vertragsbeginn;Vertragsende;Gekündigt am;Monatsbetrag',
    `${customer};${company};Lübeck;Hotellerie;${customer}-SV;Kaffeevollautomat Service;01.03.2024;;;129,00`,
    `${customer};${company};Lübeck;Hotellerie;${customer}-MV;Wasserspender Miete;01.06.2023;;;39,50`,
  ].join('\n')
}

for (const [index, language] of (['de', 'en'] as const).entries()) {
  const de = language === 'de'

  test(`${language}: manage a contract cancellation, record a win-back attempt and its outcome, see the model and the settings`, async ({
    page,
  }, testInfo) => {
    const project = testInfo.project.name
    await signIn(page, language)

    // contracts come in as a file: the import page takes a German contract export
    const customer = `V-${language.toUpperCase()}-${project.slice(0, 2).toUpperCase()}`
    const company = de ? 'Hotel Möwenblick GmbH' : 'Hotel Strandkörbe GmbH'
    const file = windows1252File(testInfo, `vertraege-${language}.csv`, contractExport(customer, company))
    await page.getByRole('link', { name: 'Import', exact: true }).click()
    await page.locator('input[type=file]').first().setInputFiles(file)
    await page.getByTestId('import-kind').click()
    await page
      .getByRole('option', {
        name: de
          ? 'Verträge (Abos, Service- und Mietverträge)'
          : 'Contracts (subscriptions, service and rental contracts)',
      })
      .click()
    await page.getByRole('button', { name: de ? 'Hochladen und prüfen' : 'Upload and check' }).click()
    // the German headers are mapped to the contract fields
    const mapped = page.getByTestId('mapping-table').locator('input')
    await expect
      .poll(() => mapped.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)))
      .toEqual(
        expect.arrayContaining(
          de
            ? ['Vertragsnummer', 'Vertragsbeginn', 'Gekündigt am', 'Monatsbetrag']
            : ['Contract number', 'Contract start', 'Cancelled on', 'Monthly value'],
        ),
      )
    await page.getByRole('button', { name: de ? 'Import starten' : 'Start import' }).click()
    const result = page.getByTestId('import-result')
    await expect(result).toHaveAttribute('data-status', 'succeeded')
    await expect(result).toContainText(de ? '2 Verträge neu' : '2 contracts new')
    await screenshot(page, `${project}-${language}-outcomes-0-contract-import`)

    // cancellation received → retention offer → withdrawn
    await page.getByRole('link', { name: de ? 'Kunden' : 'Customers', exact: true }).click()
    await page.getByLabel(de ? 'Suchen' : 'Search').fill(customer)
    await page.getByTestId('customer-table').getByRole('link', { name: company }).click()
    await expect(page.getByTestId('customer-name')).toHaveText(company)
    const card = page.getByTestId('contracts-card')
    const row = card.getByTestId(`contract-${customer}-SV`)
    await row.getByTestId('record-cancellation').click()
    let dialog = page.getByRole('dialog')
    await dialog.getByTestId('cancellation-reason').click()
    await page
      .getByRole('option', { name: de ? 'Preis-Leistung (hausgemacht)' : 'Value for money (home-made)' })
      .click()
    await dialog.getByLabel(de ? 'Notiz' : 'Note').fill('Konkurrenz bietet 15 % weniger')
    await dialog.getByTestId('cancellation-save').click()
    await expect(dialog).toBeHidden()
    await expect(row).toContainText(de ? 'offen' : 'open')
    await row.getByTestId('record-retention').click()
    dialog = page.getByRole('dialog')
    await dialog
      .getByRole('textbox', { name: de ? 'Angebot' : 'Offer', exact: true })
      .fill('3 Monate zum halben Preis')
    await dialog.getByLabel(de ? 'Wert des Angebots (€)' : 'Value of the offer (€)').fill('135,00')
    await dialog.getByTestId('retention-save').click()
    await expect(dialog).toBeHidden()
    await row.getByTestId('decide-cancellation').click()
    dialog = page.getByRole('dialog')
    await dialog.getByTestId('cancellation-outcome').click()
    await page.getByRole('option', { name: de ? 'Zurückgezogen' : 'Withdrawn' }).click()
    await dialog.getByTestId('cancellation-decide-save').click()
    await expect(dialog).toBeHidden()
    const history = card.getByTestId('cancellation-history')
    await expect(history.getByRole('row').nth(1)).toContainText(de ? 'zurückgezogen' : 'withdrawn')
    await expect(history.getByRole('row').nth(1)).toContainText('3 Monate zum halben Preis')
    await expect(page.getByTestId('reasons-card')).toContainText(de ? 'Preis-Leistung' : 'Value for money')
    await screenshot(page, `${project}-${language}-outcomes-1-cancellation`)

    // a win-back attempt on a lost customer of the list who has none yet: the law is asked, then the outcome
    const winback = (await (await page.request.get('/api/winback')).json()) as WinbackList
    const target = winback.items.filter((i) => i.lastAttempt === null)[index]!
    await page.goto(`/customers/${target.customerId}`)
    const attempts = page.getByTestId('attempts-card')
    await attempts.getByTestId('start-attempt').click()
    dialog = page.getByRole('dialog')
    await dialog.getByTestId('attempt-channel').click()
    await page.getByRole('option', { name: de ? 'Brief' : 'Letter' }).click()
    await dialog
      .getByRole('textbox', { name: de ? 'Angebot' : 'Offer', exact: true })
      .fill('10 % auf die nächste Bestellung')
    await dialog.getByTestId('attempt-save').click()
    await expect(dialog).toBeHidden()
    const table = attempts.getByTestId('attempts-table')
    await expect(table.getByRole('row').nth(1)).toContainText(de ? 'offen' : 'open')
    await expect(attempts.getByTestId('start-attempt')).toBeDisabled()
    await table.getByTestId('decide-attempt').first().click()
    dialog = page.getByRole('dialog')
    await dialog.getByTestId('attempt-outcome').click()
    await page.getByRole('option', { name: de ? 'zurückgewonnen' : 'won back' }).click()
    await expect(dialog.getByTestId('promise-hint')).toContainText(
      de ? 'erst mit einer Bestellung bis' : 'only with an order by',
    )
    await dialog.getByTestId('attempt-outcome-save').click()
    await expect(dialog).toBeHidden()
    // no order yet: the win-back is promised, not won, and waits for the first order
    await expect(table.getByRole('row').nth(1)).toContainText(de ? 'zugesagt' : 'promised')
    await expect(table.getByTestId('attempt-proof')).toContainText(
      de ? 'wartet auf die erste Bestellung' : 'waiting for the first order',
    )
    await screenshot(page, `${project}-${language}-outcomes-2-attempt`)

    // the customer left the list to call; every value on it says how it was reckoned
    await page.getByRole('link', { name: de ? 'Rückgewinnung' : 'Win-back', exact: true }).click()
    const listed = page.getByTestId('winback-table')
    await expect(listed.getByTestId('value-why').first()).toContainText(
      de ? 'Deckungsbeitrag im Jahr; zurückgewonnen' : 'margin a year; if won back',
    )
    await expect(listed.getByRole('link', { name: target.displayName, exact: true })).toHaveCount(0)
    await page.getByTestId('toggle-sorted-out').click()
    const sortedOut = page.getByTestId('sorted-out')
    await expect(
      sortedOut
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: target.displayName, exact: true }) }),
    ).toContainText(de ? 'zugesagt, wartet auf Bestellung' : 'promised, waiting for the first order')
    await screenshot(page, `${project}-${language}-outcomes-2b-winback-list`)

    // the list by status, and the learned model with its calibration
    await page.getByTestId('winback-status').click()
    await page.getByRole('option', { name: de ? 'Schlafend' : 'Sleeping' }).click()
    await expect(page.getByTestId('winback-status')).toHaveValue(de ? 'Schlafend' : 'Sleeping')
    await expect(
      page
        .getByTestId('winback-table')
        .or(page.getByText(de ? 'Keine Kunden mit diesem Status' : 'No customers with this status')),
    ).toBeVisible()
    const model = page.getByTestId('model-card')
    await expect(model.getByTestId('model-kind')).toHaveText(
      de ? 'Wahrscheinlichkeit: aus Ihren Ergebnissen gelernt' : 'Probability: learned from your outcomes',
    )
    await expect(model.getByTestId('model-outcomes')).toContainText(
      de ? 'Ergebnisse erfasst' : 'outcomes recorded',
    )
    await expect(
      model.getByRole('img', {
        name: de ? 'Kalibrierung: vorhergesagt gegen beobachtet' : 'Calibration: predicted against observed',
      }),
    ).toBeVisible()
    await expect(model.getByTestId('model-brier')).toContainText('Brier')
    await model.scrollIntoViewIfNeeded()
    await screenshot(page, `${project}-${language}-outcomes-3-model`)

    // retention in numbers on the cause overview
    await page.getByRole('link', { name: de ? 'Ursachen' : 'Reasons', exact: true }).click()
    const retention = page.getByTestId('retention-card')
    await expect(retention).toContainText(de ? 'Halterate' : 'Retention rate')
    await expect(retention.getByTestId('retention-by-offer')).toContainText('3 Monate zum halben Preis')

    // the costs behind the list are settings a manager can change
    await page.getByRole('link', { name: de ? 'Einstellungen' : 'Settings', exact: true }).click()
    const settings = page.getByTestId('winback-settings')
    const visit = settings.getByLabel(de ? 'Besuch' : 'Visit')
    await visit.fill('75')
    await settings.getByTestId('winback-settings-save').click()
    await expect(page.getByText(de ? 'Gespeichert' : 'Saved', { exact: true }).first()).toBeVisible()
    await screenshot(page, `${project}-${language}-outcomes-4-settings`)
    const saved = (await (await page.request.get('/api/winback/settings')).json()) as {
      minutesPerChannel: { visit: number }
    }
    expect(saved.minutesPerChannel.visit).toBe(75)
  })
}
