import { useMemo } from 'react'
import type { Dashboard } from '../../../../shared/api/dashboard'
import { formatMonth } from '../../../../shared/i18n/format'
import { lifecycleStatuses } from '../../../../shared/lifecycle'
import { useI18n } from '../../../i18n'
import { type ChartOption, EChart } from '../../../ui/EChart'
import { statusHex } from '../../../ui/status'

/** Stacked bars: how many customers entered each status per month. */
export function TransitionsChart({ months }: { months: Dashboard['months'] }) {
  const { t, locale } = useI18n()
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: months.map((m) => formatMonth(m.month, locale)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: lifecycleStatuses.map((status) => ({
        name: t(`status.${status}`),
        type: 'bar',
        stack: 'entered',
        itemStyle: { color: statusHex[status] },
        data: months.map((m) => m.entered[status]),
      })),
    }),
    [months, locale, t],
  )
  return <EChart option={option} label={t('dashboard.transitionsChart')} />
}
