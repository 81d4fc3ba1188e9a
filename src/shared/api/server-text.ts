import { z } from 'zod'

/**
 * A text the server says to a person: a key of the catalogue's serverErrors with its parameters (a
 * parameter may be such a text again; `sayServerText` in shared/i18n says it).
 */
export const serverTextSchema = z.object({
  key: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
})
