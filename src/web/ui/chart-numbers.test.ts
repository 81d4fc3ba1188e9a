import { describe, expect, it } from 'vitest'
import { localizeChartNumbers } from './chart-numbers'

type Formatter = (v: unknown) => string

describe('localizeChartNumbers', () => {
  it('gives value axes and tooltips the reader’s numbers, leaving own formatters and category axes alone', () => {
    const own = (v: number) => `${v} €`
    const option = localizeChartNumbers(
      {
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: ['a'] },
        yAxis: [
          { type: 'value', name: 'n' },
          { type: 'value', axisLabel: { formatter: own } },
        ],
      },
      'de',
    ) as {
      tooltip: { valueFormatter: Formatter }
      xAxis: { axisLabel?: unknown }
      yAxis: { name?: string; axisLabel: { formatter: Formatter } }[]
    }
    expect(option.yAxis[0]!.axisLabel.formatter(1250.5)).toBe('1.250,5')
    expect(option.yAxis[0]!.name).toBe('n')
    expect(option.yAxis[1]!.axisLabel.formatter).toBe(own)
    expect(option.xAxis.axisLabel).toBeUndefined()
    expect(option.tooltip.valueFormatter(0.5)).toBe('0,5')
    expect(option.tooltip.valueFormatter(null)).toBe('–')
    const en = localizeChartNumbers({ yAxis: { type: 'value' } }, 'en') as {
      yAxis: { axisLabel: { formatter: Formatter } }
    }
    expect(en.yAxis.axisLabel.formatter(1250.5)).toBe('1,250.5')
  })
})
