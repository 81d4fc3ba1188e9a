import type { TFunction } from 'i18next'
import type { ChurnSignal, LifecycleStatus } from '../lifecycle'
import { signalCodes } from '../lifecycle'
import type { WarningSignal } from '../prevention'
import { formatDate, formatMoney, formatNumber, formatSeason, type Locale } from './format'

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
  if (typeof params.seasonFrom === 'number' && typeof params.seasonTo === 'number')
    out.season = formatSeason(params.seasonFrom, params.seasonTo, locale)
  return out
}

/** The rule that decided a status, as one sentence with its numbers. */
export function describeRule(t: TFunction, rule: string, params: Params, locale: Locale): string {
  return t(`rule.${rule}`, { ...readable(t, params, locale), interpolation: { escapeValue: false } })
}

export function describeSignal(t: TFunction, signal: ChurnSignal, locale: Locale): string {
  // a seasonal buyer's overdue signal counts the days of their season (signals.ts names it)
  const seasonal = signal.code === 'overdue' && typeof signal.params.seasonFrom === 'number'
  return t(seasonal ? 'signal.overdue.textSeasonal' : `signal.${signal.code}.text`, {
    ...readable(t, signal.params, locale),
    interpolation: { escapeValue: false },
  })
}

/** An early-warning signal in words: a churn signal, a fall of P(alive), or a recorded warning sign. */
export function describeWarning(t: TFunction, signal: WarningSignal, locale: Locale): string {
  if ((signalCodes as readonly string[]).includes(signal.code))
    return describeSignal(t, signal as ChurnSignal, locale)
  if (signal.code === 'p_alive_fell')
    return t('signal.p_alive_fell.text', {
      from: percent(Number(signal.params.from), locale),
      to: percent(Number(signal.params.to), locale),
    })
  const { note, ...rest } = signal.params
  return `${t(`signal.${signal.code}.text`, {
    ...readable(t, rest, locale),
    interpolation: { escapeValue: false },
  })}${note ? (locale === 'de' ? `: „${note}“` : `: “${note}”`) : ''}`
}

export interface ScoreFacts {
  pAlive: number
  expectedPurchases: number
  clvCents: number
  meanIntervalDays: number | null
  daysSinceLastPurchase: number
  timeUnit: 'day' | 'week' | 'month' | 'quarter' | 'year'
  horizon: number
  clvMonths: number
}

function percent(p: number, locale: Locale): string {
  const v = p * 100
  if (v > 0 && v < 0.5) return locale === 'de' ? '< 1' : '< 1'
  if (v < 100 && v > 99.5) return '> 99'
  return formatNumber(Math.round(v), locale)
}

/** The numbers behind a customer's score in one sentence ("kauft sonst alle 41 Tage, zuletzt vor 380 Tagen; noch zu 8 % aktiv"). */
export function describeScore(t: TFunction, s: ScoreFacts, locale: Locale): string {
  const since = formatNumber(Math.round(s.daysSinceLastPurchase), locale)
  const alive = percent(s.pAlive, locale)
  const first =
    s.meanIntervalDays === null
      ? t('score.once', { since, alive, interpolation: { escapeValue: false } })
      : t('score.repeat', {
          interval: formatNumber(Math.round(s.meanIntervalDays), locale),
          since,
          alive,
          interpolation: { escapeValue: false },
        })
  // quarters and years have singular forms ("1 Jahr"): they are chosen by the number itself
  const periods = s.timeUnit === 'quarter' || s.timeUnit === 'year'
  const horizon = t(`score.unit.${s.timeUnit}`, {
    count: periods ? Math.round(s.horizon) : formatNumber(Math.round(s.horizon), locale),
    value: formatNumber(Math.round(s.horizon), locale),
  } as never)
  const outlook = t('score.outlook', {
    purchases: formatNumber(s.expectedPurchases, locale, 1),
    horizon,
    months: s.clvMonths,
    clv: formatMoney(s.clvCents, locale, 'EUR', 0),
    interpolation: { escapeValue: false },
  })
  return `${first} ${outlook}`
}

export interface WinbackValueFacts {
  valueMethod: 'model' | 'historical_margin'
  valueCents: number
  annualMarginCents: number
  marginRate: number
  marginFromImport: boolean
  horizonMonths: number
  wonBackPurchases: number | null
  spendCents: number | null
}

/**
 * The value if won back in one sentence with the numbers behind it ("kaufte für 9.469 € Deckungsbeitrag
 * im Jahr; zurückgewonnen, 3 Jahre: 25.400 €").
 */
