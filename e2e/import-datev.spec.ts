import fs from 'node:fs'
import { expect, type Page, test } from '@playwright/test'
import { screenshot, signIn } from './helpers'

/** Downloads an example file from the import page; `accounts` renumbers its debtors (10001 → 60001: the demo company's numbers start at 10001). */
async function downloadExample(page: Page, name: string, accounts: string): Promise<string> {
  const download = page.waitForEvent('download')
  await page.getByTestId('example-files').getByRole('link', { name, exact: true }).click()
  const file = await (await download).path()
  const text = fs.readFileSync(file, 'latin1').replace(/(^|;)1000(\d)(?=;|\r?$)/gm, `$1${accounts}$2`)
  fs.writeFileSync(file, text, 'latin1')
  return file
}

async function importFile(page: Page, file: string, name: string, de: boolean) {
  await page
    .locator('input[type=file]')
    .first()
    .setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: fs.readFileSync(file),
    })
  await page.getByRole('button', { name: de ? 'Hochladen und prüfen' : 'Upload and check' }).click()
  await expect(page.getByTestId('detected')).toContainText(
    de ? 'DATEV (Buchungsstapel, Debitoren)' : 'DATEV (bookings, debtors)',
  )
  await expect(page.getByTestId('detected')).toContainText('windows-1252')
}

for (const language of ['de', 'en'] as const) {
  const de = language === 'de'
  const accounts = de ? '6000' : '6100'

  test(`${language}: import a DATEV Debitoren file and its Buchungsstapel, see the customers classified`, async ({
    page,
  }, testInfo) => {
    await signIn(page, language)
    await page.getByRole('link', { name: 'Import', exact: true }).click()
    await page.getByTestId('import-format').click()
    await page
      .getByRole('option', { name: de ? 'DATEV (Buchungsstapel, Debitoren)' : 'DATEV (bookings, debtors)' })
      .click()
    const examples = page.getByTestId('example-files')
    await expect(examples.getByRole('link')).toHaveCount(2)
    const debtors = await downloadExample(
      page,
      de ? 'DATEV Debitoren' : 'DATEV Debitoren (debtors)',
      accounts,
    )
    const bookings = await downloadExample(
      page,
      de ? 'DATEV Buchungsstapel' : 'DATEV Buchungsstapel (bookings)',
      accounts,
    )

    // the master data first; chosen as "sales", the file says it holds customers
    await importFile(page, debtors, 'EXTF_Debitoren.csv', de)
    await expect(page.getByTestId('kind-from-file')).toContainText(
      de ? 'Kundenstammdaten' : 'Customer master data',
    )
    await screenshot(page, `${testInfo.project.name}-${language}-datev-1-debtors-preview`)
    await page.getByRole('button', { name: de ? 'Import starten' : 'Start import' }).click()
    const result = page.getByTestId('import-result')
    await expect(result).toHaveAttribute('data-status', 'succeeded')
    await expect(result).toContainText(de ? '3 Kunden neu' : '3 customers new')

    await page.getByRole('button', { name: de ? 'Weitere Datei importieren' : 'Import another file' }).click()
    await importFile(page, bookings, 'EXTF_Buchungsstapel_2025.csv', de)
    await expect(page.getByTestId('detected')).toContainText(de ? '11 Zeilen' : '11 rows')
    await page.getByRole('button', { name: de ? 'Import starten' : 'Start import' }).click()
    await expect(result).toHaveAttribute('data-status', 'succeeded')
    await expect(result).toContainText(de ? '0 Kunden neu' : '0 customers new')
    await expect(result).toContainText(de ? '7 Belege neu' : '7 documents new')
    await screenshot(page, `${testInfo.project.name}-${language}-datev-2-bookings-result`)

    // the customers carry the Debitoren names and a status from their bookings
    await page.goto(`/customers?q=${accounts}`)
    const table = page.getByTestId('customer-table')
    const status = de
      ? /Aktiv|Gefährdet|Schlafend|Verloren|Neukunde|Reaktiviert/
      : /Active|At risk|Sleeping|Lost|New|Reactivated/
    for (const name of ['Müller Maschinenbau GmbH', 'Weiß & Söhne KG']) {
      const row = table.getByRole('row', { name: new RegExp(name.replace(/[&.]/g, '.')) })
      await expect(row).toHaveCount(1)
      await expect(row).toContainText(status)
    }
    await screenshot(page, `${testInfo.project.name}-${language}-datev-3-customers`)
    await table.getByRole('link', { name: 'Weiß & Söhne KG' }).click()
    await expect(page.getByTestId('customer-name')).toHaveText('Weiß & Söhne KG')
    // the reversed invoice is there, and not a purchase; the credit note of Müller is on Müller's page
    await expect(page.getByTestId('documents')).toContainText('RE-2026-003')
    await expect(page.getByTestId('documents')).toContainText('RE-2025-104')
    await screenshot(page, `${testInfo.project.name}-${language}-datev-4-customer`)
  })
}
