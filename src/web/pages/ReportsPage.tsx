import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import type { WinbackReportDto } from '../../shared/api/reports'
import { formatMoney, formatMonth, formatNumber, formatPercent } from '../../shared/i18n/format'
import { api, toQuery } from '../api/client'
import { verdictColor } from '../features/campaigns/components/ResultsCard'
import { useI18n } from '../i18n'
import { DayInput } from '../ui/DayInput'
import { type ChartOption, EChart } from '../ui/EChart'
import { ErrorAlert } from '../ui/ErrorAlert'
import { localIsoDate } from '../ui/format'

function RateTable({
  title,
  rows,
  label,
}: {
  title: string
  rows: WinbackReportDto['byRep']
  label: (row: WinbackReportDto['byRep'][number]) => string
}) {
  const { t, locale } = useI18n()
  return (
    <Card withBorder>
      <Title order={5}>{title}</Title>
      <Table mt="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th ta="right">{t('reports.attempts')}</Table.Th>
            <Table.Th ta="right">{t('reports.won')}</Table.Th>
            <Table.Th ta="right">{t('reports.rate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{label(r)}</Table.Td>
              <Table.Td ta="right">{formatNumber(r.attempts, locale)}</Table.Td>
              <Table.Td ta="right">{formatNumber(r.won, locale)}</Table.Td>
              <Table.Td ta="right">
                {formatPercent(r.rate, locale)}{' '}
                <Text span size="xs" c="dimmed">
                  ({formatPercent(r.interval.low, locale)} – {formatPercent(r.interval.high, locale)})
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  )
}

/** What win-back earned and how the customer base moves: for managers. */
export function ReportsPage() {
  const { t, locale } = useI18n()
  const [to, setTo] = useState(localIsoDate(new Date()))
  const [from, setFrom] = useState(localIsoDate(new Date(Date.now() - 365 * 86_400_000)))
  const query = useQuery({
    queryKey: ['report', from, to],
    queryFn: () => api.get<WinbackReportDto>(`/reports/winback${toQuery({ from, to })}`),
    placeholderData: keepPreviousData,
  })
  const r = query.data
  const option = useMemo<ChartOption>(() => {
    const months = r?.fluctuation ?? []
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: 60, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: months.map((m) => formatMonth(m.month, locale)) },
      yAxis: [
        { type: 'value', name: t('reports.customers') },
        {
          type: 'value',
          name: t('reports.churnRate'),
          axisLabel: { formatter: (v: number) => formatPercent(v, locale) },
        },
      ],
      series: [
        {
          name: t('reports.lost'),
          type: 'bar',
          data: months.map((m) => m.lost),
          itemStyle: { color: '#e03131' },
        },
        {
          name: t('reports.new'),
          type: 'bar',
          data: months.map((m) => m.new),
          itemStyle: { color: '#1c7ed6' },
        },
        {
          name: t('reports.reactivated'),
          type: 'bar',
          data: months.map((m) => m.reactivated),
          itemStyle: { color: '#0ca678' },
        },
        { name: t('reports.churnRate'), type: 'line', yAxisIndex: 1, data: months.map((m) => m.churnRate) },
      ],
    }
  }, [r, locale, t])
  const baseOption = useMemo<ChartOption>(() => {
    const months = r?.fluctuation ?? []
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: 80, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: months.map((m) => formatMonth(m.month, locale)) },
      yAxis: [
        { type: 'value', name: t('reports.tenure') },
        {
          type: 'value',
          name: t('reports.valuePerCustomer'),
          axisLabel: { formatter: (v: number) => formatMoney(v * 100, locale, 'EUR', 0) },
        },
      ],
      series: [
        {
          name: t('reports.tenure'),
          type: 'line',
          data: months.map((m) =>
            m.averageTenureMonths === null ? null : Math.round(m.averageTenureMonths * 10) / 10,
          ),
          itemStyle: { color: '#7048e8' },
        },
        {
          name: t('reports.valuePerCustomer'),
          type: 'line',
          yAxisIndex: 1,
          data: months.map((m) =>
            m.annualValuePerCustomerCents === null ? null : m.annualValuePerCustomerCents / 100,
          ),
          itemStyle: { color: '#f08c00' },
        },
      ],
    }
  }, [r, locale, t])
  const offset = r
    ? r.fluctuation.reduce((s, m) => s + m.winbacksToOffset, 0) / Math.max(1, r.fluctuation.length)
    : 0
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('reports.title')}</Title>
        <Group align="flex-end">
          {(['csv', 'xlsx'] as const).map((format) => (
            <Button
              key={format}
              component="a"
              href={`/api/reports/winback/export${toQuery({ from, to, format, lang: locale })}`}
              download
              variant="default"
              data-testid={`report-${format}`}
            >
              {t('common.export')} {t(`reports.${format}`)}
            </Button>
          ))}
          <DayInput
            label={t('reports.from')}
            value={from}
            onChange={(day) => day && setFrom(day)}
            w={150}
            data-testid="report-from"
          />
          <DayInput
            label={t('reports.to')}
            value={to}
            onChange={(day) => day && setTo(day)}
            w={150}
            data-testid="report-to"
          />
        </Group>
      </Group>
      {query.isError && <ErrorAlert error={query.error} />}
      {r && (
        <>
          <SimpleGrid cols={{ base: 1, md: 4 }}>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('reports.winbackRate')}
              </Text>
              <Text fw={700} size="xl" data-testid="report-rate">
                {formatPercent(r.winbackRate.rate, locale)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('reports.ofAttempts', { won: r.winbackRate.won, attempts: r.winbackRate.attempts })}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('reports.uplift')}
              </Text>
              {r.uplift ? (
                <>
                  <Group gap="xs">
                    <Text fw={700} size="xl" data-testid="report-uplift">
                      {r.uplift.difference >= 0 ? '+' : ''}
                      {formatNumber(r.uplift.difference * 100, locale, 1)} {t('campaigns.results.points')}
                    </Text>
                    <Badge color={verdictColor[r.uplift.verdict]}>
                      {t(`campaigns.results.verdict.${r.uplift.verdict}`)}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {formatPercent(r.uplift.treatment.rate, locale)} /{' '}
                    {formatPercent(r.uplift.control.rate, locale)} · p ={' '}
                    {formatNumber(r.uplift.pValue, locale, 3)} ·{' '}
                    {t('campaigns.results.probabilityBetter', {
                      p: formatPercent(r.uplift.probabilityBetter, locale),
                    })}
                  </Text>
                </>
              ) : (
                <Text size="sm">{t('reports.noControl')}</Text>
              )}
            </Card>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('campaigns.results.profit')}
              </Text>
              <Text fw={700} size="xl" c={r.profitCents < 0 ? 'red' : undefined} data-testid="report-profit">
                {formatMoney(r.profitCents, locale, 'EUR', 0)}
              </Text>
              <Text size="xs" c="dimmed">
                {formatMoney(r.marginCents, locale, 'EUR', 0)} − {formatMoney(r.costCents, locale, 'EUR', 0)}
                {r.roi !== null ? ` · ROI ${formatPercent(r.roi, locale)}` : ''}
              </Text>
              <Text size="xs" c="dimmed" data-testid="report-value-forward">
                {t('reports.valueGoingForward', {
                  value: formatMoney(r.valueGoingForwardCents, locale, 'EUR', 0),
                })}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('reports.secondLoyalty')}
              </Text>
              <Text fw={700} size="xl" data-testid="report-second-loyalty">
                {r.secondLoyalty.observed6m === 0
                  ? '–'
                  : formatPercent(r.secondLoyalty.rechurned6m / r.secondLoyalty.observed6m, locale)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('reports.rechurned', {
                  reactivated: r.secondLoyalty.reactivated,
                  six: r.secondLoyalty.rechurned6m,
                  twelve: r.secondLoyalty.rechurned12m,
                })}
              </Text>
            </Card>
          </SimpleGrid>
          <Card withBorder>
            <Title order={4}>{t('reports.fluctuation')}</Title>
            <Text size="sm" c="dimmed">
              {t('reports.offset', { n: formatNumber(offset, locale, 1) })}
            </Text>
            <div data-testid="fluctuation-chart">
              <EChart option={option} height={320} label={t('reports.fluctuation')} />
            </div>
          </Card>
          <Card withBorder>
            <Title order={4}>{t('reports.baseOverTime')}</Title>
            <Text size="sm" c="dimmed">
              {t('reports.baseOverTimeHint')}
            </Text>
            <div data-testid="base-chart">
              <EChart option={baseOption} height={280} label={t('reports.baseOverTime')} />
            </div>
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <RateTable title={t('reports.byRep')} rows={r.byRep} label={(x) => x.key} />
            <RateTable
              title={t('reports.byChannel')}
              rows={r.byChannel}
              label={(x) => t(`worklist.channel.${x.key}`)}
            />
            <RateTable
              title={t('reports.byReason')}
              rows={r.byReason}
              label={(x) => x.label?.[locale] ?? x.key}
            />
            <RateTable title={t('reports.byMeasure')} rows={r.byMeasure} label={(x) => x.key} />
          </SimpleGrid>
          <Card withBorder>
            <Title order={5}>{t('reports.campaigns')}</Title>
            <Table mt="xs" fz="sm" data-testid="report-campaigns">
              <Table.Tbody>
                {r.campaigns.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.name}</Table.Td>
                    <Table.Td>
                      {c.uplift ? (
                        <Badge color={verdictColor[c.uplift.verdict]}>
                          {t(`campaigns.results.verdict.${c.uplift.verdict}`)}
                        </Badge>
                      ) : (
                        '–'
                      )}
                    </Table.Td>
                    <Table.Td>
                      {c.uplift
                        ? `${formatPercent(c.uplift.treatment.rate, locale)} / ${formatPercent(c.uplift.control.rate, locale)}`
                        : ''}
                    </Table.Td>
                    <Table.Td ta="right">{formatMoney(c.profitCents, locale, 'EUR', 0)}</Table.Td>
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
