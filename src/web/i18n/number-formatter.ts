import type { FormatterModule } from 'i18next'
import { readerValue } from '../../shared/i18n/format'

export { readerNumber } from '../../shared/i18n/format'

/**
 * i18next's formatter for the web app: every number put into a text ("{{count}} Kunden") is written
 * in the reader's language, and so is every ISO day, so no caller can forget it. Texts are otherwise left
 * as they are.
 */
export const numberFormatter: FormatterModule = {
  type: 'formatter',
  init() {},
  add() {},
  addCached() {},
  // i18next hands over any value and puts what comes back into the text
  format(value: unknown, _format?: string, lng?: string): string {
    return readerValue(value, lng === 'en' ? 'en' : 'de') as string
  },
}
