import fs from 'node:fs'
import { expect, test } from '@playwright/test'
import ExcelJS from 'exceljs'
import { screenshot, signIn } from './helpers'

for (const language of ['de', 'en'] as const) {
  const de = language === 'de'

  test(`${language}: record why a lost customer left, see the cause overview and the win-back list with its curve, download both`, async ({
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

    // what sales knows about winning this customer back
    const assessment = page.getByTestId('assessment-card')
    await assessment.getByRole('combobox', { name: de ? 'Beziehung' : 'Relationship' }).click()
    await page.getByRole('option', { name: de ? '5 – sehr leicht' : '5 – very easy' }).click()
    await assessment.getByTestId('assessment-save').click()
    await expect(page.getByText(de ? 'Gespeichert' : 'Saved', { exact: true })).toBeVisible()

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

    // the win-back list: who first, the effort curve, where to stop; as CSV and Excel
    await page.getByRole('link', { name: de ? 'Rückgewinnung' : 'Win-back', exact: true }).click()
    await expect(
      page.getByRole('heading', { name: de ? 'Rückgewinnung' : 'Win-back', level: 2 }),
    ).toBeVisible()
    await expect(
      page.getByRole('img', { name: de ? 'Aufwandskurve (Pareto)' : 'Effort curve (Pareto)' }),
    ).toBeVisible()
    await expect(page.getByTestId('eighty-percent')).toContainText(
      de ? '80 % des Ergebnisses nach' : '80 % of the result after',
    )
    await expect(page.getByTestId('stop-here')).toBeVisible()
    const winback = page.getByTestId('winback-table')
    await expect(winback.getByRole('row').nth(1)).toContainText('1')
    await screenshot(page, `${project}-${language}-churn-3-winback`)
    await page.getByTestId('winback-sort').click()
    await page.getByRole('option', { name: de ? 'Leichteste zuerst' : 'Easiest first' }).click()
    await expect(page.getByTestId('winback-sort')).toHaveValue(de ? 'Leichteste zuerst' : 'Easiest first')

    const [listCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('winback-csv').click(),
    ])
    expect(listCsv.suggestedFilename()).toMatch(de ? /^rueckgewinnung-.*\.csv$/ : /^win-back-.*\.csv$/)
    const listText = fs.readFileSync((await listCsv.path())!, 'utf8')
    expect(listText).toContain(de ? 'Rang;Kundennr.;Name' : 'Rank,Customer no.,Name')
    expect(listText.split('\r\n').length).toBeGreaterThan(3)
    const [listXlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('winback-xlsx').click(),
    ])
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile((await listXlsx.path())!)
    expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe(de ? 'Rang' : 'Rank')
    expect(book.worksheets[0]!.rowCount).toBeGreaterThan(2)

    // the catalogue is editable by admins
    await page.getByRole('link', { name: de ? 'Ursachen' : 'Reasons', exact: true }).click()
    await expect(page.getByTestId('reason-catalogue')).toContainText(
      de ? 'Katalog der Gründe' : 'Catalogue of reasons',
    )
  })
}
