import type { ColumnDefinitionBuilder } from 'kysely'
import { seededMeasures } from '../../features/playbook/playbook-seed'
import { seededRules } from '../../features/playbook/routing-seed'
import type { AnyKysely } from '../dialect-helpers'
import { dateType, idColumn, idColumnType, timestampType } from '../dialect-helpers'

/**
 * Running the win-back day by day: the playbook (measures per reason, hooks), routing rules, owner
 * history, campaigns with their members and arms, calls, Wiedervorlagen, the day's picks and the
 * calendar feeds. The playbook and the routing rules are seeded (seed 001 steps 2 and 4).
 */
export async function up(db: AnyKysely): Promise<void> {
  const date = dateType(db)
  const ts = timestampType(db)
  const userRef = (c: ColumnDefinitionBuilder) => c.references('users.id').onDelete('set null')
  await db.schema
    .createTable('customer_owner_changes')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('from_user_id', 'integer', userRef)
    .addColumn('to_user_id', 'integer', userRef)
    .addColumn('changed_at', ts, (c) => c.notNull())
    .addColumn('changed_by', 'integer', userRef)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute()
  await db.schema
    .createIndex('customer_owner_changes_customer')
    .on('customer_owner_changes')
    .column('customer_id')
    .execute()

  await db.schema
    .createTable('playbook_measures')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('reason_id', 'integer', (c) => c.references('churn_reasons.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name_de', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('cost_cents', 'bigint', (c) => c.notNull())
    .addColumn('talking_points_de', 'text', (c) => c.notNull())
    .addColumn('talking_points_en', 'text', (c) => c.notNull())
    .addColumn('default_offer', 'text')
    .addColumn('max_offer_cents', 'bigint')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('hooks')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('reason_ids', 'text', (c) => c.notNull())
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_until', date)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'integer', userRef)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('routing_rules')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_de', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text', (c) => c.notNull())
    .addColumn('assignee_user_id', 'integer', userRef)
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('campaigns')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('filter', 'text', (c) => c.notNull())
    .addColumn('measure_id', 'integer', (c) => c.references('playbook_measures.id'))
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('budget_cents', 'bigint')
    .addColumn('attribution_days', 'integer', (c) => c.notNull())
    .addColumn('control_share', 'real', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('baseline_rate', 'real', (c) => c.notNull())
    .addColumn('min_difference', 'real', (c) => c.notNull())
    .addColumn('skipped', 'text', (c) => c.notNull())
    .addColumn('launched_on', date)
    .addColumn('closed_on', date)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'integer', userRef)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('campaign_members')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('arm', 'text', (c) => c.notNull())
    .addColumn('stratum', 'integer', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('assignee_user_id', 'integer', userRef)
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('expected_net_cents', 'bigint', (c) => c.notNull())
    .addColumn('value_cents', 'bigint', (c) => c.notNull())
    .addColumn('probability', 'real', (c) => c.notNull())
    .addColumn('contacted_on', date)
    .addColumn('added_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_members_pk', ['campaign_id', 'customer_id'])
    .execute()
  await db.schema
    .createIndex('campaign_members_customer')
    .on('campaign_members')
    .column('customer_id')
    .execute()

  await db.schema
    .createTable('calls')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', userRef)
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('called_at', ts, (c) => c.notNull())
    .addColumn('called_on', date, (c) => c.notNull())
    .addColumn('reached', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('offer', 'text')
    .addColumn('offer_cents', 'bigint')
    .addColumn('reason_id', 'integer', (c) => c.references('churn_reasons.id'))
    .addColumn('note', 'text')
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id').onDelete('set null'))
    .addColumn('attempt_id', 'integer', (c) => c.references('winback_attempts.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('calls_customer').on('calls').column('customer_id').execute()
  await db.schema.createIndex('calls_user_day').on('calls').columns(['user_id', 'called_on']).execute()

  await db.schema
    .createTable('followups')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('assignee_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('due_on', date, (c) => c.notNull())
    .addColumn('due_time', 'text')
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id').onDelete('set null'))
    .addColumn('campaign_step', 'integer')
    .addColumn('call_id', 'integer', (c) => c.references('calls.id').onDelete('set null'))
    .addColumn('snoozed', 'integer', (c) => c.notNull())
    .addColumn('done_at', ts)
    .addColumn('done_call_id', 'integer', (c) => c.references('calls.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'integer', userRef)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('followups_customer').on('followups').column('customer_id').execute()
  await db.schema
    .createIndex('followups_assignee_due')
    .on('followups')
    .columns(['assignee_user_id', 'due_on'])
    .execute()

  await db.schema
    .createTable('worklist_picks')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('day', date, (c) => c.notNull())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('worklist_picks_pk', ['user_id', 'day', 'customer_id'])
    .execute()
  await db.schema.createIndex('worklist_picks_customer').on('worklist_picks').column('customer_id').execute()
  await db.schema
    .createIndex('worklist_picks_day')
    .on('worklist_picks')
    .columns(['day', 'customer_id'])
    .execute()

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', idColumnType(db), idColumn(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .execute()

  const now = new Date().toISOString()
  const reasons = (await db.selectFrom('churn_reasons').select(['id', 'code']).execute()) as {
    id: number
    code: string
  }[]
  const reasonId = new Map(reasons.map((r) => [r.code, r.id]))
  await db
    .insertInto('playbook_measures')
    .values(
      seededMeasures
        // a reason the company has deleted from its catalogue takes its measures with it
        .filter((m) => m.reason === null || reasonId.has(m.reason))
        .map((m, i) => ({
          reason_id: m.reason === null ? null : reasonId.get(m.reason),
          kind: m.kind,
          name_de: m.de,
          name_en: m.en,
          cost_cents: Math.round(m.costEuros * 100),
          talking_points_de: m.pointsDe,
          talking_points_en: m.pointsEn,
          default_offer: m.offerDe ?? null,
          max_offer_cents: m.maxOfferEuros === undefined ? null : Math.round(m.maxOfferEuros * 100),
          position: (i + 1) * 10,
          retired_at: null,
          created_at: now,
          updated_at: now,
        })),
    )
    .execute()
  await db
    .insertInto('routing_rules')
    .values(
      seededRules.map((r, i) => ({
        position: (i + 1) * 10,
        name_de: r.de,
        name_en: r.en,
        conditions: JSON.stringify(r.conditions),
        assignee: r.assignee,
        assignee_user_id: null,
        channels: JSON.stringify(r.channels),
        active: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute()
}

export async function down(db: AnyKysely): Promise<void> {
  for (const table of [
    'calendar_feeds',
    'worklist_picks',
    'followups',
    'calls',
    'campaign_members',
    'campaigns',
    'routing_rules',
    'hooks',
    'playbook_measures',
    'customer_owner_changes',
  ])
    await db.schema.dropTable(table).ifExists().execute()
}
