import { type ReceivedServerText, sayServerText } from '../../../shared/i18n/server-text'
import type { ImportIssue } from '../../../shared/imports'

type Translate = (key: string, options?: Record<string, unknown>) => string

/**
 * Runs stored before their message was kept as a key (`messageText`) have only the English sentence:
 * the known ones are said in the reader's language, any other as the server wrote it.
 */
const runMessages: {
  pattern: RegExp
  key: string
  params: (m: RegExpMatchArray) => Record<string, unknown>
}[] = [
  {
    pattern: /^(\d+) of (\d+) rows are invalid; nothing was imported$/,
    key: 'imports.message.rowsInvalid',
    params: (m) => ({ rejected: Number(m[1]), total: Number(m[2]) }),
  },
  {
    pattern: /^The file cannot be read as it is; nothing was imported$/,
    key: 'imports.message.unreadable',
    params: () => ({}),
  },
]

export function runMessageText(
  t: Translate,
  run: { message: string | null; messageText: ReceivedServerText | null },
): string {
  if (run.messageText) return sayServerText(t, run.messageText, run.message ?? undefined)
  const { message } = run
  if (!message) return ''
  for (const { pattern, key, params } of runMessages) {
    const match = message.match(pattern)
    if (match) return t(key, params(match))
  }
  return message
}

/** Reasons that only repeat the value: said in the reader's language. */
const reasonTemplates: Partial<Record<ImportIssue['code'], (value: string) => string>> = {
  invalid_date: (value) => `"${value}" is not a valid date`,
  invalid_amount: (value) => `"${value}" is not an amount`,
}

export function issueReasonText(t: Translate, issue: ImportIssue): string {
  // the server says the reason as a key with parameters; older runs stored only the English text
  if (issue.text) return sayServerText(t, issue.text, issue.reason)
  const template = reasonTemplates[issue.code]
  if (template && issue.value !== null && issue.reason === template(issue.value))
    return t(`imports.reason.${issue.code}`, { value: issue.value })
  return issue.reason
}
