import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { signIn } from './helpers'

/** Every screen of the app, as an admin sees it (the widest navigation). */
const pages = [
  '/dashboard',
  '/worklist',
  '/followups',
  '/early-warning',
  '/customers',
  '/model',
  '/causes',
  '/winback',
  '/campaigns',
  '/playbook',
  '/reports',
  '/import',
  '/settings',
  '/users',
  '/audit',
]

/**
 * WCAG 2.1 A and AA rules on the page as it stands; its serious and critical violations, each with
 * the rule, the elements and why (a contrast names both colours and the ratio).
 */
async function violations(page: Page, name: string): Promise<string[]> {
  // charts and lists load after the heading: wait until the page has settled
  await page.waitForLoadState('networkidle')
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${name}: ${v.id} (${v.impact}) ${v.help}\n${v.nodes
          .slice(0, 6)
          .map(
            (n) =>
              `    ${n.target.join(' ')} ${n.html.slice(0, 80)} — ${n.any[0]?.message ?? n.failureSummary ?? ''}`,
          )
          .join('\n')}`,
    )
}

/**
 * Numbers and dates as the German reader writes them: no ISO dates (2026-11-23), no decimal points
 * (+1.32, 0.75 %), no negative zero. English pages are not checked: "1,234.50" is right there.
 */
async function germanFormats(page: Page, name: string): Promise<string[]> {
  const text = await page.locator('main').innerText()
  const wrong = [
    ...(text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []),
    ...(text.match(/(?<![\d.,/:])[−+-]?\d+\.\d{1,2}(?!\.?\d)(?=\s?(%|€|$|\s|\)|Tage|Käufe|Punkte))/gm) ?? []),
    ...(text.match(/[−-]0(?![\d,.])/g) ?? []),
  ]
  return wrong.length === 0 ? [] : [`${name}: not German: ${[...new Set(wrong)].slice(0, 8).join(' | ')}`]
}

for (const language of ['de', 'en'] as const) {
  const de = language === 'de'
  test(`${language}: every page meets WCAG 2.1 AA (axe-core: no serious or critical violation)`, async ({
    page,
  }, testInfo) => {
    test.skip(testInfo.project.name !== 'sqlite', 'the pages are the same on either database: checked once')
    test.setTimeout(240_000)
    await page.goto('/login')
    if (language === 'en') await page.getByText('EN', { exact: true }).click()
    const found = await violations(page, '/login')
    await signIn(page, language)
    for (const path of pages) {
      await page.goto(path)
      await expect(page.locator('main h2, main h1').first()).toBeVisible()
      found.push(...(await violations(page, path)))
      if (language === 'de') found.push(...(await germanFormats(page, path)))
    }
    // a customer and a campaign, reached as a person would
    await page.goto('/customers?status=lost')
    await page.getByTestId('customer-table').getByRole('link').first().click()
    await expect(page.getByTestId('customer-name')).toBeVisible()
    found.push(...(await violations(page, 'customer page')))
    // a dialog: its fields are labelled, its close button named
    await page.getByTestId('record-consent').click()
    await expect(page.getByRole('dialog')).toBeVisible()
    found.push(...(await violations(page, 'consent dialog')))
    await page.getByRole('button', { name: de ? 'Schließen' : 'Close' }).click()
    await expect(page.getByRole('dialog')).toHaveCount(0)
    if (language === 'de') found.push(...(await germanFormats(page, 'customer page')))
    await page.goto('/campaigns')
    const campaign = page.locator('main a[href^="/campaigns/"]').first()
    if ((await campaign.count()) > 0) {
      await campaign.click()
      found.push(...(await violations(page, 'campaign page')))
    }
    expect(found, found.join('\n')).toEqual([])
  })
}
