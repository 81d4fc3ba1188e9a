import { Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useMemo, useState } from 'react'
import type { SessionUserDto } from '../../shared/api/auth'
import type { CauseOverview } from '../../shared/api/churn'
import { type ReasonKind, reasonKinds } from '../../shared/churn'
import { formatMoney, formatNumber, formatPercent } from '../../shared/i18n/format'
import { toQuery } from '../api/client'
import { ReasonModelCard } from '../features/assist/components/ReasonModelCard'
import { RetentionCard } from '../features/cancellations/components/RetentionCard'
import {
  useAddCatalogueReason,
  useCauseOverviewQuery,
  useReasonsQuery,
  useUpdateCatalogueReason,
} from '../features/churn/hooks/useChurn'
import { useI18n } from '../i18n'
import { ChoiceSelect } from '../ui/ChoiceSelect'
import { type ChartOption, EChart } from '../ui/EChart'
import { ErrorAlert } from '../ui/ErrorAlert'

function ParetoChart({ overview }: { overview: CauseOverview }) {
  const { t, locale } = useI18n()
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 70, right: 50, top: 40, bottom: 110 },
      xAxis: {
        type: 'category',
        data: overview.rows.map((r) => r.reason.name[locale]),
        axisLabel: { rotate: 30, interval: 0, width: 140, overflow: 'truncate' },
      },
      yAxis: [
        { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(v * 100, locale, 'EUR', 0) } },
        { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPercent(v, locale) } },
      ],
      series: [
        // home-made reasons orange, the others grey: one series each, so the legend says which is which
        ...(['controllable', 'other'] as const).map((group) => ({
          name: `${t('churn.chartRevenue')} (${group === 'controllable' ? t('churn.kind.controllable') : `${t('churn.kind.external')}/${t('churn.kind.unknown')}`})`,
          type: 'bar',
          stack: 'revenue',
          itemStyle: { color: group === 'controllable' ? '#e8590c' : '#868e96' },
          data: overview.rows.map((r) =>
            (r.reason.kind === 'controllable') === (group === 'controllable')
              ? r.lostAnnualRevenueCents / 100
              : null,
          ),
          tooltip: {
            valueFormatter: (v: number | null) => (v === null ? '–' : formatMoney(v * 100, locale)),
          },
        })),
        {
          name: t('churn.chartCumulative'),
          type: 'line',
          yAxisIndex: 1,
          data: overview.rows.map((r) => r.cumulativeShare),
          tooltip: { valueFormatter: (v: number) => formatPercent(v, locale) },
          markLine: {
            silent: true,
            symbol: 'none',
            data: [{ yAxis: 0.8 }],
            // inside the plot, so it never sits on the axis label "80 %"
            label: { formatter: formatPercent(0.8, locale), position: 'insideEndTop' },
            lineStyle: { type: 'dashed', color: '#495057' },
          },
        },
      ],
    }),
    [overview, locale, t],
  )
  return <EChart option={option} height={380} label={t('churn.title')} />
}

