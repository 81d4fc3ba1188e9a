import { describe, expect, it } from 'vitest'
import { auditActions } from '../audit'
import {
  consentSources,
  contactBases,
  contactBlockers,
  contactChannels,
  contactEvidence,
  objectionScopes,
  objectionVias,
} from '../contact'
import { importIssueCodes } from '../imports'
import { lifecycleStatuses, ruleCodes, subTypes } from '../lifecycle'
import { attemptStates, exclusionReasons } from '../winback'
import de from './de.json'
import { describeRule, describeSignal } from './describe'
import en from './en.json'
import { formatDateTime } from './format'
import { createTranslator } from './index'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('i18n catalogues', () => {
  it('German and English have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(de).sort())
  })

  it('explains a rule in words with formatted dates and numbers', () => {
    const { t } = createTranslator('de')
    expect(
      describeRule(
        t,
        'lost_no_purchase',
        { daysSince: 380, lastPurchase: '2024-11-05', thresholdDays: 365 },
        'de',
      ),
    ).toBe('Seit 380 Tagen kein Kauf (letzter am 05.11.2024); verloren ab 365 Tagen.')
    expect(
      describeRule(
        t,
        'reactivated_after_pause',
        { reactivatedOn: '2025-01-02', pauseDays: 400, previousStatus: 'lost' },
        'de',
      ),
    ).toBe('Am 02.01.2025 nach 400 Tagen Pause (Verloren) wieder gekauft.')
    const en = createTranslator('en').t
    expect(
      describeRule(en, 'at_risk_signals', { signals: 'intervals_lengthening,order_value_falling' }, 'en'),
    ).toBe('Still buying, but showing churn signals: intervals lengthening, order value falling.')
    expect(
      describeSignal(
        en,
        { code: 'order_value_falling', params: { recentCents: 6000, earlierCents: 10000, dropPercent: 40 } },
        'en',
      ),
    ).toBe('Order value down 40 %: recently €60.00 on average, before €100.00.')
  })

  it('count a seasonal buyer’s overdue days as days of the season', () => {
    const signal = {
      code: 'overdue' as const,
      params: {
        daysSince: 45,
        intervalDays: 14,
        factor: 2,
        seasonFrom: 4,
        seasonTo: 9,
        lastPurchase: '2025-06-01',
      },
    }
    const de = describeSignal(createTranslator('de').t, signal, 'de')
    expect(de).toContain('seit 45 Saisontagen')
    expect(de).toContain('in der Saison 14 Tage')
    const en = describeSignal(createTranslator('en').t, signal, 'en')
    expect(en).toContain('45 days of the season')
    // a buyer without a season: plain days
    expect(
      describeSignal(
        createTranslator('en').t,
        { code: 'overdue', params: { daysSince: 45, intervalDays: 14 } },
        'en',
      ),
    ).toBe('Overdue: no purchase for 45 days, usually every 14 days.')
  })
})

