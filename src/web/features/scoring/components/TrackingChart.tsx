import { useMemo } from 'react'
import type { ModelRunDto } from '../../../../shared/api/scoring'
import { useI18n } from '../../../i18n'
import { type ChartOption, EChart } from '../../../ui/EChart'

/** Repeat purchases per period, actual against expected, with the holdout marked. */
export function TrackingChart({ tracking }: { tracking: NonNullable<ModelRunDto['holdout']>['tracking'] }) {
  const { t } = useI18n()
  const option = useMemo<ChartOption>(() => {
    const firstHoldout = tracking.findIndex((p) => p.holdout)
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: tracking.map((p) => String(p.period)) },
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
                  data: [{ xAxis: String(tracking[firstHoldout]!.period), name: t('model.holdoutStart') }],
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
  }, [tracking, t])
  return <EChart option={option} label={t('model.tracking')} />
}
