import { createHash, createHmac } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Config } from '../../config'
import type { Database } from '../../db/schema'
import type { Actor } from '../../lib/actor'
import { addDays } from '../../lib/dates'
import { AppError, say } from '../../lib/errors'
import { secretKeyOf } from '../../lib/secret-box'
import { insertObjection } from '../contact/contact.service'
import { insertFollowup } from '../worklist/log-call'

type Executor = Kysely<Database> | Transaction<Database>

export interface SurveyAnswer {
  reasonIds: number[]
  text: string
  offerWelcome: boolean
  objection: boolean
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * The personal link to the "why did you leave?" page for a customer (and campaign): derived from
 * the secret key, so a letter printed twice carries the same link, unguessable without the key.
 * The invitation is stored (its hash only) the first time.
 */
export async function surveyLink(
  db: Executor,
  config: Pick<Config, 'secretKey' | 'dataDir' | 'publicUrl'>,
  input: { customerId: number; campaignId: number | null; language: 'de' | 'en'; now: string },
): Promise<string> {
  const token = createHmac('sha256', secretKeyOf(config))
    .update(`survey:${input.customerId}:${input.campaignId ?? 0}`)
    .digest('base64url')
    .slice(0, 32)
  await db
    .insertInto('survey_invitations')
    .values({
      customer_id: input.customerId,
      campaign_id: input.campaignId,
      token_hash: hash(token),
      language: input.language,
      created_at: input.now,
      revoked_at: null,
      answered_at: null,
      answer: null,
    })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute()
  return `${config.publicUrl}/s/${token}`
}

/** The invitation behind a link, with the company's reasons to choose from; null when it is not (or no longer) valid. */
export async function openSurvey(db: Executor, token: string) {
  const invitation = await db
    .selectFrom('survey_invitations as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .select(['s.id', 's.customer_id', 's.language', 's.answered_at', 's.revoked_at', 'c.erased_at'])
    .where('s.token_hash', '=', hash(token))
    .executeTakeFirst()
  if (!invitation || invitation.revoked_at !== null || invitation.erased_at !== null) return null
  const reasons = await db
    .selectFrom('churn_reasons')
    .select(['id', 'code', 'name_de', 'name_en'])
    .where('retired_at', 'is', null)
    .where('code', '!=', 'unknown')
    .orderBy('id')
    .execute()
  return { ...invitation, reasons }
}

/**
 * Records what a former customer answered, in one transaction: each reason chosen as a stated reason
 * (source survey, the free text as its note), a Wiedervorlage for the owner when an offer is
 * welcome, an objection to all advertising when asked for. One answer per invitation.
 */
export async function answerSurvey(
  db: Kysely<Database>,
  token: string,
  answer: SurveyAnswer,
  actor: Actor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const survey = await openSurvey(trx, token)
    if (!survey) throw new AppError('not_found', say('linkNotValid'))
    if (survey.answered_at !== null) throw new AppError('conflict', say('surveyAnswered'))
    const valid = new Set(survey.reasons.map((r) => r.id))
    const reasonIds = [...new Set(answer.reasonIds)].filter((id) => valid.has(id))
    const note = answer.text.trim().slice(0, 2000) || null
    for (const reasonId of reasonIds)
      await trx
        .insertInto('customer_churn_reasons')
        .values({
          customer_id: survey.customer_id,
          reason_id: reasonId,
          source: 'survey',
          confidence: 'high',
          recorded_on: actor.today,
          note,
          remediation_cost_cents: null,
          created_at: actor.now,
          created_by: null,
        })
        .execute()
    const customer = await trx
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', survey.customer_id)
      .executeTakeFirstOrThrow()
    if (answer.offerWelcome && !answer.objection) {
      const assignee =
        customer.owner_user_id ??
        (
          await trx
            .selectFrom('users')
            .select('id')
            .where('role', '=', 'manager')
            .where('disabled_at', 'is', null)
            .orderBy('id')
            .executeTakeFirst()
        )?.id
      if (assignee !== undefined)
        await insertFollowup(trx, {
          customerId: customer.id,
          assignee,
          dueOn: addDays(actor.today, 1),
          dueTime: null,
          priority: 'high',
          channel: 'phone',
          note:
            survey.language === 'de'
              ? 'Befragung: ein Angebot ist willkommen'
              : 'Survey: an offer is welcome',
          source: 'survey',
          campaignId: null,
          campaignStep: null,
          callId: null,
          actor,
        })
    }
    if (answer.objection)
      await insertObjection(
        trx,
        customer,
        {
          scope: 'all',
          gdpr: false,
          receivedAt: actor.today,
          via: 'form',
          wording: 'Kundenbefragung: keine Werbung mehr',
        },
        actor,
      )
    await trx
      .updateTable('survey_invitations')
      .set({ answered_at: actor.now, answer: JSON.stringify({ ...answer, reasonIds, text: note }) })
      .where('id', '=', survey.id)
      .execute()
  })
}

/** Ends every survey link of a customer (managers): the page then says the link is not valid. */
export async function revokeSurveys(db: Executor, customerId: number, now: string): Promise<number> {
  const result = await db
    .updateTable('survey_invitations')
    .set({ revoked_at: now })
    .where('customer_id', '=', customerId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
