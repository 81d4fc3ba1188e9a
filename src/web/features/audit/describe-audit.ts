import type { TFunction } from 'i18next'
import { formatDate, formatNumber, type Locale } from '../../../shared/i18n/format'

const DATE = /^\d{4}-\d{2}-\d{2}/

/** A value as a reader reads it: dates and numbers in their format, lists joined. */
function readable(value: unknown, locale: Locale): string {
  if (typeof value === 'number') return formatNumber(value, locale)
  if (typeof value === 'string' && DATE.test(value)) return formatDate(value.slice(0, 10), locale)
  if (Array.isArray(value)) return value.map((v) => readable(v, locale)).join(', ')
  if (value !== null && typeof value === 'object') return JSON.stringify(value)
  return String(value ?? '')
}

/**
 * What an audit entry says, in a sentence of the reader's language: channels, roles, settings and
 * fields by their names, dates and numbers in the reader's format. An action this page does not
 * know yet falls back to its details as "key: value".
 */
export function describeAuditEntry(
  t: TFunction,
  action: string,
  details: Record<string, unknown>,
  locale: Locale,
): string {
  const v = (key: string) => readable(details[key], locale)
  const fields = (names: unknown) =>
    (Array.isArray(names) ? names : [])
      .map((name) => t(`audit.field.${String(name)}`, { defaultValue: String(name) }))
      .join(', ')
  const say = (key: string, params: Record<string, unknown>) =>
    t(`audit.say.${key}`, { ...params, interpolation: { escapeValue: false } })
  switch (action) {
    case 'consent.recorded':
      return say('consent_recorded', {
        channel: t(`contact.channel.${String(details.channel)}`, { defaultValue: String(details.channel) }),
        source: t(`contact.source.${String(details.source)}`, { defaultValue: String(details.source) }),
        grantedAt: v('grantedAt'),
      })
    case 'consent.withdrawn':
      return say('consent_withdrawn', { withdrawnAt: v('withdrawnAt') })
    case 'consent.imported':
      return say('consent_imported', {
        fileName: v('fileName'),
        consents: v('consents'),
        objections: v('objections'),
        customers: v('customers'),
      })
    case 'objection.recorded':
      return say(details.gdpr ? 'objection_recorded_gdpr' : 'objection_recorded', {
        scope: t(`contact.scope.${String(details.scope)}`, { defaultValue: String(details.scope) }),
        via: t(`contact.via.${String(details.via)}`, { defaultValue: String(details.via) }),
        receivedAt: v('receivedAt'),
        entries: v('suppressionEntries'),
      })
    case 'contact_facts.updated':
      return say('contact_facts_updated', { fields: fields(details.fields) })
    case 'person.exported':
      return say('person_exported', { customerNumber: v('customerNumber') })
    case 'person.erased':
      return say('person_erased', { customerNumber: v('customerNumber'), entries: v('suppressionEntries') })
    case 'suppression.matched': {
      const numbers = Array.isArray(details.customerNumbers) ? details.customerNumbers : []
      return say('suppression_matched', {
        fileName: v('fileName'),
        count: formatNumber(numbers.length, locale),
        customerNumbers: readable(numbers.slice(0, 20), locale) + (numbers.length > 20 ? ' …' : ''),
      })
    }
    case 'import.completed':
      return say('import_completed', {
        fileName: v('fileName'),
        customersCreated: v('customersCreated'),
        customersUpdated: v('customersUpdated'),
        documentsCreated: v('documentsCreated'),
        documentsUpdated: v('documentsUpdated'),
        rejected: Number(details.rejectedRows) > 0 ? say('import_rejected', { rows: v('rejectedRows') }) : '',
      })
    case 'user.created':
      return say('user_created', {
        name: v('name'),
        email: v('email'),
        role: t(`role.${String(details.role)}`, { defaultValue: String(details.role) }),
      })
    case 'user.changed':
      return [v('email'), ...userChanges(t, details)].join(': ')
    case 'settings.changed':
      return say('settings_changed', {
        setting: t(`audit.setting.${String(details.key)}`, { defaultValue: String(details.key) }),
        fields: fields(details.fields),
      })
    case 'assistant.sent':
      return say('assistant_sent', {
        purpose: t(`assist.purpose.${String(details.purpose)}`, { defaultValue: String(details.purpose) }),
        model: v('model'),
        endpoint: v('endpoint'),
        failed: details.failed ? t('audit.say.assistant_failed') : '',
      })
    default:
      return Object.entries(details)
        .map(([key, value]) => `${key}: ${readable(value, locale)}`)
        .join(' · ')
  }
}

function userChanges(t: TFunction, details: Record<string, unknown>): string[] {
  const role = (r: unknown) => t(`role.${String(r)}`, { defaultValue: String(r) })
  const parts: string[] = []
  const change = details.role as { from?: unknown; to?: unknown } | undefined
  if (change) parts.push(t('audit.say.user_role', { from: role(change.from), to: role(change.to) }))
  const name = details.name as { from?: unknown; to?: unknown } | undefined
  if (name)
    parts.push(
      t('audit.say.user_name', {
        from: String(name.from),
        to: String(name.to),
        interpolation: { escapeValue: false },
      }),
    )
  if (details.disabled === true) parts.push(t('audit.say.user_disabled'))
  if (details.disabled === false) parts.push(t('audit.say.user_enabled'))
  if (details.passwordChanged) parts.push(t('audit.say.user_password'))
  return [parts.join(', ')]
}
