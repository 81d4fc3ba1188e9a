import fs from 'node:fs'
import path from 'node:path'
import { expect, type Page, type TestInfo } from '@playwright/test'
import iconv from 'iconv-lite'

export const DEMO_ADMIN = { email: 'admin@winback.demo', password: 'winback-demo' }

/** Writes text as a Windows-1252 file with CRLF line ends, as German Excel saves CSV. */
export function windows1252File(testInfo: TestInfo, name: string, text: string): string {
  const file = testInfo.outputPath(name)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, iconv.encode(text.replace(/\n/g, '\r\n'), 'win1252'))
  return file
}

export async function signIn(
  page: Page,
  language: 'de' | 'en',
  user: { email: string; password: string } = DEMO_ADMIN,
  home: { de: string; en: string } = { de: 'Übersicht', en: 'Overview' },
): Promise<void> {
  await page.goto('/')
  await expect(page).toHaveURL(/\/login/)
  if (language === 'en') await page.getByText('EN', { exact: true }).click()
  await page
    .getByRole('textbox', { name: language === 'de' ? 'E-Mail' : 'E-mail', exact: true })
    .fill(user.email)
  await page
    .getByRole('textbox', { name: language === 'de' ? 'Passwort' : 'Password', exact: true })
    .fill(user.password)
  await page.getByRole('button', { name: language === 'de' ? 'Anmelden' : 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: home[language], exact: true })).toBeVisible()
}

/** Screenshots for people to look at, kept under test-results/e2e/screens. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve('test-results/e2e/screens')
  fs.mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
}
