import { Button, Card, Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import type { WinbackList } from '../../shared/api/winback'
import { formatMoney, formatNumber, formatPercent } from '../../shared/i18n/format'
import type { Role } from '../../shared/roles'
import { type WinbackStatus, winbackStatuses } from '../../shared/winback'
import { api, toQuery } from '../api/client'
import { useReasonsQuery } from '../features/churn/hooks/useChurn'
import { useCustomerFiltersQuery } from '../features/customers/hooks/useCustomerFiltersQuery'
import { ModelCard } from '../features/winback/components/ModelCard'
import { WinbackItemCard, WinbackRow } from '../features/winback/components/WinbackRows'
import { useI18n } from '../i18n'
import { ChoiceSelect } from '../ui/ChoiceSelect'
import { type ChartOption, EChart } from '../ui/EChart'
import { ErrorAlert } from '../ui/ErrorAlert'
import { useIsPhone } from '../ui/useIsPhone'
import { useUrlParams } from '../ui/useUrlParams'

/** Rows shown at first and added per click: the top of the list is what the team works on. */
const PAGE = 50

function EffortChart({ list, axis }: { list: WinbackList; axis: 'contacts' | 'hours' }) {
  const { t, locale } = useI18n()
  const option = useMemo<ChartOption>(() => {
    const x = (p: { contacts: number; hours: number }) => (axis === 'contacts' ? p.contacts : p.hours)
    const marks = [
      list.curve.eightyPercent && {
        xAxis: x(list.curve.eightyPercent),
        label: { formatter: formatPercent(0.8, locale) },
      },
      list.curve.stopHere &&
        list.curve.stopHere.contacts < list.total && {
          xAxis: x(list.curve.stopHere),
          label: { formatter: t('winback.stopMark') },
          lineStyle: { color: '#e03131' },
        },
    ].filter(Boolean)
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatMoney(v * 100, locale) },
      legend: { top: 0 },
      grid: { left: 80, right: 30, top: 36, bottom: 50 },
      xAxis: {
        type: 'value',
        name: axis === 'contacts' ? t('winback.curveContacts') : t('winback.curveHours'),
        nameLocation: 'middle',
        nameGap: 30,
      },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => formatMoney(v * 100, locale, 'EUR', 0) },
      },
      series: [
        {
          name: t('winback.curveNet'),
          type: 'line',
          showSymbol: false,
          areaStyle: { opacity: 0.15 },
          data: list.curve.points.map((p) => [x(p), p.cumulativeNetCents / 100]),
          markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed' }, data: marks },
        },
      ],
    }
  }, [list, axis, locale, t])
  return <EChart option={option} height={300} label={t('winback.curveTitle')} />
}

