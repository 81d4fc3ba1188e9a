import { Button, Code, Group, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { useCalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from '../hooks/useWorklist'

/** The user's secret iCal URL for Outlook or Google Calendar: made, shown once, revoked. */
export function CalendarFeedButton() {
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  const feed = useCalendarFeed()
  const create = useCreateCalendarFeed()
  const revoke = useRevokeCalendarFeed()
  const url = feed.data?.path ? `${window.location.origin}${feed.data.path}` : null
  return (
    <>
      <Button variant="light" size="xs" onClick={() => setOpen(true)} data-testid="calendar-feed">
        {t('worklist.calendar.button')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('worklist.calendar.title')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text size="sm">{t('worklist.calendar.explain')}</Text>
          {(create.error || revoke.error) && <ErrorAlert error={create.error ?? revoke.error} />}
          {url ? (
            <Code block data-testid="calendar-url">
              {url}
            </Code>
          ) : (
            <Text size="sm" c="dimmed">
              {feed.data?.createdAt ? t('worklist.calendar.exists') : t('worklist.calendar.none')}
            </Text>
          )}
          <Group justify="flex-end">
            {feed.data?.createdAt && (
              <Button
                color="red"
                variant="light"
                onClick={() => revoke.mutate()}
                loading={revoke.isPending}
                data-testid="calendar-revoke"
              >
                {t('worklist.calendar.revoke')}
              </Button>
            )}
            <Button onClick={() => create.mutate()} loading={create.isPending} data-testid="calendar-create">
              {feed.data?.createdAt ? t('worklist.calendar.renew') : t('worklist.calendar.create')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
