import { describe, expect, it } from 'vitest'
import de from './de.json'
import { describeRule, describeSignal } from './describe'
import en from './en.json'
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
})
