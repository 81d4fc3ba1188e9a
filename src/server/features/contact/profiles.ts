import { type ContactProfile, parseContactProfile } from './profile'
import at from './profiles/at.json' with { type: 'json' }
import de from './profiles/de.json' with { type: 'json' }

/** The jurisdictions the engine knows, keyed by ISO country code. Adding one is adding a JSON file here. */
export const contactProfiles: ReadonlyMap<string, ContactProfile> = new Map(
  [de, at].map((data) => {
    const profile = parseContactProfile(data)
    return [profile.id, profile] as const
  }),
)

export const defaultJurisdiction = 'DE'

/** The profile for a customer's jurisdiction; unknown jurisdictions fall back to the company's own. */
export function profileFor(
  jurisdiction: string | null | undefined,
  fallback = defaultJurisdiction,
): ContactProfile {
  const profile = contactProfiles.get((jurisdiction ?? '').toUpperCase()) ?? contactProfiles.get(fallback)
  if (!profile) throw new Error(`no contact profile for ${fallback}`)
  return profile
}
