import { Button } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { ApiError } from '../../../api/client'
import { useI18n } from '../../../i18n'
import { errorText } from '../../../ui/ErrorAlert'

/**
 * Downloads the call list of the filtered customers: the server asks the contact engine for every one,
 * leaves out those who may not be called, and says how many that were.
 */
export function CallListButton({ query }: { query: string }) {
  const { t } = useI18n()
  const [loading, setLoading] = useState(false)
  const download = async () => {
    setLoading(true)
    try {
      const res = await fetch(`/api/contact/call-list${query}`, { credentials: 'same-origin' })
      if (!res.ok) {
        const body = await res.json().catch(() => null)
        throw new ApiError(
          res.status,
          body?.error?.code ?? 'internal',
          body?.error?.message ?? res.statusText,
          body?.error?.details,
          body?.error?.text,
        )
      }
      const blob = await res.blob()
      const name =
        /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'call-list.csv'
      const url = URL.createObjectURL(blob)
      const a = document.createElement('a')
      a.href = url
      a.download = name
      a.click()
      URL.revokeObjectURL(url)
      notifications.show({
        color: 'teal',
        message: t('contact.callList.done', {
          included: res.headers.get('x-winback-included') ?? '0',
          excluded: res.headers.get('x-winback-excluded') ?? '0',
        }),
      })
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(t, error) })
    } finally {
      setLoading(false)
    }
  }
  return (
    <Button variant="default" onClick={download} loading={loading} data-testid="call-list">
      {t('contact.callList.button')}
    </Button>
  )
}
