import { Badge, Card, Grid, Group, Table, Text, Title } from '@mantine/core'
import { useMemo } from 'react'
import type { WinbackModelReport } from '../../../../shared/api/winback'
import { formatNumber, formatPercent } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { type ChartOption, EChart } from '../../../ui/EChart'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { useWinbackModelQuery } from '../hooks/useWinback'

type Calibration = NonNullable<WinbackModelReport['calibration']>

/** Predicted against observed per bin, for the model in use and the default; the diagonal is perfect. */
function CalibrationChart({ report, calibration }: { report: WinbackModelReport; calibration: Calibration }) {
  const { t, locale } = useI18n()
  const option = useMemo<ChartOption>(() => {
    const points = (c: Calibration) =>
      c.bins.filter((b) => b.count > 0).map((b) => [b.meanPredicted * 100, b.observedRate * 100, b.count])
    const series: Record<string, unknown>[] = [
      {
        name: t(`winback.model.${report.kind}`),
        type: 'scatter',
        symbolSize: (v: number[]) => Math.min(28, 8 + Math.sqrt(v[2] ?? 1) * 2),
        data: points(calibration),
      },
      {
        name: t('winback.modelCard.perfect'),
        type: 'line',
        silent: true,
        showSymbol: false,
        lineStyle: { type: 'dashed', color: '#adb5bd' },
        data: [
          [0, 0],
          [100, 100],
        ],
      },
    ]
    if (report.kind === 'learned' && report.defaultCalibration)
      series.push({
        name: t('winback.model.default'),
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 10,
        data: points(report.defaultCalibration),
      })
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { value: number[] }) =>
          `${t('winback.modelCard.predicted')} ${formatNumber(p.value[0]!, locale, 1)} % · ${t('winback.modelCard.observed')} ${formatNumber(p.value[1]!, locale, 1)} % · n = ${p.value[2] ?? ''}`,
      },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 36, bottom: 50 },
      xAxis: {
        type: 'value',
        min: 0,
        max: 100,
        name: `${t('winback.modelCard.predicted')} (%)`,
        nameLocation: 'middle',
        nameGap: 30,
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: 100,
        name: `${t('winback.modelCard.observed')} (%)`,
        nameLocation: 'middle',
        nameGap: 40,
      },
      series,
    }
  }, [report, calibration, locale, t])
  return <EChart option={option} height={290} label={t('winback.modelCard.calibration')} />
}

/** The probability model in use: its weights, what it learned from, and how well it predicts. */
export function ModelCard() {
  const { t, locale } = useI18n()
  const query = useWinbackModelQuery()
  if (query.isError) return <ErrorAlert error={query.error} />
  const report = query.data
  if (!report) return null
  const base = 1 / (1 + Math.exp(-report.intercept))
  const calibration = report.calibration
  return (
    <Card withBorder data-testid="model-card">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('winback.modelCard.title')}</Title>
        <Badge variant="light" color={report.kind === 'learned' ? 'teal' : 'gray'} data-testid="model-kind">
          {t(`winback.model.${report.kind}`)}
        </Badge>
      </Group>
      <Text size="sm" mb="sm" data-testid="model-outcomes">
        {t('winback.modelCard.outcomes', {
          decided: report.outcomes.decided,
          won: report.outcomes.wonBack,
          open: report.outcomes.open,
          minimum: report.outcomes.minimum,
        })}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Table data-testid="model-weights">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('winback.modelCard.factor')}</Table.Th>
                <Table.Th ta="right">{t('winback.modelCard.weight')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>{t('winback.modelCard.base')}</Table.Td>
                <Table.Td ta="right">{formatPercent(base, locale)}</Table.Td>
              </Table.Tr>
              {Object.entries(report.coefficients).map(([factor, weight]) => (
                <Table.Tr key={factor}>
                  <Table.Td>{t(`winback.factor.${factor}`)}</Table.Td>
                  <Table.Td ta="right">
                    {weight > 0 ? '+' : ''}
                    {formatNumber(weight, locale, 2)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {calibration ? (
            <>
              <Text size="sm" fw={500}>
                {report.kind === 'learned'
                  ? t('winback.modelCard.calibrationLearned')
                  : t('winback.modelCard.calibration')}
              </Text>
              <CalibrationChart report={report} calibration={calibration} />
              <Text size="xs" c="dimmed" data-testid="model-brier">
                {t('winback.modelCard.brier', {
                  brier: formatNumber(calibration.brier, locale, 3),
                  standard: formatNumber(report.defaultCalibration?.brier ?? 0, locale, 3),
                })}
              </Text>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('winback.modelCard.noOutcomes')}
            </Text>
          )}
        </Grid.Col>
      </Grid>
    </Card>
  )
}
