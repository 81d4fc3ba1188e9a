import { expect, type Page, test } from '@playwright/test'
import type { CustomerList } from '../src/shared/api/customers'
import type { Worklist } from '../src/shared/api/worklist'
import { formatDate } from '../src/shared/i18n/format'
import { screenshot, signIn } from './helpers'

const PASSWORD = 'winback-demo'
const dailyList = { de: 'Tagesliste', en: 'Daily list' }

/** The Monday-to-Friday day after `day` (the server's today, in the company's zone): where a retry lands. */
function nextWorkingDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`)
  do d.setUTCDate(d.getUTCDate() + 1)
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6)
  return d.toISOString().slice(0, 10)
}

async function worklist(page: Page, date?: string): Promise<Worklist> {
  const res = await page.request.get(`/api/worklist${date ? `?date=${date}` : ''}`)
  expect(res.ok()).toBe(true)
  return (await res.json()) as Worklist
}

for (const [index, language] of (['de', 'en'] as const).entries()) {
  const de = language === 'de'
  const rep = ['julia.neumann@winback.demo', 'markus.schaefer@winback.demo'][index]!

  test(`${language}: a rep works today's Tagesliste: retry, offer with Wiedervorlage, objection`, async ({
    page,
  }) => {
    await signIn(page, language, { email: rep, password: PASSWORD }, dailyList)
    // the rep's home page is the Tagesliste: Wiedervorlagen first, then the day's new customers
    const list = await worklist(page)
    const fresh = list.items.filter((i) => (i.kind === 'winback_list' || i.kind === 'campaign') && !i.done)
    expect(fresh.length).toBe(2)
    const [first, second] = fresh as [Worklist['items'][number], Worklist['items'][number]]
    const firstCard = page.getByTestId(`worklist-item-${first.customerNumber}`)
    await expect(firstCard).toBeVisible()
    await expect(firstCard.getByTestId('item-why')).toContainText(
      de ? /Rückgewinnungsliste|Kampagne/ : /win-back list|Campaign/,
    )
    await expect(firstCard.getByTestId('channel-lights')).toBeVisible()
    await screenshot(page, `${language}-worklist`)

    // not reached: a retry is planned for the next working day
    await firstCard.getByTestId(`log-call-${first.customerNumber}`).click()
    await page.getByText(de ? 'Nicht erreicht' : 'Not reached', { exact: true }).click()
    await expect(page.getByTestId('call-due-on')).not.toHaveValue('')
    await page.getByTestId('call-save').click()
    await expect(firstCard.getByTestId('item-done')).toBeVisible()
    // the day typed the reader's way
    const dayField = page.getByRole('textbox', { name: de ? 'Datum' : 'Date' })
    await dayField.fill(formatDate(nextWorkingDay(list.date), language))
    await dayField.press('Escape')
    const retry = page.getByTestId(`worklist-item-${first.customerNumber}`)
    await expect(retry).toHaveAttribute('data-kind', 'followup_due')
    await screenshot(page, `${language}-worklist-next-day`)
    await expect(dayField).toHaveValue(formatDate(nextWorkingDay(list.date), language))
    await dayField.fill(formatDate(list.date, language))
    await dayField.press('Escape')

    // offer made: saving needs the next Wiedervorlage; it then appears among the Wiedervorlagen
    const secondCard = page.getByTestId(`worklist-item-${second.customerNumber}`)
    await secondCard.getByTestId(`log-call-${second.customerNumber}`).click()
    await page.getByTestId('call-outcome').click()
    await page.getByRole('option', { name: de ? 'Angebot gemacht' : 'Offer made' }).click()
    await page
      .getByRole('textbox', { name: de ? 'Angebot' : 'Offer', exact: true })
      .fill(de ? '10 % Rabatt' : '10 % off')
    await page.getByTestId('call-due-on').fill('')
    await expect(page.getByTestId('call-save')).toBeDisabled()
    await page.getByTestId('call-due-on').fill(nextWorkingDay(list.date))
    await screenshot(page, `${language}-call-modal`)
    await page.getByTestId('call-save').click()
    await expect(secondCard.getByTestId('item-done')).toBeVisible()
    await page.getByRole('link', { name: de ? 'Wiedervorlagen' : 'Follow-ups', exact: true }).click()
    await expect(page.getByTestId(`followup-${second.customerNumber}`).first()).toBeVisible()
    await screenshot(page, `${language}-followups`)

    // objects to advertising: recorded at once, the customer leaves every contactable list
    await page.getByTestId(`followup-${second.customerNumber}`).first().getByRole('link').click()
    await page.getByTestId('customer-log-call').click()
    await page.getByTestId('call-outcome').click()
    await page
      .getByRole('option', { name: de ? 'Widerspricht der Werbung' : 'Objects to advertising' })
      .click()
    await expect(page.getByTestId('objection-hint')).toBeVisible()
    await page.getByTestId('call-save').click()
    await expect(page.getByTestId('timeline').locator('[data-kind="objection"]')).toBeVisible()
    await screenshot(page, `${language}-customer-timeline`)
    for (const channel of ['email', 'phone', 'letter', 'sms']) {
      const res = await page.request.get(
        `/api/customers?contactable=${channel}&q=${encodeURIComponent(second.customerNumber)}`,
      )
      const found = (await res.json()) as CustomerList
      expect(
        found.items.map((i) => i.customerNumber),
        channel,
      ).not.toContain(second.customerNumber)
    }
    const winback = await (await page.request.get('/api/winback?limit=500')).json()
    expect(winback.items.map((i: { customerNumber: string }) => i.customerNumber)).not.toContain(
      second.customerNumber,
    )
  })

  test(`${language}: a manager creates a campaign with a control group and sees its members split`, async ({
    page,
  }) => {
    await signIn(page, language, { email: 'leitung@winback.demo', password: PASSWORD })
    await page.getByRole('link', { name: de ? 'Kampagnen' : 'Campaigns', exact: true }).click()
    await expect(page.getByTestId('campaigns-table')).toBeVisible()
    await page.getByTestId('new-campaign').click()
    const name = de ? 'Rückgewinnung Brief mit Kontrollgruppe' : 'Win-back letter with control group'
    await page.getByTestId('campaign-name').fill(name)
    await page.getByTestId('campaign-contactable').click()
    await page.getByRole('option', { name: de ? 'Brief' : 'Letter', exact: true }).click()
    await page.getByTestId('campaign-first-step').click()
    await page.getByRole('option', { name: de ? 'Brief' : 'Letter', exact: true }).click()
    await page.getByTestId('campaign-control').fill('30')
    await page.getByTestId('campaign-save').click()
    await expect(page.getByRole('heading', { name })).toBeVisible()
    await expect(page.getByTestId('campaign-state')).toHaveText(de ? 'Entwurf' : 'Draft')
    const treated = Number((await page.getByTestId('campaign-treated').textContent())?.replace(/\D/g, ''))
    const control = Number(
      (await page.getByTestId('campaign-control-count').textContent())?.replace(/\D/g, ''),
    )
    expect(control).toBeGreaterThan(0)
    expect(Math.abs(control / (treated + control) - 0.3)).toBeLessThan(0.02)
    await expect(page.getByTestId('members-table').locator('tr[data-arm="control"]').first()).toBeVisible()
    await expect(page.getByTestId('members-table').locator('tr[data-arm="treatment"]').first()).toBeVisible()
    await expect(page.getByTestId('power-text')).toBeVisible()
    await screenshot(page, `${language}-campaign-draft`)
    await page.getByTestId('campaign-launch').click()
    await expect(page.getByTestId('campaign-state')).toHaveText(de ? 'Läuft' : 'Running')
    // what it earned is measured from today; no verdict before half the window has passed
    await expect(page.getByTestId('results-verdict')).toHaveText(de ? 'Noch zu früh' : 'Too early')
    await screenshot(page, `${language}-campaign-running`)
    await page.getByRole('link', { name: de ? 'Kampagnen' : 'Campaigns', exact: true }).click()
    await expect(page.getByTestId('campaigns-table').getByText(name)).toBeVisible()
  })
}
