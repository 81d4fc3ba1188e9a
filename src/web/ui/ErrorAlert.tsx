import { Alert } from '@mantine/core'
import { ApiError } from '../api/client'
import { useI18n } from '../i18n'

/** Shows an API error in the user's language; the server's English message as detail. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n()
  if (!error) return null
  const code = error instanceof ApiError ? error.code : 'internal'
  const detail = error instanceof Error ? error.message : String(error)
  return (
    <Alert color="red" title={t(`errors.${code}`, { defaultValue: t('errors.internal') })} role="alert">
      {detail}
    </Alert>
  )
}
