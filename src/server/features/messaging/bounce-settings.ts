import type { Kysely, Transaction } from 'kysely'
import {
  type BounceCheck,
  type BounceSettingsDto,
  type BounceSettingsInput,
  bounceSettingsInputSchema,
} from '../../../shared/api/messaging'
import type { Config } from '../../config'
import type { Database } from '../../db/schema'
import { decryptSecret, encryptSecret, secretKeyOf } from '../../lib/secret-box'
import { readSetting, writeSetting, writeSystemState } from '../settings/settings.repository'

type Executor = Kysely<Database> | Transaction<Database>

const BOUNCES = 'mail.bounces'
const LAST_CHECK = 'mail.bounces.last'

export interface StoredBounceSettings extends Omit<BounceSettingsInput, 'password'> {
  /** encrypted (secret-box) */
  password: string | null
}

const defaults: StoredBounceSettings = {
  enabled: false,
  host: '',
  port: 993,
  security: 'tls',
  user: '',
  password: null,
  mailbox: 'INBOX',
}

export async function loadStoredBounceSettings(db: Executor): Promise<StoredBounceSettings> {
  const raw = (await readSetting(db, BOUNCES)) as Partial<StoredBounceSettings> | undefined
  return { ...defaults, ...(raw ?? {}) }
}

/** When the mailbox's settings were last saved and last read (null: never). */
export async function bounceCheckTimes(
  db: Executor,
): Promise<{ savedAt: string | null; checkedAt: string | null }> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'updated_at'])
    .where('key', 'in', [BOUNCES, LAST_CHECK])
    .execute()
  const at = (key: string) => rows.find((r) => r.key === key)?.updated_at ?? null
  return { savedAt: at(BOUNCES), checkedAt: at(LAST_CHECK) }
}

export async function loadBounceSettings(
  db: Executor,
  config: Pick<Config, 'imapPassword'>,
): Promise<BounceSettingsDto> {
  const { password, ...rest } = await loadStoredBounceSettings(db)
  return {
    ...rest,
    passwordSet: password !== null,
    passwordFromEnvironment: config.imapPassword !== null,
    lastCheck: ((await readSetting(db, LAST_CHECK)) as BounceCheck | undefined) ?? null,
  }
}

export async function saveBounceSettings(
  db: Executor,
  input: BounceSettingsInput,
  config: Pick<Config, 'secretKey' | 'dataDir'>,
  userId: number | null,
  now: string,
): Promise<void> {
  const { password, ...rest } = bounceSettingsInputSchema.parse(input)
  const stored = await loadStoredBounceSettings(db)
  await writeSetting(
    db,
    BOUNCES,
    {
      ...rest,
      password:
        password === undefined
          ? stored.password
          : password === ''
            ? null
            : encryptSecret(secretKeyOf(config), password),
    } satisfies StoredBounceSettings,
    userId,
    now,
  )
}

/** The mailbox password: from the environment, else the stored one decrypted. */
export function bouncePasswordOf(
  settings: StoredBounceSettings,
  config: Pick<Config, 'secretKey' | 'dataDir' | 'imapPassword'>,
): string {
  return (
    config.imapPassword ?? (settings.password ? decryptSecret(secretKeyOf(config), settings.password) : '')
  )
}

export async function saveBounceCheck(db: Executor, check: BounceCheck): Promise<void> {
  await writeSystemState(db, LAST_CHECK, check, check.at)
}
