import { useMemo } from 'react'
import type { ModelRunDto } from '../../../../shared/api/scoring'
import { formatDate } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { type ChartOption, EChart } from '../../../ui/EChart'

/** Repeat purchases per period, actual against expected, with the holdout marked. */
export function TrackingChart({ tracking }: { tracking: NonNullable<ModelRunDto['holdout']>['tracking'] }) {
  const { t, locale } = useI18n()
  const option = useMemo<ChartOption>(() => {
    const firstHoldout = tracking.findIndex((p) => p.holdout)
    // a dated axis: each period by its last day (older runs only have the period's number)
    const labels = tracking.map((p) => (p.endDay ? formatDate(p.endDay, locale) : String(p.period)))
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 24, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value' },
      series: [
        {
          name: t('model.actual'),
          type: 'line',
          data: tracking.map((p) => p.actual),
          symbol: 'none',
          itemStyle: { color: '#228be6' },
          markLine:
            firstHoldout >= 0
              ? {
                  symbol: 'none',
                  data: [{ xAxis: labels[firstHoldout]!, name: t('model.holdoutStart') }],
                  label: { formatter: t('model.holdoutStart') },
                }
              : undefined,
        },
        {
          name: t('model.expected'),
          type: 'line',
          data: tracking.map((p) => Math.round(p.predicted * 10) / 10),
          symbol: 'none',
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#fa5252' },
        },
      ],
    }
  }, [tracking, t, locale])
  return <EChart option={option} label={t('model.tracking')} />
}
