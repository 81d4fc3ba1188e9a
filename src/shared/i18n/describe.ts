import type { TFunction } from 'i18next'
import type { ChurnSignal } from '../lifecycle'
import { formatDate, formatMoney, type Locale } from './format'

type Params = Record<string, number | string>

const DATE_PARAM = /^\d{4}-\d{2}-\d{2}$/

/** Dates as the reader writes them, cents as money, status codes as words. */
function readable(t: TFunction, params: Params, locale: Locale): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' && DATE_PARAM.test(value)) out[key] = formatDate(value, locale)
    else if (key.endsWith('Cents') && typeof value === 'number') out[key] = formatMoney(value, locale)
    else if (key === 'previousStatus') out[key] = t(`status.${value}`)
    else if (key === 'signals' && typeof value === 'string') {
      out[key] = value
        .split(',')
        .filter(Boolean)
        .map((s) => t(`signal.${s}.name`))
        .join(', ')
    } else out[key] = value
  }
  return out
}

/** The rule that decided a status, as one sentence with its numbers. */
export function describeRule(t: TFunction, rule: string, params: Params, locale: Locale): string {
  return t(`rule.${rule}`, { ...readable(t, params, locale), interpolation: { escapeValue: false } })
}

export function describeSignal(t: TFunction, signal: ChurnSignal, locale: Locale): string {
  return t(`signal.${signal.code}.text`, {
    ...readable(t, signal.params, locale),
    interpolation: { escapeValue: false },
  })
}
