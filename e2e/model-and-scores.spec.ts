import { expect, test } from '@playwright/test'
import { formatDate } from '../src/shared/i18n/format'
import { screenshot, signIn } from './helpers'

/** today − one year, as a person types it in each language */
function typed(language: 'de' | 'en', yearsAgo: number): string {
  const d = new Date()
  d.setUTCFullYear(d.getUTCFullYear() - yearsAgo)
  return formatDate(d.toISOString().slice(0, 10), language)
}

for (const language of ['de', 'en'] as const) {
  const de = language === 'de'

  // German: ask for BG/NBD as of today; English: let the holdout choose among all three
  const requested = de ? { option: 'BG/NBD', model: 'BG/NBD' } : null

  test(`${language}: look at the model, score again, and read a customer's outlook`, async ({
    page,
  }, testInfo) => {
    await signIn(page, language)
    await page.getByRole('link', { name: de ? 'Modell' : 'Model', exact: true }).click()
    await expect(
      page.getByRole('heading', { name: de ? 'Kundenbasis-Modell' : 'Customer-base model' }),
    ).toBeVisible()
    // the demo company was scored when it was loaded
    await expect(page.getByTestId('chosen-model')).toContainText(de ? 'Gewähltes Modell' : 'Chosen model')
    await expect(page.getByTestId('candidates').locator('tbody tr').first()).toBeVisible()
    await expect(
      page
        .getByRole('img', {
          name: de ? 'Wahrscheinlichkeit, noch aktiv' : 'Probability of still being active',
        })
        .locator('svg'),
    ).toBeVisible()
    await screenshot(page, `${testInfo.project.name}-${language}-6-model`)

    if (requested) {
      await page.getByRole('combobox', { name: de ? 'Modell' : 'Model', exact: true }).click()
      await page.getByRole('option', { name: requested.option, exact: true }).click()
      await page
        .getByRole('textbox', { name: de ? 'Kalibrierungsende' : 'Calibration end' })
        .fill(typed(language, 0))
    } else {
      await page
        .getByRole('textbox', { name: de ? 'Kalibrierungsende' : 'Calibration end' })
        .fill(typed(language, 1))
      await page.getByRole('textbox', { name: de ? 'Holdout-Ende' : 'Holdout end' }).fill(typed(language, 0))
    }
    const before = (await page.getByTestId('run-created').getAttribute('data-created')) ?? ''
    await page.getByRole('button', { name: de ? 'Neu bewerten' : 'Score again' }).click()
    await expect(page.getByTestId('run-created')).not.toHaveAttribute('data-created', before, {
      timeout: 60_000,
    })
    if (requested) {
      await expect(page.getByTestId('chosen-model')).toHaveText(`Gewähltes Modell: ${requested.model}`)
      await expect(page.getByText('so angefordert')).toBeVisible()
      await expect(page.getByTestId('candidates').locator('tbody tr')).toHaveCount(1)
    } else {
      await expect(page.getByText('chosen by how probable it made the purchases')).toBeVisible()
      await expect(page.getByTestId('candidates').locator('tbody tr')).toHaveCount(3)
      await expect(page.getByTestId('candidates')).toContainText('Pareto/NBD')
      // each candidate's holdout log-likelihood and its holdout total against the actual one
      await expect(page.getByTestId('candidates').getByRole('columnheader')).toContainText([
        'Holdout log-likelihood',
        'Holdout total',
      ])
      await expect(page.getByTestId('candidates').locator('tbody tr').first()).toContainText(
        /\d \([+−±][\d.]+ %\)/,
      )
      // the holdout year: actual against expected repeat purchases, period by period
      const tracking = page.getByRole('img', { name: 'Repeat purchases per period' })
      await expect(tracking.locator('svg')).toBeVisible()
      // a dated axis, days written the reader's way, and the holdout's start marked
      await expect(
        tracking
          .locator('svg text')
          .filter({ hasText: /^\d{2}\/\d{2}\/\d{4}$/ })
          .first(),
      ).toBeVisible()
      await expect(tracking.locator('svg text').filter({ hasText: 'Holdout starts' })).toBeVisible()
    }
    await expect(page.getByTestId('params')).toContainText('alpha')
    await screenshot(page, `${testInfo.project.name}-${language}-7-model-rescored`)

    await page.getByRole('link', { name: de ? 'Kunden' : 'Customers', exact: true }).click()
    const table = page.getByTestId('customer-table')
    await table.getByTestId('sort-clv').click()
    // figures sort largest first
    await expect(page).toHaveURL(/sort=clv/)
    await expect(page).toHaveURL(/dir=desc/)
    const first = table.locator('tbody tr').first()
    await expect(first).toContainText('%')
    await screenshot(page, `${testInfo.project.name}-${language}-8-customers-by-clv`)
    await first.getByRole('link').first().click()
    const card = page.getByTestId('score-card')
    await expect(card).toContainText(de ? 'Prognose' : 'Outlook')
    await expect(page.getByTestId('score-explanation')).toContainText(de ? '% aktiv' : 'likely still active')
    await expect(card).toContainText(de ? 'Kundenwert (CLV)' : 'Customer value (CLV)')
    if (requested) await expect(card).toContainText(requested.model)
    await screenshot(page, `${testInfo.project.name}-${language}-9-customer-outlook`)
  })
}

