import type { Kysely } from 'kysely'
import type { LlmInput } from '../../../shared/api/assist'
import { seededReasons } from '../../../shared/churn'
import type { Config } from '../../config'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { daysBetween } from '../../lib/dates'
import { AppError, say } from '../../lib/errors'
import { writeAudit } from '../audit/audit'
import { requireCustomer } from '../customers/require-customer'
import { classificationDay } from '../lifecycle/lifecycle.repository'
import { laterDay } from '../lifecycle/stability'
import { languageModelOf } from './assist-settings'
import { redactPersonalData } from './redact'

/**
 * The optional language model: an OpenAI-compatible chat endpoint an admin configured (a local
 * Ollama or llama.cpp server, or a hosted one), asked for a call summary, a next step, or a draft of
 * the win-back letter or e-mail in the company's tone. What is sent is minimised: no name, address,
 * phone or e-mail (the note is redacted; a draft gets placeholders for the salutation), never
 * anything about an erased person. Every request is stored with what was sent and what came back
 * (the person's access export shows it) and audited with the model's name.
 */

interface ChatMessage {
  role: 'system' | 'user'
  content: string
}

const TIMEOUT_MS = 60_000

export async function askLanguageModel(options: {
  db: Kysely<Database>
  config: Pick<Config, 'secretKey' | 'dataDir'>
  customerId: number
  ownerId: number | null
  input: LlmInput & { language: 'de' | 'en' }
  actor: Actor
  fetch?: typeof fetch
}): Promise<{ text: string; model: string; requestId: number }> {
  const { db, input, actor } = options
  const model = await languageModelOf(db, options.config)
  if (!model) throw new AppError('assistant_off', say('noLanguageModel'))
  const customer = await requireCustomer(db, options.customerId, options.ownerId)
  if (customer.erased_at) throw new AppError('conflict', say('erasedNothingSent'))
  const names = [customer.first_name, customer.last_name, customer.company_name, customer.customer_number]
  const messages = await buildMessages(db, customer.id, customer.type, names, input, model.tone)
  const sent = JSON.stringify({ model: model.model, messages, temperature: 0.3, stream: false })
  let received: string | null = null
  let error: string | null = null
  try {
    const response = await (options.fetch ?? fetch)(`${model.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(model.apiKey ? { authorization: `Bearer ${model.apiKey}` } : {}),
      },
      body: sent,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    if (!response.ok) error = `HTTP ${response.status}`
    else {
      const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] }
      const content = body.choices?.[0]?.message?.content
      if (typeof content === 'string' && content.trim() !== '') received = content.trim()
      else error = 'no answer in the response'
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e)
  }
  const row = await db
    .insertInto('llm_requests')
    .values({
      customer_id: customer.id,
      user_id: actor.userId,
      purpose: input.purpose,
      endpoint: model.baseUrl,
      model: model.model,
      sent: JSON.stringify(messages),
      received,
      error,
      created_at: actor.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await writeAudit(db, {
    action: 'assistant.sent',
    entityType: 'customer',
    entityId: customer.id,
    userId: actor.userId,
    at: actor.now,
    details: {
      purpose: input.purpose,
      model: model.model,
      endpoint: model.baseUrl,
      requestId: row.id,
      failed: error !== null,
    },
  })
  if (received === null)
    throw new AppError('assistant_failed', say('modelNoAnswer', { reason: String(error) }), { reason: error })
  return { text: received, model: model.model, requestId: row.id }
}

async function buildMessages(
  db: Kysely<Database>,
  customerId: number,
  type: string,
  names: (string | null)[],
  input: LlmInput & { language: 'de' | 'en' },
  tone: string,
): Promise<ChatMessage[]> {
  const de = input.language === 'de'
  const note = redactPersonalData(input.note, names)
  const company = (
    await db.selectFrom('settings').select('value').where('key', '=', 'company.profile').executeTakeFirst()
  )?.value
  const companyName = company ? String((JSON.parse(company) as { name?: string }).name ?? '') : ''
  const facts = await customerFacts(db, customerId, type, de)
  const system = de
    ? `Du unterstützt den Vertrieb${companyName ? ` von ${companyName}` : ''} bei der Rückgewinnung verlorener Kunden. Antworte auf Deutsch, knapp und sachlich.${tone ? ` Tonalität des Unternehmens: ${tone}` : ''}`
    : `You support the sales team${companyName ? ` of ${companyName}` : ''} in winning back lost customers. Answer in English, briefly and factually.${tone ? ` The company's tone: ${tone}` : ''}`
  const task =
    input.purpose === 'summary'
      ? de
        ? `Fasse diese Gesprächsnotiz in höchstens drei Stichpunkten zusammen (Anliegen, Ergebnis, nächster Schritt):\n\n${note}`
        : `Summarise this call note in at most three bullet points (concern, result, next step):\n\n${note}`
      : input.purpose === 'next_step'
        ? de
          ? `Schlage den nächsten Schritt für diesen Kunden in einem Satz vor, mit Kanal und Zeitpunkt.\n\nKunde: ${facts}\n\nNotiz: ${note || '(keine)'}`
          : `Suggest the next step for this customer in one sentence, with channel and timing.\n\nCustomer: ${facts}\n\nNote: ${note || '(none)'}`
        : de
          ? `Schreibe den Entwurf ${input.channel === 'email' ? 'einer E-Mail' : 'eines Briefes'} zur Rückgewinnung dieses Kunden. Verwende die Platzhalter [Anrede] und [Name], erfinde keine Angebote, die nicht genannt sind.\n\nKunde: ${facts}${note ? `\n\nNotiz des Vertriebs: ${note}` : ''}`
          : `Write a draft ${input.channel === 'email' ? 'e-mail' : 'letter'} to win this customer back. Use the placeholders [Salutation] and [Name]; do not invent offers that are not mentioned.\n\nCustomer: ${facts}${note ? `\n\nSales note: ${note}` : ''}`
  return [
    { role: 'system', content: system },
    { role: 'user', content: task },
  ]
}

/** What the model may know about the customer: no identity, only the situation. */
async function customerFacts(
  db: Kysely<Database>,
  customerId: number,
  type: string,
  de: boolean,
): Promise<string> {
  const status = await db
    .selectFrom('customer_status')
    .select(['status', 'last_purchase_on', 'purchase_count', 'as_of'])
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  const reasons = await db
    .selectFrom('customer_churn_reasons as ccr')
    .innerJoin('churn_reasons as r', 'r.id', 'ccr.reason_id')
    .select(['r.code', 'r.name_de', 'r.name_en'])
    .where('ccr.customer_id', '=', customerId)
    .orderBy('ccr.recorded_on', 'desc')
    .limit(3)
    .execute()
  const parts: string[] = [
    de
      ? type === 'business'
        ? 'Geschäftskunde'
        : 'Privatkunde'
      : type === 'business'
        ? 'business customer'
        : 'consumer',
  ]
  if (status) {
    // a status row that stayed true since an earlier day counts the months up to the base's day
    const day = laterDay(status.as_of, await classificationDay(db))
    parts.push(de ? `Status: ${status.status}` : `status: ${status.status}`)
    parts.push(de ? `${status.purchase_count} Käufe` : `${status.purchase_count} purchases`)
    if (status.last_purchase_on)
      parts.push(
        de
          ? `letzter Kauf vor ${Math.round(daysBetween(status.last_purchase_on, day) / 30)} Monaten`
          : `last purchase ${Math.round(daysBetween(status.last_purchase_on, day) / 30)} months ago`,
      )
  }
  if (reasons.length > 0) {
    const known = new Map(seededReasons.map((r) => [r.code, r]))
    parts.push(
      (de ? 'Gründe: ' : 'reasons: ') +
        reasons
          .map((r) => (de ? (known.get(r.code)?.de ?? r.name_de) : (known.get(r.code)?.en ?? r.name_en)))
          .join(', '),
    )
  }
  return parts.join('; ')
}
