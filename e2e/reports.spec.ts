import fs from 'node:fs'
import { expect, test } from '@playwright/test'
import { screenshot, signIn } from './helpers'

for (const language of ['de', 'en'] as const) {
  const de = language === 'de'

  test(`${language}: a manager reads what win-back earned: rate, uplift against control, profit, fluctuation`, async ({
    page,
  }) => {
    await signIn(page, language, { email: 'leitung@winback.demo', password: 'winback-demo' })
    await page.getByRole('link', { name: de ? 'Berichte' : 'Reports', exact: true }).click()
    await expect(
      page.getByRole('heading', { name: de ? 'Was die Rückgewinnung bringt' : 'What win-back earns' }),
    ).toBeVisible()
    await expect(page.getByTestId('report-rate')).toHaveText(/%/)
    await expect(page.getByTestId('report-uplift')).toContainText(de ? 'Prozentpunkte' : 'percentage points')
    await expect(page.getByTestId('report-profit')).toContainText('€')
    await expect(page.getByTestId('fluctuation-chart').locator('svg').first()).toBeVisible()
    await expect(page.getByTestId('base-chart').locator('svg').first()).toBeVisible()
    await expect(page.getByTestId('report-value-forward')).toContainText(
      de ? 'Künftiger Kundenwert' : 'Future value',
    )
    await expect(page.getByTestId('report-campaigns')).toContainText('Frühjahrsaktion')
    await screenshot(page, `${language}-reports`)
    // the period is typed the reader's way, whatever the browser's language
    const from = page.getByRole('textbox', { name: de ? 'Von' : 'From' })
    await expect(from).toHaveValue(de ? /^\d{2}\.\d{2}\.\d{4}$/ : /^\d{2}\/\d{2}\/\d{4}$/)
    await from.fill(de ? '01.01.2026' : '01/01/2026')
    await from.press('Escape')
    await expect(page.getByTestId('report-csv')).toHaveAttribute('href', /from=2026-01-01/)
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()])
    expect(csv.suggestedFilename()).toMatch(
      de ? /^rueckgewinnung-bericht-.*\.csv$/ : /^win-back-report-.*\.csv$/,
    )
    const text = fs.readFileSync((await csv.path())!, 'utf8')
    expect(text).toContain(de ? 'Aufteilung;Gruppe;Versuche' : 'Dimension,Group,Attempts')

    // the campaign itself says what it earned
    await page.getByRole('link', { name: de ? 'Kampagnen' : 'Campaigns', exact: true }).click()
    await page.getByRole('link', { name: /Frühjahrsaktion/ }).click()
    await expect(page.getByTestId('campaign-results')).toBeVisible()
    await expect(page.getByTestId('results-verdict')).not.toHaveText(de ? 'Noch zu früh' : 'Too early')
    await screenshot(page, `${language}-campaign-results`)
  })
}
