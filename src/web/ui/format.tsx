import { formatDate, formatMoney } from '../../shared/i18n/format'
import { useI18n } from '../i18n'

export function Money({
  cents,
  currency = 'EUR',
  whole = false,
}: {
  cents: number | null
  currency?: string
  whole?: boolean
}) {
  const { locale } = useI18n()
  if (cents === null) return null
  return <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(cents, locale, currency, whole ? 0 : 2)}</span>
}

export function DateText({ date }: { date: string | null }) {
  const { locale } = useI18n()
  return <span style={{ whiteSpace: 'nowrap' }}>{formatDate(date, locale)}</span>
}

/** A date as YYYY-MM-DD on the browser's calendar (the company's day for its users). */
export function localIsoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
