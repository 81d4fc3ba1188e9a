import { expect, test } from '@playwright/test'
import type { CampaignDto } from '../src/shared/api/campaigns'
import type { StepSendingDto } from '../src/shared/api/messaging'
import { startImapServer } from '../test/imap'
import { type ReceivedMail, startSmtpServer } from '../test/smtp'
import { DEMO_ADMIN, screenshot, signIn } from './helpers'

const PASSWORD = 'winback-demo'

/** The step's mails as the SMTP server got them (in the German run): each run bounces one of them. */
const delivered: ReceivedMail[] = []

/** Postfix's report that a mail could not be delivered, quoting its Message-ID. */
function postfixReport(mail: ReceivedMail): string {
  return `From: MAILER-DAEMON@mail.nordlicht-demo.example (Mail Delivery System)
To: vertrieb@nordlicht-demo.example
Date: ${new Date().toUTCString()}
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain

Your message could not be delivered.

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.nordlicht-demo.example

Final-Recipient: rfc822; ${mail.to}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <${mail.to}>: User unknown

--b1
Content-Type: text/rfc822-headers

Message-ID: ${mail.messageId}
Subject: ${mail.subject}

--b1--
`.replace(/\n/g, '\r\n')
}

for (const language of ['de', 'en'] as const) {
  const de = language === 'de'

  test(`${language}: an admin points winback at the SMTP server, a manager edits the template and sends a campaign step`, async ({
    page,
  }) => {
    const smtp = await startSmtpServer()
    try {
      await signIn(page, language, DEMO_ADMIN)
      await page.getByRole('link', { name: de ? 'Einstellungen' : 'Settings', exact: true }).click()
      const card = page.getByTestId('mail-settings')
      await card.getByRole('textbox', { name: de ? 'SMTP-Server' : 'SMTP server' }).fill('127.0.0.1')
      await card.getByRole('textbox', { name: 'Port' }).fill(String(smtp.port))
      await card
        .getByRole('textbox', { name: de ? 'Höchstens E-Mails je Minute' : 'At most e-mails a minute' })
        .fill('1000')
      await card.getByTestId('mail-save').click()
      await expect(
        page.getByText(de ? 'E-Mail-Einstellungen gespeichert.' : 'E-mail settings saved.'),
      ).toBeVisible()
      await card
        .getByRole('textbox', { name: de ? 'Test-E-Mail an' : 'Test e-mail to' })
        .fill('chef@nordlicht-demo.example')
      await card.getByTestId('mail-test').click()
      await expect(card.getByTestId('mail-test-result')).toContainText(de ? 'angenommen' : 'accepted')
      expect(smtp.mails.map((m) => m.to)).toContain('chef@nordlicht-demo.example')
      await screenshot(page, `${language}-mail-settings`)
      await page.getByRole('button', { name: de ? 'Abmelden' : 'Sign out' }).click()

      await signIn(page, language, { email: 'leitung@winback.demo', password: PASSWORD })
      await page
        .getByRole('link', { name: de ? 'Maßnahmen & Regeln' : 'Playbook & rules', exact: true })
        .click()
      const templates = page.getByTestId('email-templates')
      await templates
        .getByRole('textbox', { name: de ? 'Vorschau für Kunde' : 'Preview for customer' })
        .fill('1')
      await templates.getByTestId('template-preview').click()
      const preview = templates.getByTestId('template-preview-result')
      await expect(preview).toContainText(de ? 'Sehr geehrte' : 'Dear')
      await expect(preview).toContainText(de ? 'jederzeit widersprechen' : 'object to the use')
      await screenshot(page, `${language}-email-template`)

      // the running demo campaign's e-mail step: sent once, by the server's queue, to whom the law allows
      const campaigns = (await (await page.request.get('/api/campaigns')).json()) as {
        campaigns: CampaignDto[]
      }
      // the demo's autumn campaign (other browser tests launch campaigns of their own)
      const running = campaigns.campaigns.find((c) => c.name.startsWith('Herbstaktion'))!
      expect(running.steps[2]?.channel).toBe('email')
      await page.goto(`/campaigns/${running.id}`)
      const steps = page.getByTestId('campaign-steps')
      const button = steps.getByTestId('send-step-3')
      // the first run sends the step; afterwards it is sent and offers no button any more
      if (de) await button.click()
      else
        await expect(
          steps.getByTestId('step-3-sent').or(steps.getByTestId('step-3-blocked')).first(),
        ).toBeVisible()
      await expect(button).toBeHidden()
      await expect
        .poll(
          async () => {
            const res = await page.request.get(`/api/campaigns/${running.id}/steps/2/sending`)
            return ((await res.json()) as StepSendingDto).pending
          },
          { timeout: 60_000 },
        )
        .toBe(0)
      const sending = (await (
        await page.request.get(`/api/campaigns/${running.id}/steps/2/sending`)
      ).json()) as StepSendingDto
      expect(Object.values(sending.counts).reduce((s, n) => s + n, 0)).toBe(running.treated)
      await expect(
        steps.getByTestId('step-3-blocked').or(steps.getByTestId('step-3-sent')).first(),
      ).toBeVisible()
      await screenshot(page, `${language}-campaign-email-step`)
      if (de) {
        expect(smtp.mails.filter((m) => m.subject.includes('Gutschein')).length).toBe(
          sending.counts.sent ?? 0,
        )
        delivered.push(...smtp.mails.filter((m) => m.subject.includes('Gutschein')))
      }

      // one of the mails comes back: the admin points winback at the mailbox, which reads it
      const returned = delivered[de ? 0 : 1]
      if (!returned) throw new Error('the German run sends the step whose mails come back here')
      const mailbox = await startImapServer([postfixReport(returned)])
      try {
        await page.getByRole('button', { name: de ? 'Abmelden' : 'Sign out' }).click()
        await signIn(page, language, DEMO_ADMIN)
        await page.getByRole('link', { name: de ? 'Einstellungen' : 'Settings', exact: true }).click()
        const bounces = page.getByTestId('bounce-settings')
        await bounces
          .getByRole('switch', {
            name: de ? 'Rückläufer aus dem Postfach lesen' : 'Read returned mail from the mailbox',
          })
          .check({ force: true })
        await bounces.getByRole('textbox', { name: de ? 'IMAP-Server' : 'IMAP server' }).fill('127.0.0.1')
        await bounces.getByRole('textbox', { name: 'Port' }).fill(String(mailbox.port))
        await bounces.getByRole('combobox', { name: de ? 'Verschlüsselung' : 'Encryption' }).click()
        await page
          .getByRole('option', {
            name: de ? 'keine (nur Server auf diesem Rechner)' : 'none (a server on this machine only)',
          })
          .click()
        await bounces.getByRole('textbox', { name: de ? 'Benutzername' : 'User name' }).fill(mailbox.user)
        await bounces.getByLabel(de ? 'Passwort' : 'Password', { exact: true }).fill(mailbox.password)
        await bounces.getByTestId('bounce-save').click()
        await bounces.getByTestId('bounce-check').click()
        await expect(bounces.getByTestId('bounce-last-check')).toContainText(
          de
            ? 'neue Mails: 1, davon Rückläufer: 1, einer gesendeten E-Mail zugeordnet: 1'
            : 'new mails: 1, of them returned mail: 1, matched to a sent e-mail: 1',
        )
        await screenshot(page, `${language}-bounce-settings`)
        const found = (await (
          await page.request.get(`/api/customers?q=${encodeURIComponent(returned.to)}`)
        ).json()) as { items: { id: number }[] }
        await page.goto(`/customers/${found.items[0]!.id}`)
        await expect(
          page.getByText(
            de ? 'E-Mail kam zurück: Adresse unzustellbar' : 'E-mail returned: address undeliverable',
          ),
        ).toBeVisible()
        await screenshot(page, `${language}-bounce-timeline`)
      } finally {
        await mailbox.close()
      }
    } finally {
      await smtp.close()
    }
  })
}