export function describeWinbackValue(t: TFunction, v: WinbackValueFacts, locale: Locale): string {
  const years = formatNumber(v.horizonMonths / 12, locale, 1)
  const params = {
    margin: formatMoney(v.annualMarginCents, locale, 'EUR', 0),
    rate: formatNumber(Math.round(v.marginRate * 100), locale),
    years,
    value: formatMoney(v.valueCents, locale, 'EUR', 0),
    purchases: formatNumber(v.wonBackPurchases ?? 0, locale, 1),
    spend: formatMoney(v.spendCents ?? 0, locale, 'EUR', 0),
    interpolation: { escapeValue: false },
  }
  const history = t(v.marginFromImport ? 'winback.value.history' : 'winback.value.historyDefaultRate', params)
  return `${history}; ${t(`winback.value.${v.valueMethod}`, params)}`
}

export interface RulesAndModel {
  status: LifecycleStatus | null
  pAlive: number
  /** repeat purchases the model saw */
  x: number
  model: string
}

/** Statuses the rules call gone or going; the model disagrees when it finds such a customer likely active. */
const goneStatuses: readonly string[] = ['lost', 'sleeping']
const aliveStatuses: readonly string[] = ['new', 'active', 'reactivated']

/**
 * When the lifecycle rules and the customer-base model contradict each other ("lost" beside "88 %
 * likely still active"), one sentence that says so, why, and which one the win-back list follows;
 * null when they agree.
 */
export function describeDisagreement(t: TFunction, s: RulesAndModel, locale: Locale): string | null {
  if (s.status === null) return null
  const gone = goneStatuses.includes(s.status) && s.pAlive >= 0.5
  const alive = aliveStatuses.includes(s.status) && s.pAlive < 0.2
  if (!gone && !alive) return null
  const params = {
    status: t(`status.${s.status}`),
    alive: percent(s.pAlive, locale),
    model: t(`modelName.${s.model}`),
    interpolation: { escapeValue: false },
  }
  const why =
    gone && s.x === 0 && s.model === 'bgnbd'
      ? t('score.disagree.whyOnce', params)
      : t(gone ? 'score.disagree.whyGone' : 'score.disagree.whyAlive', params)
  return `${t(gone ? 'score.disagree.gone' : 'score.disagree.alive', params)} ${why} ${t('score.disagree.list', params)}`
}

export type PickFacts =
  | {
      kind: 'followup_due' | 'followup_overdue'
      dueOn: string
      dueTime: string | null
      note: string | null
      /** a check-in after a win-back says so */
      source?: string | null
    }
  | {
      kind: 'campaign' | 'winback_list'
      campaignName: string | null
      rank: number
      expectedNetCents: number
      probability: number
      ease: number | null
    }

/** Why a customer is on a Tagesliste, in one sentence ("Platz 3 der Rückgewinnungsliste: …"). */
export function describePick(t: TFunction, p: PickFacts, locale: Locale): string {
  const plain = { interpolation: { escapeValue: false } }
  if (!('rank' in p)) {
    const text = t(`worklist.why.${p.kind}${p.dueTime ? 'At' : ''}`, {
      date: formatDate(p.dueOn, locale),
      time: p.dueTime ?? '',
      ...plain,
    })
    const note = p.note ?? (p.source === 'check_in' ? t('worklist.why.checkIn') : null)
    return note ? `${text}: ${note}` : text
  }
  const params = {
    rank: formatNumber(p.rank, locale),
    net: formatMoney(p.expectedNetCents, locale, 'EUR', 0),
    chance: formatNumber(Math.round(p.probability * 100), locale),
    campaign: p.campaignName ?? '',
    ...plain,
  }
  const text = t(`worklist.why.${p.kind}`, params)
  return p.ease === null ? text : `${text}; ${t('worklist.why.ease', { ease: p.ease, ...plain })}`
}

/** A scoring note in words, its numbers and dates in the reader's format. */
export function describeScoreWarning(t: TFunction, warning: Record<string, unknown>, locale: Locale): string {
  const values = Object.fromEntries(
    Object.entries(warning).map(([key, value]) => {
      if (typeof value === 'number') {
        if (key === 'share') return [key, formatNumber(value * 100, locale)]
        if (key === 'correlation') return [key, formatNumber(value, locale, 2)]
        return [key, formatNumber(value, locale, Number.isInteger(value) ? 0 : 1)]
      }
      if (typeof value === 'string' && DATE_PARAM.test(value)) return [key, formatDate(value, locale)]
      if (key === 'model') return [key, t(`modelName.${String(value)}`)]
      return [key, value]
    }),
  )
  return t(`model.warning.${String(warning.code)}`, { ...values, interpolation: { escapeValue: false } })
}