function Catalogue() {
  const { t } = useI18n()
  const reasons = useReasonsQuery(true).data?.reasons ?? []
  const add = useAddCatalogueReason()
  const update = useUpdateCatalogueReason()
  const [nameDe, setNameDe] = useState('')
  const [nameEn, setNameEn] = useState('')
  const [kind, setKind] = useState<ReasonKind>('controllable')
  return (
    <Card withBorder data-testid="reason-catalogue">
      <Title order={4}>{t('churn.catalogue')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('churn.catalogueHint')}
      </Text>
      <Table>
        <Table.Tbody>
          {reasons.map((r) => (
            <Table.Tr key={r.id} c={r.retiredAt ? 'dimmed' : undefined}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {(['de', 'en'] as const).map((lang) => (
                    <TextInput
                      key={`${r.id}-${lang}-${r.name[lang]}`}
                      size="xs"
                      defaultValue={r.name[lang]}
                      aria-label={lang === 'de' ? t('churn.nameDe') : t('churn.nameEn')}
                      w={230}
                      onBlur={(e) => {
                        const value = e.currentTarget.value.trim()
                        if (value && value !== r.name[lang])
                          update.mutate({
                            id: r.id,
                            ...(lang === 'de' ? { nameDe: value } : { nameEn: value }),
                          })
                      }}
                    />
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <ChoiceSelect
                  size="xs"
                  choices={reasonKinds}
                  labelOf={(k) => t(`churn.kind.${k}`)}
                  value={r.kind}
                  onChange={(kind) => update.mutate({ id: r.id, kind })}
                  w={150}
                  aria-label={t('churn.col.kind')}
                />
              </Table.Td>
              <Table.Td>
                {r.retiredAt && (
                  <Badge size="xs" color="gray">
                    {t('churn.retired')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => update.mutate({ id: r.id, retired: !r.retiredAt })}
                >
                  {r.retiredAt ? t('churn.reactivate') : t('churn.retire')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          add.mutate(
            { nameDe, nameEn, kind },
            {
              onSuccess: () => {
                setNameDe('')
                setNameEn('')
              },
            },
          )
        }}
      >
        <Group align="flex-end" mt="md">
          <TextInput
            label={t('churn.nameDe')}
            value={nameDe}
            onChange={(e) => setNameDe(e.currentTarget.value)}
          />
          <TextInput
            label={t('churn.nameEn')}
            value={nameEn}
            onChange={(e) => setNameEn(e.currentTarget.value)}
          />
          <ChoiceSelect
            label={t('churn.col.kind')}
            choices={reasonKinds}
            labelOf={(k) => t(`churn.kind.${k}`)}
            value={kind}
            onChange={setKind}
            w={160}
          />
          <Button type="submit" disabled={!nameDe.trim() || !nameEn.trim()} loading={add.isPending}>
            {t('churn.addReason')}
          </Button>
        </Group>
      </form>
      {(add.isError || update.isError) && <ErrorAlert error={add.error ?? update.error} />}
    </Card>
  )
}

/** Why customers left, as a Pareto chart and a table, with CSV and Excel export; admins edit the catalogue. */
export function CausesPage({ user }: { user: SessionUserDto }) {
  const { t, locale } = useI18n()
  const query = useCauseOverviewQuery()
  const exportHref = (format: 'csv' | 'xlsx') =>
    `/api/churn-reasons/overview/export${toQuery({ format, lang: locale })}`
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('churn.title')}</Title>
          <Text size="sm" c="dimmed" maw={820}>
            {t('churn.intro')}
          </Text>
        </div>
        <Group gap="xs">
          <Button component="a" href={exportHref('csv')} download variant="default" data-testid="causes-csv">
            {t('common.export')} {t('common.exportCsv')}
          </Button>
          <Button
            component="a"
            href={exportHref('xlsx')}
            download
            variant="default"
            data-testid="causes-xlsx"
          >
            {t('common.exportXlsx')}
          </Button>
        </Group>
      </Group>
      {query.isError && <ErrorAlert error={query.error} />}
      {user.role !== 'rep' && <ReasonModelCard />}
      {query.data && query.data.rows.length === 0 && (
        <Card withBorder>
          <Text>{t('churn.empty')}</Text>
        </Card>
      )}
      {query.data && query.data.rows.length > 0 && (
        <>
          <Card withBorder>
            <Text size="sm" mb="xs" data-testid="controllable-share">
              {t('churn.controllableShare', { share: formatPercent(query.data.controllableShare, locale) })} ·{' '}
              {t('churn.customersWithReason', { count: query.data.customersWithReason })}
            </Text>
            <ParetoChart overview={query.data} />
          </Card>
          <Card withBorder p={0}>
            <Table striped data-testid="causes-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('churn.col.reason')}</Table.Th>
                  <Table.Th>{t('churn.col.kind')}</Table.Th>
                  <Table.Th ta="right">{t('churn.col.lostCustomers')}</Table.Th>
                  <Table.Th ta="right">{t('churn.col.lostAnnualRevenue')}</Table.Th>
                  <Table.Th ta="right">{t('churn.col.cumulativeShare')}</Table.Th>
                  <Table.Th ta="right">{t('churn.col.remediationCost')}</Table.Th>
                  <Table.Th ta="right">{t('churn.col.cameBack')}</Table.Th>
                  <Table.Th ta="right">{t('churn.col.wonBack')}</Table.Th>
                  <Table.Th ta="right">{t('churn.col.winbackProfit')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.rows.map((r) => (
                  <Table.Tr key={r.reason.id}>
                    <Table.Td>{r.reason.name[locale]}</Table.Td>
                    <Table.Td>{t(`churn.kind.${r.reason.kind}`)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(r.lostCustomers, locale)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(r.lostAnnualRevenueCents, locale)}</Table.Td>
                    <Table.Td ta="right">{formatPercent(r.cumulativeShare, locale)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(r.remediationCostCents, locale)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(r.cameBack, locale)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(r.wonBack, locale)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(r.winbackProfitCents, locale, 'EUR', 0)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </>
      )}
      <RetentionCard />
      {user.role === 'admin' && <Catalogue />}
    </Stack>
  )
}
