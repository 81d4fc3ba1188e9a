import type { Actor } from '../../lib/actor'
import { toCsv } from '../../lib/csv'
import { AppError, say } from '../../lib/errors'
import { checkContacts } from '../contact/check-contact'
import { standardPurpose } from '../contact/eligibility'
import { surveyLink } from '../survey/survey.service'
import { composeEmail } from './compose'
import { type LetterContent, lettersPdf } from './letter-pdf'
import { loadCompanyProfile } from './mail-settings'
import { type MessagingContext, messageIdFor, templateFor } from './messaging.service'
import { greeting } from './salutation'
import { addresseeOf, languageOf, loadStepAudience } from './step-audience'

export interface CampaignLetters {
  pdf: Buffer
  /** for a mail merge in Word: one row per letter */
  csv: string
  letters: number
  /** members left out, by the first reason against each */
  leftOut: Record<string, number>
}

interface AddressParts {
  company_name: string | null
  salutation: string | null
  first_name: string | null
  last_name: string | null
  street: string | null
  postal_code: string | null
  city: string | null
  country: string | null
  type: string
}

/**
 * The address block as DIN 5008 writes it: company, person (with "Frau"/"Herr" and title), street,
 * postal code and city, and for a foreign address the country in capitals.
 */
export function addressLines(c: AddressParts, homeCountry = 'DE'): string[] {
  const person = [c.salutation, c.first_name, c.last_name].filter(Boolean).join(' ')
  const country =
    c.country && c.country.toUpperCase() !== homeCountry
      ? (
          new Intl.DisplayNames(['de'], { type: 'region' }).of(c.country.toUpperCase()) ?? c.country
        ).toUpperCase()
      : null
  return [
    c.company_name,
    c.company_name && !c.first_name && !c.last_name ? null : person || null,
    c.street,
    [c.postal_code, c.city].filter(Boolean).join(' ') || null,
    country,
  ].filter((l): l is string => Boolean(l))
}

const gdprNotice = {
  de: 'Sie können der Verwendung Ihrer Daten für Werbung jederzeit widersprechen – ein kurzer Anruf, eine E-Mail oder ein Brief an uns genügt.',
  en: 'You may object to the use of your data for advertising at any time – a short call, e-mail or letter to us is enough.',
}

/**
 * The letters of a campaign's letter step as one PDF (Serienbrief) and a CSV for a mail merge:
 * treated members the contact law allows a letter to, with a postal address, whose call has not
 * ended for good. Each letter is recorded once (on the customer's timeline, the member contacted);
 * printing again records nothing twice. The others are counted by why.
 */
export async function campaignLetters(
  ctx: MessagingContext,
  input: { campaignId: number; step: number; locale: 'de' | 'en' },
  actor: Actor,
): Promise<CampaignLetters> {
  const k = ctx.db.kysely
  const { campaign, measure, members, settled } = await loadStepAudience(
    k,
    { campaignId: input.campaignId, step: input.step, channel: 'letter' },
    (text, missing) =>
      missing ? new AppError('not_found', say('noSuchCampaign')) : new AppError('validation_failed', text),
  )
  if (campaign.state === 'draft') throw new AppError('conflict', say('lettersAfterLaunch'))
  const company = await loadCompanyProfile(k)
  // in postal-code order: the print shop's sorting saves postage
  members.sort((a, b) => (a.postal_code ?? '').localeCompare(b.postal_code ?? '') || a.id - b.id)
  const alive = members.filter((m) => m.erased_at === null)
  const decisions = await checkContacts(k, {
    customerIds: alive.map((m) => m.id),
    channel: 'letter',
    purpose: standardPurpose,
    context: 'letter_sent',
    actor,
    contactMade: true,
  })
  const leftOut: Record<string, number> = {}
  const skip = (why: string) => {
    leftOut[why] = (leftOut[why] ?? 0) + 1
  }
  const letters: LetterContent[] = []
  const rows: unknown[][] = []
  const records: { customerId: number; key: string; address: string; subject: string; text: string }[] = []
  for (const m of alive) {
    const decision = decisions.get(m.id)
    if (settled.has(m.id)) {
      skip('call_ended')
      continue
    }
    if (!decision?.allowed) {
      skip(decision?.blockers[0]?.code ?? 'unknown')
      continue
    }
    if (!m.street || !m.postal_code || !m.city) {
      skip('no_address')
      continue
    }
    const language = languageOf(m.country)
    const mail = await composeEmail({
      template: await templateFor(k, campaign.measure_id, language),
      language,
      customer: addresseeOf(m),
      company: { name: company.name, imprint: [] },
      sender: m.assignee ? { name: m.assignee } : null,
      measure: measure ? (language === 'de' ? measure.name_de : measure.name_en) : null,
      offer: measure?.default_offer ?? null,
      unsubscribeUrl: null,
    })
    const body = `${mail.text}\n\n${gdprNotice[language]}`
    const surveyUrl = await surveyLink(k, ctx.config, {
      customerId: m.id,
      campaignId: campaign.id,
      language,
      now: actor.now,
    })
    const lines = addressLines(m)
    letters.push({
      recipient: { addressLines: lines, customerNumber: m.customer_number },
      date: actor.today,
      subject: mail.subject,
      body,
      sender: {
        name: m.assignee ?? company.name,
        phone: company.phone || null,
        email: m.assignee_email ?? (company.email || null),
      },
      surveyUrl,
    })
    rows.push([
      m.customer_number,
      m.salutation ?? '',
      m.company_name ?? '',
      [m.first_name, m.last_name].filter(Boolean).join(' '),
      m.street,
      m.postal_code,
      m.city,
      lines.length > 0 && m.country && m.country.toUpperCase() !== 'DE' ? lines.at(-1) : '',
      greeting({ salutation: m.salutation, firstName: m.first_name, lastName: m.last_name }, language),
      mail.subject,
    ])
    records.push({
      customerId: m.id,
      key: `letter:campaign:${campaign.id}:step:${input.step}:customer:${m.id}`,
      address: lines.join(', '),
      subject: mail.subject,
      text: body,
    })
  }
  const pdf = await lettersPdf(company, letters, input.locale)
  await k.transaction().execute(async (trx) => {
    for (const r of records) {
      await trx
        .insertInto('outbound_messages')
        .values({
          customer_id: r.customerId,
          kind: 'letter',
          campaign_id: campaign.id,
          campaign_step: input.step,
          idempotency_key: r.key,
          to_address: r.address,
          subject: r.subject,
          body_text: r.text,
          message_id: messageIdFor(r.key, ctx.config.publicUrl),
          unsubscribe_hash: null,
          state: 'sent',
          error: null,
          attempts: 1,
          created_at: actor.now,
          created_by: actor.userId,
          sent_at: actor.now,
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute()
      await trx
        .updateTable('campaign_members')
        .set({ contacted_on: actor.today })
        .where('campaign_id', '=', campaign.id)
        .where('customer_id', '=', r.customerId)
        .where('contacted_on', 'is', null)
        .execute()
    }
  })
  const headers =
    input.locale === 'de'
      ? ['Kundennummer', 'Anrede', 'Firma', 'Name', 'Straße', 'PLZ', 'Ort', 'Land', 'Briefanrede', 'Betreff']
      : [
          'Customer number',
          'Salutation',
          'Company',
          'Name',
          'Street',
          'Postal code',
          'City',
          'Country',
          'Greeting',
          'Subject',
        ]
  return {
    pdf,
    csv: toCsv(headers, rows, input.locale === 'de' ? ';' : ','),
    letters: letters.length,
    leftOut,
  }
}
