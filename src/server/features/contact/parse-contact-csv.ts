import Papa from 'papaparse'
import {
  type ConsentSource,
  type ContactChannel,
  consentSources,
  contactChannels,
  type ObjectionScope,
  type ObjectionVia,
  objectionVias,
} from '../../../shared/contact'
import type { ImportIssue } from '../../../shared/imports'
import type { IsoDate } from '../../lib/dates'
import { decodeText } from '../../lib/decode'
import { type ServerText, say } from '../../lib/errors'
import { sniffDelimiter } from '../../lib/sniff'
import { issueText } from '../imports/issue-text'
import { parseDate } from '../imports/parse-date'

/** One consent or objection as a file states it; the customer is named by number or e-mail. */
export interface ContactCsvRow {
  line: number
  customerNumber: string | null
  email: string | null
  record:
    | {
        kind: 'consent'
        channel: ContactChannel
        grantedAt: IsoDate | null
        source: ConsentSource
        textVersion: string | null
        doiConfirmedAt: IsoDate | null
        ip: string | null
        withdrawnAt: IsoDate | null
      }
    | {
        kind: 'objection'
        scope: ObjectionScope
        gdpr: boolean
        receivedAt: IsoDate
        via: ObjectionVia
        wording: string | null
      }
}

type Field =
  | 'customerNumber'
  | 'email'
  | 'kind'
  | 'channel'
  | 'date'
  | 'source'
  | 'textVersion'
  | 'doiConfirmedAt'
  | 'ip'
  | 'withdrawnAt'
  | 'gdpr'
  | 'via'
  | 'wording'
  | 'acceptsEmail'
  | 'acceptsSms'

const headerNames: Record<Field, string[]> = {
  customerNumber: [
    'kundennummer',
    'kundennr',
    'kundennr.',
    'kunden-nr',
    'kunden-nr.',
    'customer number',
    'customer_number',
    'customer id',
    'customernumber',
  ],
  email: ['e-mail', 'email', 'mail', 'e-mail-adresse'],
  kind: ['art', 'typ', 'kind', 'type', 'eintrag'],
  channel: ['kanal', 'channel', 'umfang', 'scope'],
  date: [
    'datum',
    'date',
    'erteilt am',
    'granted at',
    'granted_at',
    'eingegangen am',
    'received at',
    'received_at',
  ],
  source: ['quelle', 'source', 'herkunft'],
  textVersion: ['textversion', 'text version', 'text_version', 'version'],
  doiConfirmedAt: [
    'doi bestätigt',
    'doi bestätigt am',
    'bestätigt am',
    'doi confirmed at',
    'doi_confirmed_at',
    'confirmed at',
  ],
  ip: ['ip', 'ip-adresse', 'ip address'],
  withdrawnAt: ['widerrufen am', 'withdrawn at', 'withdrawn_at', 'widerruf'],
  gdpr: ['dsgvo', 'art. 21', 'art 21', 'gdpr', 'art21'],
  via: ['über', 'ueber', 'via', 'eingang'],
  wording: ['wortlaut', 'wording', 'text', 'bemerkung'],
  acceptsEmail: [
    'accepts email marketing',
    'accepts marketing',
    'newsletter',
    'accepts_marketing',
    'marketing zugestimmt',
  ],
  acceptsSms: ['accepts sms marketing', 'accepts_sms_marketing'],
}

const channelWords: Record<string, ContactChannel | 'all'> = {
  'e-mail': 'email',
  email: 'email',
  mail: 'email',
  telefon: 'phone',
  phone: 'phone',
  tel: 'phone',
  anruf: 'phone',
  brief: 'letter',
  letter: 'letter',
  post: 'letter',
  sms: 'sms',
  alle: 'all',
  all: 'all',
}
const sourceWords: Record<string, ConsentSource> = {
  formular: 'form',
  webformular: 'form',
  form: 'form',
  import: 'import',
  anruf: 'call',
  telefon: 'call',
  call: 'call',
  papier: 'paper',
  schriftlich: 'paper',
  paper: 'paper',
  shop: 'shop_flag',
  'shop-häkchen': 'shop_flag',
  shop_flag: 'shop_flag',
}
const viaWords: Record<string, ObjectionVia> = {
  'e-mail': 'email',
  email: 'email',
  telefon: 'phone',
  phone: 'phone',
  brief: 'letter',
  letter: 'letter',
  persönlich: 'in_person',
  in_person: 'in_person',
  formular: 'form',
  form: 'form',
  sonstiges: 'other',
  other: 'other',
}
const yes = new Set(['ja', 'yes', 'true', '1', 'x', 'wahr', 'subscribed'])
const no = new Set(['nein', 'no', 'false', '0', '', 'falsch', 'not_subscribed', 'unsubscribed'])

/**
 * Reads a file of consents and objections (German or English headers, `;` `,` or tab, any of the
 * encodings the order import reads). A shop's customer export with an "Accepts Email Marketing" column
 * gives shop-flag consents: kept as what they are, never as proof of express consent. Every problem
 * is reported with line, column and value; the caller imports nothing if there is one.
 */
