import { HeatmapChart } from 'echarts/charts'
import { VisualMapComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { useMemo } from 'react'
import type { ModelRunDto } from '../../../../shared/api/scoring'
import { formatNumber } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { type ChartOption, EChart } from '../../../ui/EChart'

echarts.use([HeatmapChart, VisualMapComponent])

/** The label interval (labels skipped between two shown) for at most `most` labels on an axis. */
const every = (count: number, most: number) => Math.max(0, Math.ceil(count / most) - 1)

/** P(alive) by repeat purchases (y) and the time of the last purchase (x). */
export function AliveHeatmap({ heatmap, unit }: { heatmap: ModelRunDto['heatmap']; unit: string }) {
  const { t, locale } = useI18n()
  const option = useMemo<ChartOption>(() => {
    const data: [number, number, number][] = []
    heatmap.pAlive.forEach((row, y) => {
      row.forEach((v, x) => {
        if (v >= 0) data.push([x, y, Math.round(v * 1000) / 10])
      })
    })
    return {
      tooltip: {
        formatter: (p: { value: [number, number, number] }) => `${formatNumber(p.value[2], locale, 1)} %`,
      },
      grid: { left: 72, right: 16, top: 16, bottom: 84 },
      xAxis: {
        type: 'category',
        name: t('model.recency', { unit }),
        nameLocation: 'middle',
        nameGap: 28,
        data: heatmap.recencies.map((r) => formatNumber(r, locale, 0)),
        axisLabel: { interval: every(heatmap.recencies.length, 20) },
      },
      yAxis: {
        type: 'category',
        name: t('model.frequency'),
        nameLocation: 'middle',
        nameGap: 40,
        data: heatmap.frequencies.map(String),
        // 31 rows on 300 pixels: every label would overlap its neighbours
        axisLabel: { interval: every(heatmap.frequencies.length, 11) },
      },
      visualMap: {
        min: 0,
        max: 100,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        text: ['100 %', '0 %'],
        inRange: { color: ['#fa5252', '#fab005', '#40c057'] },
      },
      series: [{ type: 'heatmap', data }],
    }
  }, [heatmap, t, locale, unit])
  return <EChart option={option} height={420} label={t('model.heatmap')} />
}
