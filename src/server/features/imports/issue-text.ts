import { inEnglish, type ServerText } from '../../lib/errors'

/** An import issue's reason: the key and parameters the reader's language needs, and the English text. */
export function issueText(text: ServerText): { text: ServerText; reason: string } {
  return { text, reason: inEnglish(text) }
}
