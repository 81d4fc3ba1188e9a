import { expect, type Page, test } from '@playwright/test'
import type { CustomerDetail, CustomerList } from '../src/shared/api/customers'
import type { WinbackList } from '../src/shared/api/winback'
import { screenshot, signIn } from './helpers'

/** The n-th demo customer with a running contract and no open cancellation (the API shares the page's session). */
async function customerWithRunningContract(page: Page, n: number) {
  const list = (await (
    await page.request.get('/api/customers?segment=Hotellerie&pageSize=500')
  ).json()) as CustomerList
  let found = 0
  for (const item of list.items) {
    const detail = (await (await page.request.get(`/api/customers/${item.id}`)).json()) as CustomerDetail
    const running = detail.contracts.find((k) => !k.cancelledOn && !k.endsOn)
    if (running && found++ === n) return { id: item.id, contract: running.number! }
  }
  throw new Error('no demo customer with a running contract')
}

for (const [index, language] of (['de', 'en'] as const).entries()) {
  const de = language === 'de'

  test(`${language}: manage a contract cancellation, record a win-back attempt and its outcome, see the model and the settings`, async ({
    page,
  }, testInfo) => {
    const project = testInfo.project.name
    await signIn(page, language)

    // cancellation received → retention offer → withdrawn
    const { id, contract } = await customerWithRunningContract(page, index)
    await page.goto(`/customers/${id}`)
    const card = page.getByTestId('contracts-card')
    const row = card.getByTestId(`contract-${contract}`)
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
    await dialog.getByTestId('attempt-outcome-save').click()
    await expect(dialog).toBeHidden()
    await expect(table.getByRole('row').nth(1)).toContainText(de ? 'zurückgewonnen' : 'won back')
    await screenshot(page, `${project}-${language}-outcomes-2-attempt`)

    // the list by status, and the learned model with its calibration
    await page.getByRole('link', { name: de ? 'Rückgewinnung' : 'Win-back', exact: true }).click()
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
