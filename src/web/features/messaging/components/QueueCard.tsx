import { Badge, Button, Card, SegmentedControl, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { QueuedJobDto } from '../../../../shared/api/messaging'
import { formatDateTime } from '../../../../shared/i18n/format'
import { sayServerText } from '../../../../shared/i18n/server-text'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { useQueuedJobsQuery, useRetryJob } from '../hooks/useMessaging'

const stateColor = { queued: 'gray', running: 'blue', succeeded: 'teal', failed: 'red' } as const

/** The durable queue: what waits, runs and failed (with its error), and a retry for the failed. */
export function QueueCard() {
  const { t, locale } = useI18n()
  const [state, setState] = useState<QueuedJobDto['state'] | 'all'>('failed')
  const query = useQueuedJobsQuery(state === 'all' ? undefined : state)
  const retry = useRetryJob()
  const jobs = query.data?.jobs ?? []
  return (
    <Card withBorder data-testid="queue">
      <Title order={4}>{t('queue.title')}</Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('queue.intro')}
      </Text>
      <SegmentedControl
        mb="xs"
        value={state}
        onChange={(v) => setState(v as typeof state)}
        data={(['failed', 'queued', 'running', 'succeeded', 'all'] as const).map((s) => ({
          value: s,
          label: t(`queue.state.${s}`),
        }))}
      />
      <ErrorAlert error={query.error ?? retry.error} />
      {jobs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('queue.none')}
        </Text>
      ) : (
        <Table fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('queue.col.job')}</Table.Th>
              <Table.Th>{t('queue.col.state')}</Table.Th>
              <Table.Th>{t('queue.col.attempts')}</Table.Th>
              <Table.Th>{t('queue.col.error')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {jobs.map((j) => (
              <Table.Tr key={j.id}>
                <Table.Td>
                  {t(`queue.type.${j.type}`, { defaultValue: j.type })}
                  <Text size="xs" c="dimmed">
                    #{j.id} · {formatDateTime(j.createdAt, locale)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={stateColor[j.state]} variant="light">
                    {t(`queue.state.${j.state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {j.attempts}/{j.maxAttempts}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {j.lastErrorText ? sayServerText(t, j.lastErrorText, j.lastError ?? '') : j.lastError}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {j.state === 'failed' && (
                    <Button
                      size="xs"
                      variant="light"
                      loading={retry.isPending}
                      onClick={() => retry.mutate(j.id)}
                    >
                      {t('queue.retry')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  )
}
