import { isAppError } from '../server/lib/errors'
import type { Locale } from '../shared/i18n/format'
import { sayServerText, type TextOfServer } from '../shared/i18n/server-text'
import { cliTranslator } from './cli-text'

/**
 * An error as the CLI prints it, in the --lang language: what the server says as a key with
 * parameters, anything else as its message.
 */
export function describeError(error: unknown, locale: Locale): string {
  if (!isAppError(error)) return error instanceof Error ? error.message : String(error)
  return sayServerText(cliTranslator(locale), error.text)
}

/** An import issue's reason in the --lang language (the English one when the issue has no key). */
export function issueReason(issue: { reason: string; text?: TextOfServer }, locale: Locale): string {
  return issue.text ? sayServerText(cliTranslator(locale), issue.text) : issue.reason
}
