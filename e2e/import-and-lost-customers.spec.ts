import { expect, test } from '@playwright/test'
import { screenshot, signIn, windows1252File } from './helpers'

/** A German ERP export: semicolon, decimal comma, dd.mm.yyyy and dd.mm.yy, Windows-1252, a credit note. */
function erpExport(prefix: string, company: string): string {
  const rows = [
    'Kundennummer;Firma;Anrede;Vorname;Nachname;PLZ;Ort;Branche;Belegart;Belegnummer;Bezugsbeleg;Datum;Netto;Brutto',
  ]
  for (let month = 1; month <= 12; month++) {
    const mm = String(month).padStart(2, '0')
    rows.push(
      `${prefix}-1;${company};Frau;Jördis;Weiß;80331;München;Gastronomie;Rechnung;${prefix}-RE-${mm};;15.${mm}.2022;1.234,50;1.469,06`,
    )
  }
  rows.push(
    `${prefix}-1;${company};Frau;Jördis;Weiß;80331;München;Gastronomie;Gutschrift;${prefix}-GS-1;${prefix}-RE-12;20.12.22;234,50;279,06`,
  )
  rows.push(
    `${prefix}-2;Metzgerei Größer KG;Herr;Björn;Groß;50667;Köln;Einzelhandel;Rechnung;${prefix}-RE-20;;01.02.2023;99,00;117,81`,
  )
  return `${rows.join('\n')}\n`
}

for (const language of ['de', 'en'] as const) {
  const de = language === 'de'
  const company = de ? 'Bäckerei Süßmann GmbH' : 'Café Ölmühle & Söhne GmbH'

  test(`${language}: sign in, import a German Windows-1252 CSV, see the lost customers and open one`, async ({
    page,
  }, testInfo) => {
    const code = `${de ? 'DE' : 'EN'}${testInfo.project.name.slice(0, 2).toUpperCase()}`
    const file = windows1252File(testInfo, `umsaetze-${language}.csv`, erpExport(`E2E-${code}`, company))
    await signIn(page, language)
    await expect(page.getByTestId('status-card-lost')).toBeVisible()
    await screenshot(page, `${testInfo.project.name}-${language}-1-dashboard`)

    await page.getByRole('link', { name: 'Import', exact: true }).click()
    await expect(page.getByRole('heading', { name: de ? 'Daten importieren' : 'Import data' })).toBeVisible()
    await page.locator('input[type=file]').first().setInputFiles(file)
    await page.getByRole('button', { name: de ? 'Hochladen und prüfen' : 'Upload and check' }).click()
    const detected = page.getByTestId('detected')
    await expect(detected).toContainText('windows-1252')
    await expect(detected).toContainText(de ? 'Trennzeichen ;' : 'delimiter ;')
    await expect(detected).toContainText(de ? '14 Zeilen' : '14 rows')
    await expect(page.getByTestId('mapping-table')).toContainText('Bezugsbeleg')
    await expect(
      page.getByText(
        de ? 'In den ersten Zeilen wurden keine Probleme gefunden.' : 'No problems in the first rows.',
      ),
    ).toBeVisible()
    await screenshot(page, `${testInfo.project.name}-${language}-2-preview`)

    await page.getByRole('button', { name: de ? 'Import starten' : 'Start import' }).click()
    const result = page.getByTestId('import-result')
    await expect(result).toHaveAttribute('data-status', 'succeeded')
    await expect(result).toContainText(de ? 'Import abgeschlossen' : 'Import finished')
    await expect(result).toContainText(de ? '2 Kunden neu' : '2 customers new')
    await expect(result).toContainText(de ? '14 Belege neu' : '14 documents new')
    await screenshot(page, `${testInfo.project.name}-${language}-3-result`)

    await page.getByRole('link', { name: de ? 'Kunden ansehen' : 'View customers' }).click()
    await expect(page).toHaveURL(/status=lost/)
    await page.getByLabel(de ? 'Suchen' : 'Search').fill(de ? 'süßmann' : 'ölmühle')
    const row = page
      .getByTestId('customer-table')
      .getByRole('row', { name: new RegExp(company.replace(/[&.]/g, '.')) })
    await expect(row).toHaveCount(1)
    await expect(row).toContainText(de ? 'Verloren' : 'Lost')
    await expect(row).toContainText(de ? 'kein Kauf' : 'No purchase for')
    await screenshot(page, `${testInfo.project.name}-${language}-4-lost-customers`)

    await row.getByRole('link', { name: company }).click()
    await expect(page.getByTestId('customer-name')).toHaveText(company)
    await expect(page.getByText(de ? 'Verloren' : 'Lost', { exact: true }).first()).toBeVisible()
    const reason = page.getByTestId('status-reason')
    await expect(reason).toContainText(
      de ? 'Tagen kein Kauf (letzter am 15.12.2022)' : 'days (last on 15/12/2022)',
    )
    await expect(page.getByTestId('documents')).toContainText(de ? 'Gutschrift' : 'Credit note')
    await expect(page.getByTestId('documents')).toContainText(de ? '1.234,50 €' : '€1,234.50')
    await expect(page.getByTestId('status-history')).toContainText(de ? 'Verloren' : 'Lost')
    await screenshot(page, `${testInfo.project.name}-${language}-5-customer`)

    // a file with an impossible date is rejected whole: the last step says so, it is not checked green
    const broken = windows1252File(
      testInfo,
      `kaputt-${language}.csv`,
      'Kundennummer;Firma;Belegart;Belegnummer;Datum;Netto\nK-X1;Fehler GmbH;Rechnung;RE-X1;31.02.2026;10,00\n',
    )
    await page.getByRole('link', { name: 'Import', exact: true }).click()
    await page.locator('input[type=file]').first().setInputFiles(broken)
    await page.getByRole('button', { name: de ? 'Hochladen und prüfen' : 'Upload and check' }).click()
    await page.getByRole('button', { name: de ? 'Import starten' : 'Start import' }).click()
    await expect(page.getByTestId('import-result')).toHaveAttribute('data-status', 'rejected')
    const step = page.getByTestId('import-step-run')
    await expect(step).toHaveAttribute('data-outcome', 'rejected')
    await expect(step).toContainText(de ? 'Import abgelehnt' : 'Import rejected')
    // the server's report in the reader's language
    await expect(page.getByTestId('import-result')).toContainText(
      de
        ? '1 von 1 Zeilen sind fehlerhaft; nichts wurde importiert'
        : '1 of 1 rows are invalid; nothing was imported',
    )
    await expect(page.getByTestId('issue-table')).toContainText(
      de ? '„31.02.2026“ ist kein gültiges Datum' : '"31.02.2026" is not a valid date',
    )
    await screenshot(page, `${testInfo.project.name}-${language}-6-rejected`)
  })
}
