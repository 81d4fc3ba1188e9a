import type { EChartsCoreOption } from 'echarts/core'
import { lazy, Suspense, useMemo } from 'react'
import { useI18n } from '../i18n'
import { localizeChartNumbers } from './chart-numbers'

export type ChartOption = EChartsCoreOption

// ECharts is loaded with the first chart, not with the app: pages show their figures at once
const EChartCanvas = lazy(() => import('./EChartCanvas'))

/** An ECharts chart that follows its container's size, numbers in the reader's language; never fetches. */
export function EChart(props: { option: ChartOption; height?: number; label: string }) {
  const { locale } = useI18n()
  const height = props.height ?? 320
  const option = useMemo(() => localizeChartNumbers(props.option, locale), [props.option, locale])
  return (
    <Suspense
      fallback={
        <div role="img" aria-label={props.label} aria-busy="true" style={{ width: '100%', height }} />
      }
    >
      <EChartCanvas {...props} option={option} height={height} />
    </Suspense>
  )
}
