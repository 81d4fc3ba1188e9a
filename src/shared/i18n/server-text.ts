/**
 * A text the server produced for a person: a key of the catalogue's `serverErrors` with its
 * parameters. A parameter may itself be such a text ("the import failed: <why>"), said in the same
 * language as the sentence around it.
 */
export interface TextOfServer<Key extends string = string> {
  key: Key
  params?: Record<string, string | number | TextOfServer<Key>>
}

type Translate = (key: string, params?: Record<string, unknown>) => string

/** A text as it comes over the wire (the API's schema does not spell out the nesting). */
export interface ReceivedServerText {
  key: string
  params?: Record<string, unknown>
}

const isText = (value: unknown): value is ReceivedServerText =>
  typeof value === 'object' && value !== null && typeof (value as ReceivedServerText).key === 'string'

/** The text in the language of `translate` (an i18next `t`), nested texts first. */
export function sayServerText(translate: Translate, text: ReceivedServerText, fallback?: string): string {
  const params: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(text.params ?? {}))
    params[name] = isText(value) ? sayServerText(translate, value) : value
  if (fallback !== undefined) params.defaultValue = fallback
  return translate(`serverErrors.${text.key}`, params)
}

/** A stored text (a JSON column) back as a text; null for none or for what is not one. */
export function parseServerText(json: string | null | undefined): ReceivedServerText | null {
  if (!json) return null
  try {
    const value = JSON.parse(json) as unknown
    return isText(value) ? value : null
  } catch {
    return null
  }
}