/** The prioritised win-back list with its effort curve: who first, and where to stop. */
export function WinbackPage({ role }: { role: Role }) {
  const { t, locale } = useI18n()
  const phone = useIsPhone()
  // filters, sort and how far the list is shown live in the URL: the way back finds them
  const [url, setUrl] = useUrlParams({
    status: 'lost' as string,
    sort: 'net_value' as string,
    segment: null as string | null,
    owner: null as string | null,
    reason: null as string | null,
    shown: PAGE as number,
    axis: 'contacts' as string,
  })
  const status: WinbackStatus = winbackStatuses.find((s) => s === url.status) ?? 'lost'
  const sort = url.sort === 'ease' ? 'ease' : 'net_value'
  const axis = url.axis === 'hours' ? 'hours' : 'contacts'
  const { segment, owner, shown } = url
  const reasonId = url.reason
  const setStatus = (value: WinbackStatus) => setUrl({ status: value })
  const setSort = (value: 'net_value' | 'ease') => setUrl({ sort: value })
  const setAxis = (value: 'contacts' | 'hours') => setUrl({ axis: value })
  const setShown = (value: number) => setUrl({ shown: value })
  const setSegment = (value: string | null) => setUrl({ segment: value })
  const setOwner = (value: string | null) => setUrl({ owner: value })
  const setReasonId = (value: string | null) => setUrl({ reason: value })
  const [showSortedOut, setShowSortedOut] = useState(false)
  const [shownSortedOut, setShownSortedOut] = useState(PAGE)
  const filterValues = useCustomerFiltersQuery().data
  const reasons = useReasonsQuery(true).data?.reasons ?? []
  const filters = { status, sort, segment, owner, reasonId }
  // the server sends the rows shown (and the totals and curve of the whole list)
  const page = { limit: shown, sortedOutLimit: showSortedOut ? shownSortedOut : 0 }
  const query = useQuery({
    queryKey: ['winback', filters, page],
    queryFn: () => api.get<WinbackList>(`/winback${toQuery({ ...filters, ...page })}`),
    placeholderData: keepPreviousData,
  })
  const exportHref = (format: 'csv' | 'xlsx') =>
    `/api/winback/export${toQuery({ ...filters, format, lang: locale })}`
  const list = query.data
  const hours = (h: number) => formatNumber(Math.round(h * 10) / 10, locale)
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('winback.title')}</Title>
          <Text size="sm" c="dimmed" maw={820}>
            {status === 'lost' ? t('winback.intro') : t('winback.introLosing')}
          </Text>
        </div>
        <Group gap="xs" align="flex-end">
          <Select
            label={t('winback.sort')}
            data={[
              { value: 'net_value', label: t('winback.sortNet') },
              { value: 'ease', label: t('winback.sortEase') },
            ]}
            value={sort}
            onChange={(v) => v && setSort(v as 'net_value' | 'ease')}
            allowDeselect={false}
            w={220}
            data-testid="winback-sort"
          />
          <Button component="a" href={exportHref('csv')} download variant="default" data-testid="winback-csv">
            {t('common.export')} {t('common.exportCsv')}
          </Button>
          <Button
            component="a"
            href={exportHref('xlsx')}
            download
            variant="default"
            data-testid="winback-xlsx"
          >
            {t('common.exportXlsx')}
          </Button>
        </Group>
      </Group>
      <Group align="flex-end">
        <ChoiceSelect
          label={t('winback.status')}
          choices={winbackStatuses}
          labelOf={(s) => t(`status.${s}`)}
          value={status}
          onChange={setStatus}
          w={180}
          data-testid="winback-status"
        />
        <Select
          label={t('customers.filterSegment')}
          placeholder={t('common.all')}
          data={filterValues?.segments ?? []}
          value={segment}
          onChange={setSegment}
          clearable
          searchable
          w={200}
        />
        {role !== 'rep' && (
          <Select
            label={t('customers.filterOwner')}
            placeholder={t('common.all')}
            data={[
              { value: 'none', label: t('customers.noOwner') },
              ...(filterValues?.owners ?? []).map((o) => ({ value: String(o.id), label: o.name })),
            ]}
            value={owner}
            onChange={setOwner}
            clearable
            w={200}
          />
        )}
        <Select
          label={t('winback.col.reasons')}
          placeholder={t('common.all')}
          data={reasons.map((r) => ({ value: String(r.id), label: r.name[locale] }))}
          value={reasonId}
          onChange={setReasonId}
          clearable
          searchable
          w={260}
          data-testid="winback-reason"
        />
      </Group>
      {query.isError && <ErrorAlert error={query.error} />}
      {list && (
        <Card withBorder data-testid="effort-curve">
          <Group justify="space-between" mb="xs">
            <Title order={4}>{t('winback.curveTitle')}</Title>
            <SegmentedControl
              size="xs"
              value={axis}
              onChange={(v) => setAxis(v as 'contacts' | 'hours')}
              data={[
                { value: 'contacts', label: t('winback.curveContacts') },
                { value: 'hours', label: t('winback.curveHours') },
              ]}
            />
          </Group>
          <EffortChart list={list} axis={axis} />
          <Stack gap={2} mt="xs">
            {list.curve.eightyPercent && (
              <Text size="sm" data-testid="eighty-percent">
                {t('winback.eighty', {
                  contacts: list.curve.eightyPercent.contacts,
                  hours: hours(list.curve.eightyPercent.hours),
                })}
              </Text>
            )}
            <Text size="sm" fw={600} data-testid="stop-here">
              {list.curve.stopHere && list.curve.stopHere.contacts < list.total
                ? t('winback.stop', {
                    contacts: list.curve.stopHere.contacts,
                    hours: hours(list.curve.stopHere.hours),
                  })
                : t('winback.noStop')}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`winback.model.${list.model}`)}
            </Text>
          </Stack>
        </Card>
      )}
      {list && (
        <Card withBorder p={0}>
          {list.items.length === 0 ? (
            <Text p="md">{status === 'lost' ? t('winback.empty') : t('winback.emptyStatus')}</Text>
          ) : phone ? (
            <Stack gap="xs" p="xs" data-testid="winback-cards">
              {list.items.map((item, i) => (
                <WinbackItemCard key={item.customerId} item={item} rank={i + 1} />
              ))}
            </Stack>
          ) : (
            <Table striped data-testid="winback-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('winback.col.rank')}</Table.Th>
                  <Table.Th>{t('winback.col.name')}</Table.Th>
                  <Table.Th>{t('winback.col.lastPurchase')}</Table.Th>
                  <Table.Th ta="right">{t('winback.col.value')}</Table.Th>
                  <Table.Th ta="right">{t('winback.col.probability')}</Table.Th>
                  <Table.Th ta="right">{t('winback.col.cost')}</Table.Th>
                  <Table.Th ta="right">{t('winback.col.expectedNet')}</Table.Th>
                  <Table.Th>{t('winback.col.stop')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((item, i) => (
                  <WinbackRow key={item.customerId} item={item} rank={i + 1} />
                ))}
              </Table.Tbody>
            </Table>
          )}
          {/* busy only while the added rows are on their way: a loading button is disabled, and a
              background refetch must not swallow the click */}
          {list.total > list.items.length && (
            <Group justify="center" p="sm">
              <Button
                variant="subtle"
                loading={query.isFetching && list.items.length < Math.min(shown, list.total)}
                onClick={() => setShown(shown + PAGE)}
              >
                {t('winback.more', {
                  shown: formatNumber(list.items.length, locale),
                  total: formatNumber(list.total, locale),
                })}
              </Button>
            </Group>
          )}
        </Card>
      )}
      {list && list.sortedOutTotal > 0 && (
        <Card withBorder p={0}>
          <Group p="sm" justify="space-between">
            <Title order={5}>{t('winback.sortedOut', { count: list.sortedOutTotal })}</Title>
            <Button
              size="xs"
              variant="subtle"
              onClick={() => setShowSortedOut(!showSortedOut)}
              data-testid="toggle-sorted-out"
            >
              {showSortedOut ? t('winback.hide') : t('winback.show')}
            </Button>
          </Group>
          {showSortedOut && phone && (
            <Stack gap="xs" p="xs" data-testid="sorted-out">
              {list.sortedOut.map((item) => (
                <WinbackItemCard key={item.customerId} item={item} rank={null} />
              ))}
            </Stack>
          )}
          {showSortedOut && !phone && (
            <Table data-testid="sorted-out">
              <Table.Tbody>
                {list.sortedOut.map((item) => (
                  <WinbackRow key={item.customerId} item={item} rank={null} />
                ))}
              </Table.Tbody>
            </Table>
          )}
          {showSortedOut && list.sortedOutTotal > list.sortedOut.length && (
            <Group justify="center" p="sm">
              <Button
                variant="subtle"
                loading={
                  query.isFetching && list.sortedOut.length < Math.min(shownSortedOut, list.sortedOutTotal)
                }
                onClick={() => setShownSortedOut(shownSortedOut + PAGE)}
              >
                {t('winback.more', {
                  shown: formatNumber(list.sortedOut.length, locale),
                  total: formatNumber(list.sortedOutTotal, locale),
                })}
              </Button>
            </Group>
          )}
        </Card>
      )}
      <ModelCard />
    </Stack>
  )
}
