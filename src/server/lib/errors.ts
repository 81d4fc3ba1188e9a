import type en from '../../shared/i18n/en.json'
import type { Locale } from '../../shared/i18n/format'
import { createTranslator, readerTranslator } from '../../shared/i18n/index'
import { sayServerText, type TextOfServer } from '../../shared/i18n/server-text'

/**
 * The closed set of error codes the application can raise. Each code has a user-facing message key
 * (`errors.<code>` in the i18n catalogue); the HTTP status is decided in exactly one place
 * (`http/error-status.ts`).
 */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  /** the contact law does not allow this contact; details: { channel, blockers } */
  'contact_not_allowed',
  'import_rejected',
  'import_unreadable',
  'rate_limited',
  'payload_too_large',
  'busy',
  /** no language model is configured and switched on */
  'assistant_off',
  /** the configured language model did not answer usably; details: { reason } */
  'assistant_failed',
  'internal',
] as const

export type ErrorCode = (typeof errorCodes)[number]

export type ServerTextKey = Exclude<keyof (typeof en)['serverErrors'], 'importStatus'>

/**
 * What went wrong, for a person: a key of `serverErrors` in the i18n catalogue with its parameters.
 * The web app (and the CLI with --lang) says it in the reader's language; the English text is the
 * error's message for logs and API clients.
 */
export type ServerText = TextOfServer<ServerTextKey>

export function say(key: ServerTextKey, params?: Record<string, string | number | ServerText>): ServerText {
  return params === undefined ? { key } : { key, params }
}

let english: ((text: ServerText) => string) | null = null

/** The text in English (the catalogue is loaded at the first error, not at every start). */
export function inEnglish(text: ServerText): string {
  if (!english) {
    const { t } = createTranslator('en')
    // numbers as an English reader writes them (1,000,000), as the sentences did before they were keys
    english = (x) =>
      sayServerText(
        (key, params) =>
          t(
            key,
            Object.fromEntries(
              Object.entries(params ?? {}).map(([k, v]) => [
                k,
                typeof v === 'number' ? v.toLocaleString('en') : v,
              ]),
            ),
          ),
        x,
      )
  }
  return english(text)
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: unknown
  readonly text: ServerText

  constructor(code: ErrorCode, text: ServerText, details?: unknown) {
    super(inEnglish(text))
    this.name = 'AppError'
    this.code = code
    this.details = details
    this.text = text
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}

const readers = new Map<Locale, (text: ServerText) => string>()

/** The text in the reader's language: numbers and ISO days written their way. */
export function inLanguage(text: ServerText, locale: Locale): string {
  if (locale === 'en') return inEnglish(text)
  let say = readers.get(locale)
  if (!say) {
    const translate = readerTranslator(locale)
    say = (x) => sayServerText(translate, x)
    readers.set(locale, say)
  }
  return say(text)
}

/** What any error says to a person: an AppError's text, else its message as an unexpected error. */
export function textOfError(error: unknown): ServerText {
  if (isAppError(error)) return error.text
  return say('unexpected', { message: error instanceof Error ? error.message : String(error) })
}

/** A text as stored beside its English sentence: `{ message, message_text }` columns. */
export function storedText(text: ServerText): { english: string; json: string } {
  return { english: inEnglish(text), json: JSON.stringify(text) }
}
