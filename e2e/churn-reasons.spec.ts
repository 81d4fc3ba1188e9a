import fs from 'node:fs'
import { expect, test } from '@playwright/test'
import ExcelJS from 'exceljs'
import { screenshot, signIn } from './helpers'

for (const language of ['de', 'en'] as const) {
  const de = language === 'de'

  test(`${language}: record why a lost customer left, see the cause overview as a Pareto chart, download it`, async ({
    page,
  }, testInfo) => {
    const project = testInfo.project.name
    await signIn(page, language)
    // a lost customer of the demo company, the one with the largest annual revenue before the loss
    await page.goto('/customers?status=lost&sort=annualRevenue&dir=desc')
    const row = page
      .getByTestId('customer-table')
      .getByRole('row')
      .nth(de ? 1 : 2)
    const name = (await row.getByRole('link').first().textContent())!.trim()
    await row.getByRole('link').first().click()
    await expect(page.getByTestId('customer-name')).toHaveText(name)

    const card = page.getByTestId('reasons-card')
    await card.getByTestId('record-reason').click()
    const dialog = page.getByRole('dialog')
    await dialog.getByTestId('reason-select').click()
    const reason = de
      ? 'Lieferzeit oder -zuverlässigkeit (hausgemacht)'
      : 'Delivery speed or reliability (home-made)'
    await page.getByRole('option', { name: reason }).click()
    await dialog.getByLabel(de ? 'Notiz' : 'Note').fill('Zweimal zu spät geliefert')
    await dialog.getByLabel(de ? 'Kosten der Behebung (€)' : 'Cost of fixing (€)').fill('150,00')
    await dialog.getByTestId('reason-save').click()
    await expect(dialog).toBeHidden()
    await expect(card).toContainText(
      de ? 'Lieferzeit oder -zuverlässigkeit' : 'Delivery speed or reliability',
    )
    await expect(card).toContainText('Zweimal zu spät geliefert')
    await screenshot(page, `${project}-${language}-churn-1-reason`)

    await page.getByRole('link', { name: de ? 'Ursachen' : 'Reasons', exact: true }).click()
    await expect(page.getByRole('heading', { name: de ? 'Verlustursachen' : 'Churn reasons' })).toBeVisible()
    await expect(page.getByRole('img', { name: de ? 'Verlustursachen' : 'Churn reasons' })).toBeVisible()
    const table = page.getByTestId('causes-table')
    await expect(table).toContainText(
      de ? 'Lieferzeit oder -zuverlässigkeit' : 'Delivery speed or reliability',
    )
    await expect(page.getByTestId('controllable-share')).toContainText(
      de ? 'hausgemachte Gründe' : 'home-made reasons',
    )
    await screenshot(page, `${project}-${language}-churn-2-overview`)

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('causes-csv').click()])
    expect(csv.suggestedFilename()).toMatch(de ? /^verlustursachen-.*\.csv$/ : /^churn-reasons-.*\.csv$/)
    const text = fs.readFileSync((await csv.path())!, 'utf8')
    expect(text).toContain(de ? 'Grund;Art;Verlorene Kunden' : 'Reason,Kind,Lost customers')
    expect(text).toContain(
      de ? 'Lieferzeit oder -zuverlässigkeit;hausgemacht' : 'Delivery speed or reliability,home-made',
    )

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('causes-xlsx').click()])
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile((await xlsx.path())!)
    const sheet = workbook.worksheets[0]!
    expect(sheet.getRow(1).getCell(1).value).toBe(de ? 'Grund' : 'Reason')

    // the catalogue is editable by admins
    await expect(page.getByTestId('reason-catalogue')).toContainText(
      de ? 'Katalog der Gründe' : 'Catalogue of reasons',
    )
  })
}
