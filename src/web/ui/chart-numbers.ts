import type { Locale } from '../../shared/i18n/format'
import { formatNumber } from '../../shared/i18n/format'
import type { ChartOption } from './EChart'

type Axis = { type?: string; axisLabel?: { formatter?: unknown } & Record<string, unknown> } & Record<
  string,
  unknown
>

function localizeAxis(axis: Axis, locale: Locale): Axis {
  if (axis.type !== 'value' || axis.axisLabel?.formatter !== undefined) return axis
  return { ...axis, axisLabel: { ...axis.axisLabel, formatter: (v: number) => formatNumber(v, locale, 2) } }
}

function localizeAxes(axes: unknown, locale: Locale): unknown {
  if (Array.isArray(axes)) return axes.map((a) => localizeAxis(a as Axis, locale))
  return axes && typeof axes === 'object' ? localizeAxis(axes as Axis, locale) : axes
}

/**
 * ECharts writes numbers the English way (0.5, 1,250): value axes and tooltips without a formatter
 * of their own get the reader's (0,5 and 1.250 in German).
 */
export function localizeChartNumbers(option: ChartOption, locale: Locale): ChartOption {
  const tooltip = option.tooltip as Record<string, unknown> | undefined
  return {
    ...option,
    xAxis: localizeAxes(option.xAxis, locale),
    yAxis: localizeAxes(option.yAxis, locale),
    ...(tooltip &&
      tooltip.valueFormatter === undefined &&
      tooltip.formatter === undefined && {
        tooltip: {
          ...tooltip,
          valueFormatter: (v: unknown) =>
            typeof v === 'number' ? formatNumber(v, locale, 2) : String(v ?? '–'),
        },
      }),
  }
}
