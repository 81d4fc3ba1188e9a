import type { AnyKysely } from '../dialect-helpers'
import { timestampType } from '../dialect-helpers'

/**
 * Returned mail read from the bounce mailbox: when and how an e-mail came back (hard: the address
 * is gone; soft: given up on after retries), and the address index that keeps winback from
 * writing to a hard-bounced address again.
 */
export async function up(db: AnyKysely): Promise<void> {
  const ts = timestampType(db)
  await db.schema.alterTable('outbound_messages').addColumn('bounced_at', ts).execute()
  await db.schema.alterTable('outbound_messages').addColumn('bounce_kind', 'text').execute()
  await db.schema.alterTable('outbound_messages').addColumn('bounce_status', 'text').execute()
  await db.schema.createIndex('outbound_messages_to').on('outbound_messages').column('to_address').execute()
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropIndex('outbound_messages_to').execute()
  for (const column of ['bounce_status', 'bounce_kind', 'bounced_at'])
    await db.schema.alterTable('outbound_messages').dropColumn(column).execute()
}
