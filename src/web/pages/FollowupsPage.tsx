import {
  Anchor,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { Link } from 'react-router'
import type { SessionUserDto } from '../../shared/api/auth'
import { useCustomerFiltersQuery } from '../features/customers/hooks/useCustomerFiltersQuery'
import { useFollowupsQuery, useUpdateFollowup } from '../features/worklist/hooks/useWorklist'
import { useI18n } from '../i18n'
import { ErrorAlert } from '../ui/ErrorAlert'
import { DateText, localIsoDate } from '../ui/format'

const priorityColor = { normal: 'gray', high: 'orange', urgent: 'red' } as const

function isoPlus(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000)
  return localIsoDate(d)
}

/** Wiedervorlagen: a rep's own; managers see everyone's, overdue ones first to chase. */
export function FollowupsPage({ user }: { user: SessionUserDto }) {
  const { t } = useI18n()
  const [state, setState] = useState<'open' | 'overdue' | 'done'>(user.role === 'rep' ? 'open' : 'overdue')
  const [userId, setUserId] = useState<number | undefined>(undefined)
  const filters = useCustomerFiltersQuery()
  const query = useFollowupsQuery({ state, userId })
  const update = useUpdateFollowup()
  const rows = query.data?.followups ?? []
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('followups.title')}</Title>
        <Group>
          {user.role !== 'rep' && (
            <Select
              placeholder={t('followups.everyone')}
              data={(filters.data?.owners ?? []).map((o) => ({ value: String(o.id), label: o.name }))}
              value={userId ? String(userId) : null}
              onChange={(v) => setUserId(v ? Number(v) : undefined)}
              clearable
              w={200}
              aria-label={t('followups.assignee')}
            />
          )}
          <SegmentedControl
            data={(['open', 'overdue', 'done'] as const).map((s) => ({
              value: s,
              label: t(`followups.state.${s}`),
            }))}
            value={state}
            onChange={(v) => setState(v as typeof state)}
            data-testid="followups-state"
          />
        </Group>
      </Group>
      {(query.error || update.error) && <ErrorAlert error={query.error ?? update.error} />}
      {query.data && rows.length === 0 && <Text c="dimmed">{t('followups.none')}</Text>}
      {rows.length > 0 && (
        <Table striped data-testid="followups-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('followups.due')}</Table.Th>
              <Table.Th>{t('followups.customer')}</Table.Th>
              <Table.Th>{t('followups.assignee')}</Table.Th>
              <Table.Th>{t('followups.channel')}</Table.Th>
              <Table.Th>{t('followups.note')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((f) => (
              <Table.Tr key={f.id} data-testid={`followup-${f.customerNumber}`}>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <DateText date={f.dueOn} />
                    {f.dueTime && <Text size="sm">{f.dueTime}</Text>}
                    {f.overdue && (
                      <Badge color="red" size="sm">
                        {t('followups.overdue')}
                      </Badge>
                    )}
                    {f.priority !== 'normal' && (
                      <Badge color={priorityColor[f.priority]} size="sm" variant="light">
                        {t(`worklist.priority.${f.priority}`)}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/customers/${f.customerId}`}>
                    {f.displayName}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">
                    {f.customerNumber}
                  </Text>
                </Table.Td>
                <Table.Td>{f.assigneeName}</Table.Td>
                <Table.Td>{t(`worklist.channel.${f.channel}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{f.note ?? ''}</Text>
                  {f.snoozed > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('followups.snoozed', { count: f.snoozed })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {f.doneAt === null && (
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => update.mutate({ id: f.id, snoozeTo: isoPlus(1) })}
                      >
                        {t('followups.snoozeDay')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => update.mutate({ id: f.id, snoozeTo: isoPlus(7) })}
                      >
                        {t('followups.snoozeWeek')}
                      </Button>
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => update.mutate({ id: f.id, done: true })}
                      >
                        {t('followups.markDone')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
