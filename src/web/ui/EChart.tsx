import type { EChartsCoreOption } from 'echarts/core'
import { lazy, Suspense } from 'react'

export type ChartOption = EChartsCoreOption

// ECharts is loaded with the first chart, not with the app: pages show their figures at once
const EChartCanvas = lazy(() => import('./EChartCanvas'))

/** An ECharts chart that follows its container's size; presentational, never fetches. */
export function EChart(props: { option: ChartOption; height?: number; label: string }) {
  const height = props.height ?? 320
  return (
    <Suspense
      fallback={
        <div role="img" aria-label={props.label} aria-busy="true" style={{ width: '100%', height }} />
      }
    >
      <EChartCanvas {...props} height={height} />
    </Suspense>
  )
}
