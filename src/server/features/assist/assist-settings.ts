import type { Kysely, Transaction } from 'kysely'
import {
  type AssistSettingsDto,
  type AssistSettingsInput,
  assistSettingsInputSchema,
} from '../../../shared/api/assist'
import type { Config } from '../../config'
import type { Database } from '../../db/schema'
import { decryptSecret, encryptSecret, secretKeyOf } from '../../lib/secret-box'
import { readSetting, writeSetting } from '../settings/settings.repository'

type Executor = Kysely<Database> | Transaction<Database>

const KEY = 'assist.settings'

interface Stored {
  competitors: string[]
  llm: Omit<AssistSettingsInput['llm'], 'apiKey'> & { apiKey: string | null }
}

/** Off until an admin configures a model: nothing leaves the machine by default. */
const defaults: Stored = {
  competitors: [],
  llm: { enabled: false, baseUrl: '', model: '', apiKey: null, tone: '' },
}

async function loadStored(db: Executor): Promise<Stored> {
  const raw = (await readSetting(db, KEY)) as Partial<Stored> | undefined
  return { ...defaults, ...(raw ?? {}), llm: { ...defaults.llm, ...(raw?.llm ?? {}) } }
}

export async function loadAssistSettings(db: Executor): Promise<AssistSettingsDto> {
  const stored = await loadStored(db)
  const { apiKey, ...llm } = stored.llm
  return { competitors: stored.competitors, llm: { ...llm, apiKeySet: apiKey !== null } }
}

export async function saveAssistSettings(
  db: Executor,
  input: AssistSettingsInput,
  config: Pick<Config, 'secretKey' | 'dataDir'>,
  userId: number,
  now: string,
): Promise<void> {
  const parsed = assistSettingsInputSchema.parse(input)
  const stored = await loadStored(db)
  const { apiKey, ...llm } = parsed.llm
  const next: Stored = {
    competitors: [...new Set(parsed.competitors)],
    llm: {
      ...llm,
      baseUrl: llm.baseUrl.replace(/\/+$/, ''),
      apiKey:
        apiKey === undefined
          ? stored.llm.apiKey
          : apiKey === ''
            ? null
            : encryptSecret(secretKeyOf(config), apiKey),
    },
  }
  await writeSetting(db, KEY, next, userId, now)
}

/** Whether a language model is configured and switched on (without opening its key). */
export async function languageModelConfigured(db: Executor): Promise<boolean> {
  const { llm } = await loadStored(db)
  return llm.enabled && llm.baseUrl !== '' && llm.model !== ''
}

/** The model endpoint to use, or null when none is configured and switched on. */
export async function languageModelOf(
  db: Executor,
  config: Pick<Config, 'secretKey' | 'dataDir'>,
): Promise<{ baseUrl: string; model: string; apiKey: string | null; tone: string } | null> {
  if (!(await languageModelConfigured(db))) return null
  const { llm } = await loadStored(db)
  return {
    baseUrl: llm.baseUrl,
    model: llm.model,
    apiKey: llm.apiKey === null ? null : decryptSecret(secretKeyOf(config), llm.apiKey),
    tone: llm.tone,
  }
}

export async function competitorNames(db: Executor): Promise<string[]> {
  return (await loadStored(db)).competitors
}