export function parseContactCsv(
  fileName: string,
  bytes: Uint8Array,
): { rows: ContactCsvRow[]; issues: ImportIssue[] } {
  const { text } = decodeText(bytes)
  const parsed = Papa.parse<string[]>(text, { delimiter: sniffDelimiter(text), skipEmptyLines: 'greedy' })
  const [header = [], ...body] = parsed.data
  const issues: ImportIssue[] = []
  const issue = (
    line: number,
    column: string | null,
    value: string | null,
    text: ServerText,
    code: ImportIssue['code'],
  ) => issues.push({ severity: 'error', code, file: fileName, line, column, value, ...issueText(text) })
  const columns = new Map<Field, number>()
  header.forEach((h, i) => {
    const name = h.trim().toLowerCase()
    for (const [field, names] of Object.entries(headerNames) as [Field, string[]][])
      if (names.includes(name) && !columns.has(field)) columns.set(field, i)
  })
  if (!columns.has('customerNumber') && !columns.has('email'))
    issue(1, null, null, say('contactNumberOrEmailColumn'), 'missing_column')
  const shopExport = columns.has('acceptsEmail') || columns.has('acceptsSms')
  if (!shopExport && !columns.has('channel'))
    issue(1, null, null, say('contactChannelColumn'), 'missing_column')
  if (issues.length > 0) return { rows: [], issues }

  const rows: ContactCsvRow[] = []
  body.forEach((cells, index) => {
    const line = index + 2
    const cell = (field: Field) => {
      const i = columns.get(field)
      return i === undefined ? '' : (cells[i] ?? '').trim()
    }
    const headerOf = (field: Field) => header[columns.get(field) ?? -1] ?? field
    const date = (field: Field, required: boolean): IsoDate | null | undefined => {
      const raw = cell(field)
      if (!raw) {
        if (required) issue(line, headerOf(field), '', say('contactDateNeeded'), 'missing_value')
        return required ? undefined : null
      }
      const d = parseDate(raw)
      if (!d) issue(line, headerOf(field), raw, say('contactNotADate'), 'invalid_date')
      return d
    }
    const customerNumber = cell('customerNumber') || null
    const email = cell('email').toLowerCase() || null
    if (!customerNumber && !email) {
      issue(
        line,
        headerOf(columns.has('customerNumber') ? 'customerNumber' : 'email'),
        '',
        say('contactNoCustomer'),
        'missing_value',
      )
      return
    }
    if (shopExport) {
      for (const [field, channel] of [
        ['acceptsEmail', 'email'],
        ['acceptsSms', 'sms'],
      ] as const) {
        if (!columns.has(field)) continue
        const raw = cell(field).toLowerCase()
        if (no.has(raw)) continue
        if (!yes.has(raw)) {
          issue(line, headerOf(field), cell(field), say('contactYesNo'), 'invalid_value')
          continue
        }
        const grantedAt = date('date', false)
        if (grantedAt === undefined) continue
        rows.push({
          line,
          customerNumber,
          email,
          record: {
            kind: 'consent',
            channel,
            grantedAt,
            source: 'shop_flag',
            textVersion: null,
            doiConfirmedAt: null,
            ip: null,
            withdrawnAt: null,
          },
        })
      }
      return
    }
    const kindRaw = cell('kind').toLowerCase()
    const kind = ['', 'einwilligung', 'consent', 'opt-in'].includes(kindRaw)
      ? 'consent'
      : ['widerspruch', 'objection', 'opt-out'].includes(kindRaw)
        ? 'objection'
        : null
    if (!kind) {
      issue(line, headerOf('kind'), cell('kind'), say('contactKind'), 'invalid_value')
      return
    }
    const channelRaw = cell('channel').toLowerCase()
    const channel = channelWords[channelRaw]
    if (!channel || (kind === 'consent' && channel === 'all')) {
      issue(
        line,
        headerOf('channel'),
        cell('channel'),
        say('contactOneOf', {
          values: kind === 'consent' ? contactChannels.join(', ') : [...contactChannels, 'all'].join(', '),
        }),
        'invalid_value',
      )
      return
    }
    if (kind === 'objection') {
      const receivedAt = date('date', true)
      const viaRaw = cell('via').toLowerCase()
      const via = viaRaw ? viaWords[viaRaw] : 'other'
      if (!via)
        issue(
          line,
          headerOf('via'),
          cell('via'),
          say('contactOneOf', { values: objectionVias.join(', ') }),
          'invalid_value',
        )
      const gdprRaw = cell('gdpr').toLowerCase()
      if (!yes.has(gdprRaw) && !no.has(gdprRaw))
        issue(line, headerOf('gdpr'), cell('gdpr'), say('contactYesNo'), 'invalid_value')
      if (!receivedAt || !via) return
      rows.push({
        line,
        customerNumber,
        email,
        record: {
          kind: 'objection',
          scope: channel,
          gdpr: yes.has(gdprRaw),
          receivedAt,
          via,
          wording: cell('wording') || null,
        },
      })
      return
    }
    const sourceRaw = cell('source').toLowerCase()
    const source = sourceRaw ? sourceWords[sourceRaw] : 'import'
    if (!source)
      issue(
        line,
        headerOf('source'),
        cell('source'),
        say('contactOneOf', { values: consentSources.join(', ') }),
        'invalid_value',
      )
    const grantedAt = date('date', true)
    const doiConfirmedAt = date('doiConfirmedAt', false)
    const withdrawnAt = date('withdrawnAt', false)
    if (!source || !grantedAt || doiConfirmedAt === undefined || withdrawnAt === undefined) return
    rows.push({
      line,
      customerNumber,
      email,
      record: {
        kind: 'consent',
        channel: channel as ContactChannel,
        grantedAt,
        source,
        textVersion: cell('textVersion') || null,
        doiConfirmedAt,
        ip: cell('ip') || null,
        withdrawnAt,
      },
    })
  })
  return { rows, issues }
}