test('de: BG/BB by year for customers who buy once a year, then back to the automatic choice', async ({
  page,
}, testInfo) => {
  await signIn(page, 'de')
  await page.getByRole('link', { name: 'Modell', exact: true }).click()
  const model = page.getByRole('combobox', { name: 'Modell', exact: true })
  await model.click()
  await page.getByRole('option', { name: 'BG/BB (Perioden, z. B. Spenden je Jahr)' }).click()
  // BG/BB counts periods: the time unit becomes a period, a year to begin with
  await expect(page.getByRole('combobox', { name: 'Periode' })).toHaveValue('Jahr')
  await page.getByRole('combobox', { name: 'Periode' }).click()
  await expect(page.getByRole('option', { name: 'Quartal' })).toBeVisible()
  await expect(page.getByRole('option', { name: 'Wochen' })).toHaveCount(0)
  await page.getByRole('option', { name: 'Jahr' }).click()
  const before = (await page.getByTestId('run-created').getAttribute('data-created')) ?? ''
  await page.getByRole('button', { name: 'Neu bewerten' }).click()
  await expect(page.getByTestId('run-created')).not.toHaveAttribute('data-created', before, {
    timeout: 60_000,
  })
  await expect(page.getByTestId('chosen-model')).toHaveText('Gewähltes Modell: BG/BB')
  await expect(page.getByTestId('params')).toContainText('gamma')
  await expect(page.getByTestId('run-created')).toContainText('Kalibrierung bis')
  await screenshot(page, `${testInfo.project.name}-de-7b-model-bgbb`)

  await page.getByRole('link', { name: 'Kunden', exact: true }).click()
  await page.getByTestId('customer-table').getByTestId('sort-clv').click()
  await page.getByTestId('customer-table').locator('tbody tr').first().getByRole('link').first().click()
  await expect(page.getByTestId('score-explanation')).toContainText('in 1 Jahr')
  await expect(page.getByTestId('score-card')).toContainText('BG/BB')

  // back to the automatic choice, as the other tests expect
  await page.getByRole('link', { name: 'Modell', exact: true }).click()
  await model.click()
  await page.getByRole('option', { name: 'Automatisch wählen' }).click()
  await expect(page.getByRole('combobox', { name: 'Zeiteinheit' })).toHaveValue('Wochen')
  const bgbbRun = (await page.getByTestId('run-created').getAttribute('data-created')) ?? ''
  await page.getByRole('button', { name: 'Neu bewerten' }).click()
  await expect(page.getByTestId('run-created')).not.toHaveAttribute('data-created', bgbbRun, {
    timeout: 60_000,
  })
  await expect(page.getByTestId('chosen-model')).not.toHaveText('Gewähltes Modell: BG/BB')
})
