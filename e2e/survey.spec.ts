import { expect, test } from '@playwright/test'
import type { CampaignDto } from '../src/shared/api/campaigns'
import type { CustomerList } from '../src/shared/api/customers'
import { pdfText } from '../test/pdf-text'
import { screenshot, signIn } from './helpers'

const PASSWORD = 'winback-demo'

for (const [index, language] of (['de', 'en'] as const).entries()) {
  const de = language === 'de'

  test(`${language}: a former customer answers the survey from a letter's link, and the reason is on the customer`, async ({
    page,
    browser,
  }) => {
    await signIn(page, language, { email: 'leitung@winback.demo', password: PASSWORD })
    const campaigns = (await (await page.request.get('/api/campaigns')).json()) as {
      campaigns: CampaignDto[]
    }
    const autumn = campaigns.campaigns.find((c) => c.name.startsWith('Herbstaktion'))!
    expect(autumn.steps[1]?.channel).toBe('letter')
    const res = await page.request.get(
      `/api/campaigns/${autumn.id}/steps/1/letters?format=pdf&lang=${language}`,
    )
    expect(res.ok()).toBe(true)
    const { items } = await pdfText(Buffer.from(await res.body()))
    // each letter carries its customer number and its personal link; take one per language
    const links = items.filter((i) => /\/s\/[A-Za-z0-9_-]{32}$/.test(i.text))
    expect(links.length).toBeGreaterThan(1)
    const link = links[index]!
    const numbers = items.filter((i) => i.page === link.page && i.x > 150 && i.y < 60)
    const customerNumber = numbers[0]!.text

    // the former customer opens the link on their own (no session) and answers
    const visitor = await browser.newContext({ locale: de ? 'de-DE' : 'en-GB' })
    const survey = await visitor.newPage()
    await survey.goto(new URL(link.text).pathname)
    await expect(survey.getByRole('heading', { level: 1 })).toHaveText(
      /Warum sind Sie gegangen\?|Why did you leave\?/,
    )
    const quality = survey.getByLabel(/Qualität|Quality/)
    await quality.check()
    await survey
      .getByLabel(/Möchten Sie uns noch etwas sagen|Anything else/)
      .fill(de ? 'Zweimal zu spät geliefert.' : 'Delivered late twice.')
    await survey.getByLabel(/Ja, gern|Yes, please/).check()
    await screenshot(survey, `${language}-survey`)
    await survey.getByRole('button', { name: /Absenden|Send/ }).click()
    await expect(survey.getByRole('heading', { level: 1 })).toHaveText(/Vielen Dank!|Thank you!/)
    await visitor.close()

    // the manager sees the reason on the customer, from the survey
    const found = (await (
      await page.request.get(`/api/customers?q=${encodeURIComponent(customerNumber)}&pageSize=1`)
    ).json()) as CustomerList
    await page.goto(`/customers/${found.items[0]!.id}`)
    await expect(page.getByTestId('timeline')).toContainText(
      de ? 'aus der Kundenbefragung' : 'from the customer survey',
    )
    await screenshot(page, `${language}-survey-reason-on-customer`)
  })
}
