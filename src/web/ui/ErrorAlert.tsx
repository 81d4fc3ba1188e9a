import { Alert, List, Text } from '@mantine/core'
import type { TFunction } from 'i18next'
import { sayServerText } from '../../shared/i18n/server-text'
import { ApiError } from '../api/client'
import { useI18n } from '../i18n'

interface ContactRefusal {
  channel: string
  blockers: { code: string }[]
}

/** A channel's name inside an English sentence is lower case ("by letter"), an abbreviation stays ("by SMS"). */
function inSentence(name: string, locale: string): string {
  return locale === 'en' && name !== name.toUpperCase() ? name.toLowerCase() : name
}

function contactRefusalOf(error: unknown): ContactRefusal | null {
  if (!(error instanceof ApiError) || error.code !== 'contact_not_allowed') return null
  const details = error.details as Partial<ContactRefusal> | undefined
  return details?.channel && Array.isArray(details.blockers) ? (details as ContactRefusal) : null
}

/** What happened, in the reader's language: the server says it as a key with parameters. */
export function errorText(t: TFunction, error: unknown): string {
  const text = error instanceof ApiError ? error.text : undefined
  const message = error instanceof Error ? error.message : String(error)
  return text ? sayServerText(t, text, message) : message
}

/**
 * Shows an API error in the user's language: its code as the title, what happened (the server's
 * key and parameters) as the text. A contact the
 * law refuses is named with its channel and its reasons in words, and what would allow it.
 */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t, locale } = useI18n()
  if (!error) return null
  const refusal = contactRefusalOf(error)
  if (refusal) {
    const reasons = [...new Set(refusal.blockers.map((b) => b.code))]
    return (
      <Alert
        color="red"
        role="alert"
        title={t('errors.contactRefused', {
          channel: inSentence(t(`contact.channel.${refusal.channel}`), locale),
        })}
        data-testid="contact-refused"
      >
        <List size="sm">
          {reasons.map((code) => (
            <List.Item key={code}>{t(`contact.blockers.${code}`, { defaultValue: code })}</List.Item>
          ))}
        </List>
        <Text size="sm" mt="xs">
          {t('errors.contactRefusedHint')}
        </Text>
      </Alert>
    )
  }
  const code = error instanceof ApiError ? error.code : 'internal'
  return (
    <Alert color="red" title={t(`errors.${code}`, { defaultValue: t('errors.internal') })} role="alert">
      {errorText(t, error)}
    </Alert>
  )
}
