import { useMemo } from 'react'
import type { CustomerDetail } from '../../../../shared/api/customers'
import { formatMoney, formatMonth } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { type ChartOption, EChart } from '../../../ui/EChart'

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = []
  let [y, m] = first.split('-').map(Number) as [number, number]
  const [ly, lm] = last.split('-').map(Number) as [number, number]
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return months
}

/** Net revenue per month over the whole history; credit notes and cancellations count negative. */
export function RevenueChart({
  documents,
  asOf,
}: {
  documents: CustomerDetail['documents']
  asOf: string | null
}) {
  const { t, locale } = useI18n()
  const option = useMemo<ChartOption>(() => {
    const counted = documents.filter(
      (d) => d.countsAsPurchase || d.kind === 'credit_note' || d.kind === 'cancellation',
    )
    if (counted.length === 0) return {}
    const dates = counted.map((d) => d.date).sort()
    const months = monthsBetween(dates[0]!.slice(0, 7), (asOf ?? dates.at(-1)!).slice(0, 7))
    const sums = new Map(months.map((m) => [m, 0]))
    for (const d of counted) sums.set(d.date.slice(0, 7), (sums.get(d.date.slice(0, 7)) ?? 0) + d.netCents)
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatMoney(Math.round(v * 100), locale) },
      legend: { top: 0 },
      grid: { left: 64, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: months.map((m) => formatMonth(m, locale)) },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => formatMoney(v * 100, locale, 'EUR', 0) },
      },
      series: [
        {
          name: t('customer.doc.net'),
          type: 'bar',
          data: months.map((m) => (sums.get(m) ?? 0) / 100),
          itemStyle: { color: '#12b886' },
        },
      ],
    }
  }, [documents, asOf, locale, t])
  return <EChart option={option} height={240} label={t('customer.timelineChart')} />
}
