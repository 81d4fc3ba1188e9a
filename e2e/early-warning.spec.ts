import { expect, test } from '@playwright/test'
import type { CustomerList } from '../src/shared/api/customers'
import type { EarlyWarningListDto } from '../src/shared/api/prevention'
import { screenshot, signIn } from './helpers'

const PASSWORD = 'winback-demo'

for (const [index, language] of (['de', 'en'] as const).entries()) {
  const de = language === 'de'

  test(`${language}: a rep records a complaint and the customer is on the early warning at once`, async ({
    page,
  }) => {
    await signIn(
      page,
      language,
      { email: 'deniz.yilmaz@winback.demo', password: PASSWORD },
      {
        de: 'Tagesliste',
        en: 'Daily list',
      },
    )
    // an active customer of the rep's not on the list yet (each language takes another)
    const warned = (await (await page.request.get('/api/early-warnings')).json()) as EarlyWarningListDto
    const onList = new Set(warned.items.map((i) => i.customerId))
    const active = (await (
      await page.request.get('/api/customers?status=active&pageSize=100')
    ).json()) as CustomerList
    const customer = active.items.filter((c) => !onList.has(c.id))[index]!
    expect(customer).toBeDefined()

    await page.goto(`/customers/${customer.id}`)
    const card = page.getByTestId('warning-signs')
    await expect(card).toContainText(de ? 'Keine Warnzeichen erfasst.' : 'No warning signs recorded.')
    await card.getByTestId('warning-sign-add').click()
    const note = de ? 'Rechnung doppelt gestellt' : 'Invoice sent twice'
    await page.getByRole('textbox', { name: de ? 'Notiz' : 'Note' }).fill(note)
    await page.getByTestId('warning-sign-save').click()
    await expect(card).toContainText(note)
    await expect(card).toContainText(de ? 'Beschwerde' : 'Complaint')
    await expect(page.getByTestId('timeline')).toContainText(de ? 'Warnzeichen' : 'Warning sign')

    await page.getByRole('link', { name: de ? 'Frühwarnung' : 'Early warning', exact: true }).click()
    await expect(
      page.getByRole('heading', { name: de ? 'Frühwarnung' : 'Early warning', exact: true }),
    ).toBeVisible()
    await page
      .getByText(de ? 'Neu diese Woche' : 'New this week', { exact: true })
      .first()
      .click()
    const row = page.getByTestId('early-warnings').getByRole('row').filter({ hasText: customer.displayName })
    await expect(row).toContainText(note)
    await expect(row).toContainText(de ? 'Beschwerde am' : 'Complaint on')
    await expect(row).toContainText(de ? 'neu' : 'new')
    await screenshot(page, `${language}-early-warning-rep`)
  })

  test(`${language}: a manager reads the early warning: signals, risk, value at stake, the step to take`, async ({
    page,
  }) => {
    await signIn(page, language, { email: 'leitung@winback.demo', password: PASSWORD })
    await page.getByRole('link', { name: de ? 'Frühwarnung' : 'Early warning', exact: true }).click()
    const table = page.getByTestId('early-warnings')
    await expect(table).toBeVisible()
    await expect(table).toContainText(de ? 'P(aktiv) ist seit der letzten Bewertung' : 'P(alive) fell from')
    await expect(table).toContainText(de ? 'Überfällig' : 'Overdue')
    await expect(page.getByTestId('early-warning-total')).not.toHaveText('0')
    // worked out again in the background, with progress, and the list stays
    await page.getByTestId('early-warning-refresh').click()
    await expect(page.getByTestId('early-warning-refresh')).toBeEnabled()
    await expect(table).toBeVisible()
    await screenshot(page, `${language}-early-warning`)
  })
}
