import { Liquid } from 'liquidjs'
import { AppError, say } from '../../lib/errors'
import { escapeHtml } from '../../lib/html'
import { type Addressee, greeting } from './salutation'

/**
 * Templates users edit run in Liquid, sandboxed: no file system (an empty in-memory template map,
 * so include and render find nothing), only own properties of the values given, and limits on
 * parse and render work and memory so a template cannot hang or exhaust the server.
 */
const engine = new Liquid({
  templates: {},
  ownPropertyOnly: true,
  strictFilters: true,
  cache: false,
  parseLimit: 100_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
})

export interface EmailTemplate {
  subject: string
  body: string
  informal: boolean
}

export interface ComposeInput {
  template: EmailTemplate
  language: 'de' | 'en'
  customer: Addressee & { number: string; name: string }
  company: { name: string; imprint: readonly string[] }
  sender: { name: string } | null
  measure: string | null
  offer: string | null
  /** the one-click unsubscribe link of an advertising mail; null for other mails */
  unsubscribeUrl: string | null
  /** the personal link to the "why did you leave?" page, if the mail carries one */
  surveyUrl?: string | null
}

/** The objection notice § 7 Abs. 3 Nr. 4 UWG requires in every advertising e-mail, with the link. */
export function objectionNotice(language: 'de' | 'en', company: string, url: string): string {
  return language === 'de'
    ? `Sie erhalten diese E-Mail als Kunde von ${company}. Sie können der Verwendung Ihrer E-Mail-Adresse für Werbung jederzeit widersprechen, ohne dass hierfür andere als die Übermittlungskosten nach den Basistarifen entstehen. Abmelden mit einem Klick: ${url}`
    : `You receive this e-mail as a customer of ${company}. You may object to the use of your e-mail address for advertising at any time, at no cost other than the transmission costs at basic rates. Unsubscribe with one click: ${url}`
}

/**
 * Subject and plain text of an e-mail from a template and a customer. The merge fields:
 * salutation, customer.name / first_name / last_name / number, company.name, sender.name, measure,
 * offer, unsubscribe_url, survey_url. An advertising mail always ends with the objection notice and the imprint,
 * whatever the template says.
 */
export async function composeEmail(input: ComposeInput): Promise<{ subject: string; text: string }> {
  const scope = {
    salutation: greeting(input.customer, input.language, input.template.informal),
    customer: {
      name: input.customer.name,
      first_name: input.customer.firstName ?? '',
      last_name: input.customer.lastName ?? '',
      number: input.customer.number,
    },
    company: { name: input.company.name },
    sender: { name: input.sender?.name ?? input.company.name },
    measure: input.measure ?? '',
    offer: input.offer ?? '',
    unsubscribe_url: input.unsubscribeUrl ?? '',
    survey_url: input.surveyUrl ?? '',
  }
  let subject: string
  let body: string
  try {
    subject = (await engine.parseAndRender(input.template.subject, scope)).replace(/\s+/g, ' ').trim()
    // conditions that render nothing leave blank lines: at most one between paragraphs
    body = (await engine.parseAndRender(input.template.body, scope))
      .replace(/\r\n/g, '\n')
      .replace(/\n[ \t]*(\n[ \t]*){2,}/g, '\n\n')
      .trim()
  } catch (error) {
    throw new AppError(
      'validation_failed',
      say('templateBroken', {
        reason: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
      }),
    )
  }
  const footer = [
    ...(input.unsubscribeUrl
      ? [objectionNotice(input.language, input.company.name, input.unsubscribeUrl)]
      : []),
    ...(input.company.imprint.length > 0 ? [input.company.imprint.join('\n')] : []),
  ]
  return { subject, text: [body, ...(footer.length > 0 ? ['--', ...footer] : [])].join('\n\n') }
}

/** The HTML part: the plain text escaped, paragraphs kept, links clickable. Pure. */
export function textToHtml(text: string): string {
  const escaped = escapeHtml(text)
  const linked = escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)
  const paragraphs = linked.split(/\n{2,}/).map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${paragraphs.join('')}</body></html>`
}

/** The templates a company starts with, per language (a measure may have its own). */
export const defaultTemplates: Record<'de' | 'en', EmailTemplate> = {
  de: {
    subject: '{{ customer.name }}, wir vermissen Sie',
    body: `{{ salutation }}

wir haben schon länger nichts mehr von Ihnen gehört und möchten gern wissen, ob wir etwas besser machen können.
{% if offer != "" %}
Als Dankeschön für Ihre Treue haben wir ein Angebot für Sie: {{ offer }}.
{% endif %}
Antworten Sie einfach auf diese E-Mail oder rufen Sie uns an – wir freuen uns auf Sie.
{% if survey_url != "" %}
Oder sagen Sie uns in zwei Minuten, warum Sie zuletzt nicht mehr bestellt haben: {{ survey_url }}
{% endif %}
Mit freundlichen Grüßen
{{ sender.name }}
{{ company.name }}`,
    informal: false,
  },
  en: {
    subject: '{{ customer.name }}, we miss you',
    body: `{{ salutation }}

we have not heard from you for a while and would like to know whether we could do something better.
{% if offer != "" %}
To thank you for your loyalty we have an offer for you: {{ offer }}.
{% endif %}
Just reply to this e-mail or give us a call – we look forward to hearing from you.
{% if survey_url != "" %}
Or tell us in two minutes why you stopped ordering: {{ survey_url }}
{% endif %}
Kind regards
{{ sender.name }}
{{ company.name }}`,
    informal: false,
  },
}
