import { expect, type Page, test } from '@playwright/test'
import { signIn } from './helpers'

const scrollY = (page: Page) => page.evaluate(() => window.scrollY)

for (const language of ['de', 'en'] as const) {
  const de = language === 'de'

  test(`${language}: the way back from a customer returns to the filtered list, its page and its place`, async ({
    page,
  }) => {
    await signIn(page, language)
    await page.goto('/customers?status=lost')
    const table = page.getByTestId('customer-table')
    const rows = table.locator('tbody tr')
    await expect(rows).toHaveCount(50)
    const firstOfPage1 = await rows.first().getByRole('link').innerText()
    await page.getByRole('button', { name: de ? 'Nächste Seite' : 'Next page' }).click()
    await expect(page).toHaveURL(/status=lost/)
    await expect(page).toHaveURL(/page=2/)
    // page 1 stays on screen until page 2 has come
    await expect(rows.first().getByRole('link')).not.toHaveText(firstOfPage1)
    const first = await rows.first().getByRole('link').innerText()
    // a customer far down the page
    const target = rows.nth(30).getByRole('link')
    await target.scrollIntoViewIfNeeded()
    const place = await scrollY(page)
    expect(place).toBeGreaterThan(300)
    const name = await target.innerText()
    await target.click()
    await expect(page.getByTestId('customer-name')).toHaveText(name)
    expect(await scrollY(page)).toBeLessThan(50)

    // "← Zurück": the same list, page and place
    await page.getByTestId('back').click()
    await expect(page).toHaveURL(/status=lost/)
    await expect(page).toHaveURL(/page=2/)
    await expect(rows.first().getByRole('link')).toHaveText(first)
    await expect.poll(() => scrollY(page)).toBeGreaterThan(place - 40)
    expect(Math.abs((await scrollY(page)) - place)).toBeLessThan(40)

    // the browser's back button does the same
    await rows.nth(30).getByRole('link').click()
    await expect(page.getByTestId('customer-name')).toHaveText(name)
    await page.goBack()
    await expect(page).toHaveURL(/page=2/)
    await expect(rows.first().getByRole('link')).toHaveText(first)
    await expect.poll(() => scrollY(page)).toBeGreaterThan(place - 40)

    // the win-back list keeps its sort and how far it was shown
    await page.goto('/winback')
    await page.getByTestId('winback-sort').click()
    await page.getByRole('option', { name: de ? 'Leichteste zuerst' : 'Easiest first' }).click()
    await expect(page).toHaveURL(/sort=ease/)
    // the re-sorted list has arrived (until then the previous one is shown, and a click can be lost)
    await page.waitForLoadState('networkidle')
    const winbackRows = page.getByTestId('winback-table').locator('tbody tr')
    await expect(winbackRows).toHaveCount(50)
    await page.getByRole('button', { name: de ? /Weitere anzeigen/ : /Show more/ }).click()
    await expect(page).toHaveURL(/shown=100/)
    await expect(winbackRows).toHaveCount(100)
    const top = await winbackRows.first().getByRole('link').first().innerText()
    await winbackRows.nth(60).getByRole('link').first().click()
    await expect(page.getByTestId('customer-name')).toBeVisible()
    await page.goBack()
    await expect(page).toHaveURL(/sort=ease/)
    await expect(winbackRows).toHaveCount(100)
    await expect(winbackRows.first().getByRole('link').first()).toHaveText(top)
  })
}
