import { expect, type Page, test } from '@playwright/test'
import type { NoteAnalysis } from '../src/shared/api/assist'
import type { TimelineEntry, Worklist } from '../src/shared/api/worklist'
import { screenshot, signIn } from './helpers'

const REP = { email: 'deniz.yilmaz@winback.demo', password: 'winback-demo' }
const dailyList = { de: 'Tagesliste', en: 'Daily list' }
const notes = {
  de: 'Kunde findet uns zu teuer, Preise zu hoch. Rückruf nächste Woche Dienstag.',
  en: 'Customer says we are too expensive, prices too high. Call back next Tuesday.',
}

async function worklist(page: Page): Promise<Worklist> {
  const res = await page.request.get('/api/worklist')
  expect(res.ok()).toBe(true)
  return (await res.json()) as Worklist
}

for (const language of ['de', 'en'] as const) {
  const de = language === 'de'

  test(`${language}: a rep logs a call, takes the suggested reason and Wiedervorlage from the note, and finds them saved`, async ({
    page,
  }) => {
    await signIn(page, language, REP, dailyList)
    const fresh = (await worklist(page)).items.filter(
      (i) => (i.kind === 'winback_list' || i.kind === 'campaign') && !i.done,
    )
    const item = fresh[0]!
    const card = page.getByTestId(`worklist-item-${item.customerNumber}`)
    await card.getByTestId(`log-call-${item.customerNumber}`).click()
    await page.getByTestId('call-note').fill(notes[language])

    // the assistant reads the note: the reason learned from the demo's confirmed notes, and the day
    const assist = page.getByTestId('note-assist')
    await expect(assist.getByTestId('assist-reason-0')).toContainText(
      de ? 'Preis-Leistung' : 'Value for money',
    )
    await expect(assist.getByTestId('assist-reason-0')).toContainText(de ? 'teuer' : 'expensive')
    const proposed = (await (
      await page.request.post('/api/assist/notes', { data: { note: notes[language] } })
    ).json()) as NoteAnalysis
    expect(proposed.followup).not.toBeNull()
    const day = proposed.followup!.dueOn
    await expect(assist).toContainText(de ? day.split('-').reverse().join('.') : day.slice(0, 4))
    await screenshot(page, `${language}-call-assistant`)

    // nothing is taken over without a click
    await expect(page.getByTestId('call-save')).toBeDisabled()
    await assist.getByTestId('assist-take-reason-0').click()
    await assist.getByTestId('assist-take-outcome').click()
    // a day in the past is refused, and the server says so in the reader's language
    await page.getByTestId('call-due-on').fill(de ? '01.12.2020' : '01/12/2020')
    await page.getByTestId('call-save').click()
    await expect(page.getByRole('alert')).toContainText(
      de ? 'Die nächste Wiedervorlage am 01.12.2020 liegt in der Vergangenheit.' : 'is in the past',
    )
    await assist.getByTestId('assist-take-followup').click()
    await expect(page.getByTestId('call-due-on')).toHaveValue(
      day
        .split('-')
        .reverse()
        .join(de ? '.' : '/'),
    )
    await expect(assist.getByTestId('assist-take-reason-0')).toHaveText(de ? 'Übernommen' : 'Accepted')
    await screenshot(page, `${language}-call-assistant-taken`)
    await page.getByTestId('call-save').click()
    await expect(card.getByTestId('item-done')).toBeVisible()

    // saved: the call with its reason, and the Wiedervorlage on the day from the note
    const timeline = (await (
      await page.request.get(`/api/customers/${item.customerId}/timeline`)
    ).json()) as { entries: TimelineEntry[] }
    const call = timeline.entries.find((e) => e.kind === 'call' && e.data.note === notes[language])
    expect(call?.data).toMatchObject({
      outcome: 'call_back',
      reasonDe: 'Preis-Leistung',
      reasonEn: 'Value for money',
    })
    expect(timeline.entries.some((e) => e.kind === 'followup' && e.data.dueOn === day && !e.data.done)).toBe(
      true,
    )
    await page.goto(`/customers/${item.customerId}`)
    const shown = page.getByTestId('timeline')
    await expect(shown).toContainText(de ? 'Preis-Leistung' : 'Value for money')
    await expect(shown).toContainText(de ? day.split('-').reverse().join('.') : day.slice(0, 4))
    await screenshot(page, `${language}-call-assistant-saved`)
  })
}

for (const language of ['de', 'en'] as const) {
  const de = language === 'de'

  test(`${language}: a manager sees what the call assistant learned and how often it is right, and retrains it`, async ({
    page,
  }) => {
    await signIn(page, language, { email: 'leitung@winback.demo', password: 'winback-demo' })
    await page.getByRole('link', { name: de ? 'Ursachen' : 'Reasons', exact: true }).click()
    const card = page.getByTestId('reason-model')
    await expect(card).toContainText(de ? 'bestätigten Notizen' : 'confirmed notes')
    await expect(card.getByTestId('reason-model-accuracy')).toContainText(
      de ? 'erster Vorschlag richtig' : 'first suggestion right',
    )
    // percentages as the reader writes them
    await expect(card.getByTestId('reason-model-accuracy')).toContainText(
      de ? /\d+(,\d)?\s%/ : /\d+(\.\d)?\s?%/,
    )
    await card.getByTestId('reason-model-train').click()
    await expect(card.getByTestId('reason-model-train')).toBeEnabled()
    await expect(card).toContainText(de ? '0 neue seitdem' : '0 new since')
    await screenshot(page, `${language}-reason-model`)
  })
}
