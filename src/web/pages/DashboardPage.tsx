import { Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import type { SessionUserDto } from '../../shared/api/auth'
import { formatDate, formatNumber } from '../../shared/i18n/format'
import { StatusCards } from '../features/dashboard/components/StatusCards'
import { TransitionsChart } from '../features/dashboard/components/TransitionsChart'
import { isJobActive, useClassifyJob } from '../features/dashboard/hooks/useClassifyJob'
import { useDashboardQuery } from '../features/dashboard/hooks/useDashboardQuery'
import { useI18n } from '../i18n'
import { ErrorAlert } from '../ui/ErrorAlert'
import { Money } from '../ui/format'
import { JobProgress } from '../ui/JobProgress'
import { StatusBadge } from '../ui/StatusBadge'

export function DashboardPage({ user }: { user: SessionUserDto }) {
  const { t, locale } = useI18n()
  const dashboard = useDashboardQuery()
  const classify = useClassifyJob()
  const running = isJobActive(classify.job) || classify.start.isPending
  if (dashboard.isPending) return <Text>{t('common.loading')}</Text>
  if (dashboard.isError) return <ErrorAlert error={dashboard.error} />
  const d = dashboard.data
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('dashboard.title')}</Title>
          {d.asOf && (
            <Text c="dimmed" size="sm" data-testid="as-of">
              {t('common.asOf', { date: formatDate(d.asOf, locale) })} · {t('dashboard.customers')}:{' '}
              {formatNumber(d.customers, locale)}
            </Text>
          )}
        </div>
        {user.role !== 'rep' && (
          <Button variant="light" onClick={() => classify.start.mutate()} loading={running}>
            {t('dashboard.reclassify')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={classify.start.error} />
      {isJobActive(classify.job) && (
        <JobProgress
          job={classify.job}
          label={t('dashboard.reclassifying', { done: classify.job.done, total: classify.job.total })}
        />
      )}
      {d.customers === 0 ? (
        <Card withBorder>
          <Text>{t('common.noData')}</Text>
        </Card>
      ) : (
        <>
          <StatusCards dashboard={d} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Card withBorder data-testid="lost-revenue">
              <Text size="sm" c="dimmed">
                {t('dashboard.lostRevenue')}
              </Text>
              <Text fz={26} fw={700} c="red.7">
                <Money cents={d.lostAnnualRevenueCents} whole />
              </Text>
              <Text size="xs" c="dimmed">
                {t('dashboard.lostRevenueHint')}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                {t('dashboard.sleepingRevenue')}
              </Text>
              <Text fz={26} fw={700} c="grape.7">
                <Money cents={d.sleepingAnnualRevenueCents} whole />
              </Text>
            </Card>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                {t('dashboard.atRiskRevenue')}
              </Text>
              <Text fz={26} fw={700} c="orange.7">
                <Money cents={d.atRiskAnnualRevenueCents} whole />
              </Text>
            </Card>
          </SimpleGrid>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('dashboard.transitionsChart')}
            </Title>
            <TransitionsChart months={d.months} />
          </Card>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('dashboard.transitions')}
            </Title>
            <Table striped data-testid="transitions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dashboard.from')}</Table.Th>
                  <Table.Th>{t('dashboard.to')}</Table.Th>
                  <Table.Th ta="right">{t('dashboard.count')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.transitions.slice(0, 15).map((tr) => (
                  <Table.Tr key={`${tr.from}-${tr.to}`}>
                    <Table.Td>
                      {tr.from ? (
                        <StatusBadge status={tr.from} size="sm" />
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('dashboard.firstSeen')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={tr.to} size="sm" />
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(tr.count, locale)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </>
      )}
    </Stack>
  )
}
