import { expect, type Page, test } from '@playwright/test'
import { screenshot, signIn } from './helpers'

test.use({ viewport: { width: 390, height: 844 } })

/** Nothing wider than the screen: no table cut off at the right edge. */
async function fitsTheScreen(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(1)
}

for (const language of ['de', 'en'] as const) {
  const de = language === 'de'

  test(`${language}: on a phone the customer list, the win-back list and the Tagesliste are cards that fit the screen`, async ({
    page,
  }, testInfo) => {
    await signIn(
      page,
      language,
      { email: 'deniz.yilmaz@winback.demo', password: 'winback-demo' },
      {
        de: 'Tagesliste',
        en: 'Daily list',
      },
    )
    await fitsTheScreen(page)
    await screenshot(page, `${testInfo.project.name}-${language}-phone-1-worklist`)

    // a rep's menu: the day's work, not the model's technical figures (for managers)
    await page.getByRole('button', { name: de ? 'Menü' : 'Menu' }).click()
    const nav = page.getByRole('navigation')
    await expect(nav.getByRole('link', { name: de ? 'Tagesliste' : 'Daily list', exact: true })).toBeVisible()
    await expect(nav.getByRole('link', { name: de ? 'Modell' : 'Model', exact: true })).toHaveCount(0)
    await screenshot(page, `${testInfo.project.name}-${language}-phone-1b-menu`)
    await page.getByRole('button', { name: de ? 'Menü' : 'Menu' }).click()
    await page.goto('/model')
    await expect(page).not.toHaveURL(/\/model/)

    await page.goto('/customers?status=lost')
    const cards = page.getByTestId('customer-card')
    await expect(cards.first()).toBeVisible()
    await expect(page.getByTestId('customer-table')).toHaveCount(0)
    await expect(cards.first()).toContainText(de ? 'Verloren' : 'Lost')
    await expect(cards.first()).toContainText(de ? 'Letzter Kauf' : 'Last purchase')
    await fitsTheScreen(page)
    await screenshot(page, `${testInfo.project.name}-${language}-phone-2-customers`)

    // cards have no column headers: a field and a direction sort them, kept in the URL
    await page.getByTestId('customer-sort').click()
    await page.getByRole('option', { name: de ? 'Letzter Kauf' : 'Last purchase', exact: true }).click()
    await expect(page).toHaveURL(/sort=lastPurchase/)
    await expect(page).toHaveURL(/dir=desc/)
    await page.getByTestId('customer-sort-dir').click()
    await expect(page).toHaveURL(/dir=asc/)
    await expect(cards.first()).toBeVisible()
    await fitsTheScreen(page)

    await page.goto('/winback')
    const winback = page.getByTestId('winback-card')
    await expect(winback.first()).toBeVisible()
    await expect(page.getByTestId('winback-table')).toHaveCount(0)
    await expect(winback.first()).toContainText(/^1\. /)
    await expect(winback.first().getByTestId('value-why')).not.toBeEmpty()
    await fitsTheScreen(page)
    await screenshot(page, `${testInfo.project.name}-${language}-phone-3-winback`)

    // the card leads to the customer, as the row does
    const name = (await winback.first().getByRole('link').innerText()).replace(/^1\. /, '')
    await winback.first().getByRole('link').click()
    await expect(page.getByTestId('customer-name')).toHaveText(name)
  })
}
