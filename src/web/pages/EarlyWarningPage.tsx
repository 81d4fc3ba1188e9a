import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core'
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import type { SessionUserDto } from '../../shared/api/auth'
import { describeWarning } from '../../shared/i18n/describe'
import { formatMoney, formatNumber, formatPercent } from '../../shared/i18n/format'
import { isJobActive, useJobQuery } from '../features/dashboard/hooks/useClassifyJob'
import {
  useEarlyWarningSettingsQuery,
  useEarlyWarningsQuery,
  useRefreshEarlyWarnings,
  useSaveEarlyWarningSettings,
} from '../features/prevention/hooks/usePrevention'
import { useI18n } from '../i18n'
import { ErrorAlert } from '../ui/ErrorAlert'
import { DateText } from '../ui/format'
import { JobFailure } from '../ui/JobProgress'
import { StatusBadge } from '../ui/StatusBadge'

/** The risk's colour as text that reads on white (the theme's darkened text shades, see ui/theme.ts). */
function riskColor(risk: number): string {
  const color = risk >= 0.6 ? 'red' : risk >= 0.35 ? 'orange' : 'yellow'
  return `var(--mantine-color-${color}-text)`
}

/** When P(alive) counts as fallen and how long a sign counts (managers). */
function SettingsCard({ onJob }: { onJob: (jobId: string) => void }) {
  const { t } = useI18n()
  const query = useEarlyWarningSettingsQuery()
  const save = useSaveEarlyWarningSettings(onJob)
  const [drop, setDrop] = useState<number | string>('')
  const [days, setDays] = useState<number | string>('')
  useEffect(() => {
    if (query.data && drop === '') {
      setDrop(Math.round(query.data.pAliveDrop * 100))
      setDays(query.data.signDays)
    }
  }, [query.data, drop])
  return (
    <Card withBorder>
      <Title order={5}>{t('prevention.settings')}</Title>
      {save.isError && <ErrorAlert error={save.error} />}
      <Group align="flex-end" mt="xs">
        <NumberInput
          label={t('prevention.pAliveDrop')}
          min={1}
          max={100}
          suffix=" %"
          value={drop}
          onChange={setDrop}
          w={220}
        />
        <NumberInput
          label={t('prevention.signDays')}
          min={1}
          max={730}
          value={days}
          onChange={setDays}
          w={220}
        />
        <Button
          variant="default"
          loading={save.isPending}
          onClick={() => save.mutate({ pAliveDrop: Number(drop) / 100, signDays: Number(days) })}
        >
          {t('common.save')}
        </Button>
      </Group>
    </Card>
  )
}

/**
 * Early warning (PRODUCT.md step 8): active customers whose risk rises, biggest expected loss first,
 * with why and what to do. Reps see their own; managers everyone's and "new this week", the weekly digest.
 */