describe('score explanations', () => {
  it('say the numbers behind the score in one sentence', async () => {
    const { describeScore } = await import('./describe')
    const facts = {
      pAlive: 0.08,
      expectedPurchases: 0.31,
      clvCents: 12345,
      meanIntervalDays: 41.2,
      daysSinceLastPurchase: 380,
      timeUnit: 'week' as const,
      horizon: 52,
      clvMonths: 12,
    }
    expect(describeScore(createTranslator('de').t, facts, 'de')).toBe(
      'Kauft sonst alle 41 Tage, zuletzt vor 380 Tagen; noch zu 8 % aktiv. Erwartet 0,3 Käufe in 52 Wochen; Kundenwert über 12 Monate: 123\u00a0€.',
    )
    expect(
      describeScore(createTranslator('en').t, { ...facts, meanIntervalDays: null, pAlive: 0.001 }, 'en'),
    ).toBe(
      'Bought once, 380 days ago; < 1 % likely still active. Expected 0.3 purchases in 52 weeks; customer value over 12 months: €123.',
    )
  })

  it('say where rules and model disagree, why, and which one the list follows', async () => {
    const { describeDisagreement } = await import('./describe')
    const de = createTranslator('de').t
    expect(describeDisagreement(de, { status: 'lost', pAlive: 0.88, x: 0, model: 'bgnbd' }, 'de')).toBe(
      'Regeln und Modell sind sich uneinig: Nach den Regeln gilt der Kunde als „Verloren“, nach dem Modell (BG/NBD) ist er zu 88 % noch aktiv. BG/NBD hält Kunden ohne Wiederkauf grundsätzlich für aktiv; die Regeln messen die Zeit seit dem Kauf. Status und Rückgewinnungsliste folgen den Regeln.',
    )
    expect(
      describeDisagreement(
        createTranslator('en').t,
        { status: 'active', pAlive: 0.1, x: 4, model: 'pnbd' },
        'en',
      ),
    ).toContain('by the model (Pareto/NBD) only 10 % likely still active')
    expect(describeDisagreement(de, { status: 'lost', pAlive: 0.3, x: 4, model: 'pnbd' }, 'de')).toBeNull()
    expect(describeDisagreement(de, { status: 'active', pAlive: 0.9, x: 4, model: 'pnbd' }, 'de')).toBeNull()
  })

  it('say what a lost customer is worth once won back, and how it was reckoned', async () => {
    const { describeWinbackValue } = await import('./describe')
    const facts = {
      valueMethod: 'historical_margin' as const,
      valueCents: 2_540_000,
      annualMarginCents: 946_900,
      marginRate: 0.274,
      marginFromImport: true,
      horizonMonths: 36,
      wonBackPurchases: null,
      spendCents: null,
    }
    expect(describeWinbackValue(createTranslator('de').t, facts, 'de')).toBe(
      'kaufte für 9.469\u00a0€ Deckungsbeitrag im Jahr; zurückgewonnen, 3 Jahre: 25.400\u00a0€',
    )
    expect(
      describeWinbackValue(
        createTranslator('en').t,
        {
          ...facts,
          valueMethod: 'model',
          wonBackPurchases: 14.23,
          spendCents: 82_000,
          marginFromImport: false,
        },
        'en',
      ),
    ).toBe(
      'bought for €9,469 margin a year (default margin 27 %); if won back, the model expects 14.2 purchases of €820 each in 3 years: €25,400 margin, discounted',
    )
  })

  it('has a text for every code of the contact engine, the audit log, the import report, the lifecycle and the win-back list, in both languages', () => {
    const needed = [
      ...contactBlockers.map((c) => `contact.blockers.${c}`),
      ...contactBases.map((c) => `contact.bases.${c}`),
      ...contactEvidence.map((c) => `contact.evidence.${c}`),
      ...contactChannels.map((c) => `contact.channel.${c}`),
      ...consentSources.map((c) => `contact.source.${c}`),
      ...objectionVias.map((c) => `contact.via.${c}`),
      ...objectionScopes.map((c) => `contact.scope.${c}`),
      ...auditActions.map((a) => `audit.action.${a.replace('.', '_')}`),
      ...importIssueCodes.map((c) => `issueCode.${c}`),
      ...lifecycleStatuses.flatMap((s) => [`status.${s}`, `statusHint.${s}`]),
      ...ruleCodes.map((r) => `rule.${r}`),
      ...subTypes.map((s) => `subType.${s}`),
      ...attemptStates.map((s) => `winback.attempts.outcome.${s}`),
      ...exclusionReasons.map((e) => `winback.exclusion.${e}`),
    ]
    for (const locale of ['de', 'en'] as const) {
      const { i18n } = createTranslator(locale)
      for (const key of needed) expect(i18n.exists(key), `${locale}: ${key}`).toBe(true)
    }
  })
})

describe('formatDateTime', () => {
  it('shows a moment in the reader’s time zone, German and English', () => {
    const iso = '2026-11-23T20:57:00Z'
    const local = new Date(iso)
    const hh = String(local.getHours()).padStart(2, '0')
    const mm = String(local.getMinutes()).padStart(2, '0')
    const day = String(local.getDate()).padStart(2, '0')
    expect(formatDateTime(iso, 'de')).toBe(`${day}.11.2026, ${hh}:${mm}`)
    expect(formatDateTime(iso, 'en')).toBe(`${day}/11/2026, ${hh}:${mm}`)
  })
})
