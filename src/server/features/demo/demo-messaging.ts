import type { Db } from '../../db/database'
import { saveCompanyProfile, saveMailSettings } from '../messaging/mail-settings'

/**
 * The demo company's letterhead, its SMTP setting and sample e-mail templates. The SMTP setting
 * points at a local catch-all on port 1025 (Mailpit or MailHog: `mailpit` and open
 * http://localhost:8025); without one running, sending fails and the job queue shows why.
 */
export async function loadDemoMessaging(db: Db, now: string): Promise<void> {
  const k = db.kysely
  await saveCompanyProfile(
    k,
    {
      name: 'Nordlicht Großhandel GmbH',
      street: 'Am Sandtorkai 12',
      postalCode: '20457',
      city: 'Hamburg',
      country: 'DE',
      phone: '040 1234567-0',
      email: 'vertrieb@nordlicht-demo.example',
      website: 'www.nordlicht-demo.example',
      managingDirectors: 'Thomas Berger, Sabine Hartmann',
      register: 'Amtsgericht Hamburg HRB 123456',
      vatId: 'DE123456789',
      bankName: 'Hamburger Sparkasse',
      iban: 'DE02 2005 0550 1234 5678 90',
      bic: 'HASPDEHHXXX',
    },
    null,
    now,
  )
  await saveMailSettings(
    k,
    {
      host: '127.0.0.1',
      port: 1025,
      security: 'none',
      user: '',
      from: 'Nordlicht Großhandel <vertrieb@nordlicht-demo.example>',
      replyTo: 'vertrieb@nordlicht-demo.example',
      ratePerMinute: 60,
    },
    { secretKey: null, dataDir: '' },
    null,
    now,
  )
  const voucher = await k
    .selectFrom('playbook_measures')
    .select('id')
    .where('name_de', '=', 'Gutschein')
    .executeTakeFirst()
  await k
    .insertInto('email_templates')
    .values([
      {
        measure_id: voucher?.id ?? null,
        language: 'de',
        subject: 'Ihr Gutschein wartet noch, {{ customer.name }}',
        body: `{{ salutation }}

vor einigen Tagen haben wir Ihnen einen Gutschein für Ihre nächste Bestellung geschickt{% if offer != "" %}: {{ offer }}{% endif %}.
Er gilt noch bis zum Ende des Monats – wir würden uns freuen, wieder für Sie liefern zu dürfen.

Haben wir etwas falsch gemacht? Dann antworten Sie einfach auf diese E-Mail, ich melde mich persönlich.

Mit freundlichen Grüßen
{{ sender.name }}
{{ company.name }}`,
        informal: 0,
        updated_at: now,
        updated_by: null,
      },
      {
        measure_id: voucher?.id ?? null,
        language: 'en',
        subject: 'Your voucher is still waiting, {{ customer.name }}',
        body: `{{ salutation }}

a few days ago we sent you a voucher for your next order{% if offer != "" %}: {{ offer }}{% endif %}.
It is valid until the end of the month – we would be glad to deliver to you again.

Did we do something wrong? Just reply to this e-mail and I will get back to you personally.

Kind regards
{{ sender.name }}
{{ company.name }}`,
        informal: 0,
        updated_at: now,
        updated_by: null,
      },
    ])
    .execute()
}