export function EarlyWarningPage({ user }: { user: SessionUserDto }) {
  const { t, locale } = useI18n()
  const [onlyNew, setOnlyNew] = useState(false)
  const query = useEarlyWarningsQuery(onlyNew)
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useJobQuery(jobId).data
  const refresh = useRefreshEarlyWarnings(setJobId)
  const manager = user.role !== 'rep'
  const r = query.data
  const running = isJobActive(job)
  return (
    <Stack>
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={2}>{t('prevention.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('prevention.intro')}
          </Text>
        </Stack>
        <Group>
          <SegmentedControl
            data={[
              { value: 'all', label: t('prevention.all') },
              { value: 'new', label: t('prevention.newThisWeek') },
            ]}
            value={onlyNew ? 'new' : 'all'}
            onChange={(v) => setOnlyNew(v === 'new')}
          />
          {manager && (
            <Button
              variant="default"
              loading={refresh.isPending || running}
              onClick={() => refresh.mutate()}
              data-testid="early-warning-refresh"
            >
              {t('prevention.refresh')}
            </Button>
          )}
        </Group>
      </Group>
      {running && job && (
        <Progress
          value={job.total > 0 ? (100 * job.done) / job.total : 100}
          animated
          aria-label={t('prevention.refresh')}
        />
      )}
      {job && <JobFailure job={job} />}
      {query.isError && <ErrorAlert error={query.error} />}
      {refresh.isError && <ErrorAlert error={refresh.error} />}
      {r && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('prevention.onList')}
              </Text>
              <Text fw={700} size="xl" data-testid="early-warning-total">
                {formatNumber(r.total, locale)}
              </Text>
              <Text size="xs" c="dimmed">
                {r.refreshedOn ? (
                  <>
                    {t('prevention.refreshedOn')} <DateText date={r.refreshedOn} />
                  </>
                ) : (
                  t('prevention.neverRefreshed')
                )}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('prevention.newThisWeek')}
              </Text>
              <Text fw={700} size="xl" data-testid="early-warning-new">
                {formatNumber(r.newThisWeek, locale)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('prevention.since')} <DateText date={r.newSince} />
              </Text>
            </Card>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('prevention.atStake')}
              </Text>
              <Text fw={700} size="xl">
                {formatMoney(r.valueAtStakeCents, locale, 'EUR', 0)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('prevention.atStakeHint')}
              </Text>
            </Card>
          </SimpleGrid>
          {r.items.length === 0 ? (
            <Text c="dimmed">{onlyNew ? t('prevention.noneNew') : t('prevention.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table fz="sm" verticalSpacing="xs" data-testid="early-warnings">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('prevention.col.customer')}</Table.Th>
                    <Table.Th>{t('prevention.col.signals')}</Table.Th>
                    <Table.Th ta="right">{t('prevention.col.risk')}</Table.Th>
                    <Table.Th ta="right">{t('prevention.col.value')}</Table.Th>
                    <Table.Th>{t('prevention.col.step')}</Table.Th>
                    <Table.Th>{t('prevention.col.since')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.items.map((w) => (
                    <Table.Tr key={w.customerId}>
                      <Table.Td>
                        <Anchor component={Link} to={`/customers/${w.customerId}`} fw={500}>
                          {w.name}
                        </Anchor>
                        <Group gap={4} mt={2}>
                          <StatusBadge status={w.status} size="sm" />
                          <Text size="xs" c="dimmed">
                            {w.customerNumber}
                            {w.owner ? ` · ${w.owner}` : ''}
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          {w.signals.map((s) => (
                            <Text key={s.code} size="xs">
                              {describeWarning(t, s, locale)}
                            </Text>
                          ))}
                        </Stack>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text fw={600} size="sm" c={riskColor(w.risk)} style={{ whiteSpace: 'nowrap' }}>
                          {formatPercent(Math.round(w.risk * 100) / 100, locale)}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{formatMoney(w.valueCents, locale, 'EUR', 0)}</Table.Td>
                      <Table.Td>
                        {w.suggestion ? (
                          <Tooltip label={w.suggestion.talkingPoints[locale]} multiline w={280} withArrow>
                            <Text size="sm">
                              {w.suggestion.name[locale]}{' '}
                              <Text span size="xs" c="dimmed">
                                ({t(`playbook.kinds.${w.suggestion.kind}`)})
                              </Text>
                            </Text>
                          </Tooltip>
                        ) : (
                          '–'
                        )}
                      </Table.Td>
                      <Table.Td>
                        <DateText date={w.firstSeenOn} />
                        {w.isNew && (
                          <Badge ml={4} size="xs" color="blue" variant="light">
                            {t('prevention.new')}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {r.total > r.items.length && (
            <Text size="xs" c="dimmed">
              {t('prevention.more', { shown: r.items.length, total: r.total })}
            </Text>
          )}
        </>
      )}
      {manager && <SettingsCard onJob={setJobId} />}
    </Stack>
  )
}
