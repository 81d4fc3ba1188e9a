import type { Kysely } from 'kysely'
import type { ContactSettingsDto, ContactSettingsInput } from '../../../shared/api/contact'
import type { Database } from '../../db/schema'
import { AppError, say } from '../../lib/errors'
import { writeSetting } from '../settings/settings.repository'
import { loadContactSettings } from './eligibility'
import { contactProfiles } from './profiles'

export async function getContactSettings(db: Kysely<Database>): Promise<ContactSettingsDto> {
  const settings = await loadContactSettings(db)
  return {
    jurisdiction: settings.jurisdiction,
    consentRenewalMonths: settings.consentRenewalMonths ?? null,
    profiles: [...contactProfiles.values()].map((p) => ({
      id: p.id,
      name: p.name,
      version: p.version,
      consentRenewalMonths: p.consentRenewalMonths,
    })),
  }
}

/** Saves the company's jurisdiction and renewal period; the caller refreshes every customer's eligibility. */
export async function saveContactSettings(
  db: Kysely<Database>,
  input: ContactSettingsInput,
  userId: number,
  now: string,
): Promise<void> {
  const jurisdiction = input.jurisdiction.toUpperCase()
  if (!contactProfiles.has(jurisdiction))
    throw new AppError(
      'validation_failed',
      say('noLegalProfile', { jurisdiction, known: [...contactProfiles.keys()].join(', ') }),
    )
  await db.transaction().execute(async (trx) => {
    await writeSetting(trx, 'contact.jurisdiction', jurisdiction, userId, now)
    await writeSetting(trx, 'contact.consentRenewalMonths', input.consentRenewalMonths, userId, now)
  })
}
