import { describe, expect, it } from 'vitest'
import {
  addDays,
  fromEpochDay,
  monthEndDay,
  monthIndexOfDay,
  monthStartDay,
  toEpochDay,
} from '../../lib/dates'
import { classifyCustomer } from './classify'
import { statusHistory } from './history'
import { buildPurchaseLedger, type SalesDocument } from './purchases'
import { dayWhenSeasonDaysExceed, detectSeason, inSeason, seasonDaysBetween } from './seasons'
import { defaultThresholds as t } from './thresholds'

function invoice(date: string): SalesDocument {
  return {
    date,
    kind: 'invoice',
    netCents: 10_000,
    countsAsPurchase: true,
    number: null,
    referenceNumber: null,
  }
}

/** A beer garden: buys every `every` days from April to August, in the given years. */
function beerGarden(years: readonly number[], every = 18, months = [4, 8]): SalesDocument[] {
  const docs: SalesDocument[] = []
  for (const year of years)
    for (let day = toEpochDay(`${year}-0${months[0]}-05`); ; day += every) {
      const month = Number(fromEpochDay(day).slice(5, 7))
      if (month > months[1]!) break
      docs.push(invoice(fromEpochDay(day)))
    }
  return docs
}

const eventsOf = (docs: SalesDocument[], asOf = '2026-12-31') => buildPurchaseLedger(docs, asOf).events

describe('detectSeason', () => {
  it('finds April–August with its in-season rhythm after two seasons', () => {
    const events = eventsOf(beerGarden([2024, 2025]))
    expect(detectSeason(events, events.length, 12)).toEqual({
      from: 4,
      to: 8,
      length: 5,
      days: 152,
      intervalDays: 18,
    })
  })

  it('not after one season, not for a steady buyer, not with too few purchases', () => {
    const one = eventsOf(beerGarden([2025]))
    expect(detectSeason(one, one.length, 12)).toBeNull()
    const steady = eventsOf(Array.from({ length: 40 }, (_, i) => invoice(addDays('2024-01-03', i * 20))))
    expect(detectSeason(steady, steady.length, 12)).toBeNull()
    const few = eventsOf(['2024-05-01', '2024-06-01', '2025-05-01', '2025-06-01'].map(invoice))
    expect(detectSeason(few, few.length, 12)).toBeNull()
    // a long pause of a steady buyer is no off-season: two orders after it are no second season
    const pause = eventsOf([
      ...Array.from({ length: 10 }, (_, i) => invoice(addDays('2025-06-24', i * 20))),
      invoice('2026-05-21'),
      invoice('2026-06-10'),
    ])
    expect(detectSeason(pause, pause.length, 12)).toBeNull()
    // three orders a year (February, June, September) fit eight months, but the rest is no off-season
    const thrice = eventsOf(
      [2023, 2024, 2025].flatMap((y) => [`${y}-02-10`, `${y}-06-01`, `${y}-09-20`]).map(invoice),
    )
    expect(detectSeason(thrice, thrice.length, 12)).toBeNull()
  })

  it('wraps the year end (a ski shop buying November to February) and tolerates a stray order', () => {
    const docs = [
      ...['2023-11-10', '2023-12-05', '2024-01-10', '2024-02-01'],
      ...['2024-11-12', '2024-12-02', '2025-01-08', '2025-02-03'],
      ...['2025-11-10', '2025-12-01', '2026-01-05'],
      '2025-06-15',
    ].map(invoice)
    const events = eventsOf(docs)
    expect(detectSeason(events, events.length, 12)).toMatchObject({ from: 11, to: 2, length: 4 })
  })
})

describe('season days', () => {
  const season = { from: 4, to: 8 }
  it('count only the days of the season', () => {
    const lastAugust = toEpochDay('2025-08-20')
    expect(seasonDaysBetween(season, lastAugust, toEpochDay('2026-03-31'))).toBe(11)
    expect(seasonDaysBetween(season, lastAugust, toEpochDay('2026-04-10'))).toBe(21)
    expect(seasonDaysBetween(season, lastAugust, lastAugust)).toBe(0)
  })

  it('are counted as a walk month by month over the calendar counts them, for every season window', () => {
    // the walk the count replaced: every month between the days, its days in the season added
    const walked = (window: { from: number; to: number }, fromDay: number, toDay: number) => {
      let total = 0
      for (let index = monthIndexOfDay(fromDay + 1); monthStartDay(index) <= toDay; index++)
        if (inSeason(window, (index % 12) + 1))
          total += Math.min(monthEndDay(index), toDay) - Math.max(monthStartDay(index), fromDay + 1) + 1
      return Math.max(0, total)
    }
    let seed = 7
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % n
    }
    // the days around leap days and year ends, and days anywhere from 1899 to 2201
    const leapDays = ['1900-02-28', '2000-02-29', '2024-02-29', '2100-02-28', '2025-12-31'].map(toEpochDay)
    const days = () =>
      random(4) === 0
        ? leapDays[random(leapDays.length)]! + random(5) - 2
        : toEpochDay('1899-06-01') + random(302 * 365)
    let compared = 0
    for (let from = 1; from <= 12; from++)
      for (let to = 1; to <= 12; to++)
        for (let i = 0; i < 300; i++) {
          const a = days()
          const b = random(3) === 0 ? a + random(400) : days()
          expect(
            seasonDaysBetween({ from, to }, a, b),
            `${from}-${to} ${fromEpochDay(a)} ${fromEpochDay(b)}`,
          ).toBe(walked({ from, to }, a, b))
          compared++
        }
    expect(compared).toBe(144 * 300)
  })

  it('dayWhenSeasonDaysExceed is the first day the count passes the threshold', () => {
    const from = toEpochDay('2025-08-20')
    for (const threshold of [0, 10, 11, 12, 40, 152, 300]) {
      const day = dayWhenSeasonDaysExceed(season, from, threshold)
      expect(seasonDaysBetween(season, from, day)).toBe(threshold + 1)
      expect(seasonDaysBetween(season, from, day - 1)).toBeLessThanOrEqual(threshold)
    }
  })
})

describe('seasonal buyers are measured against their season', () => {
  const docs = beerGarden([2022, 2023, 2024, 2025])
  const classify = (asOf: string, extra: SalesDocument[] = []) =>
    classifyCustomer(
      { ledger: buildPurchaseLedger([...docs, ...extra], asOf), contracts: [], isProjectCustomer: false },
      asOf,
      t,
    )

  it('out of season they are active, not sleeping, with the season in the rule', () => {
    const c = classify('2026-02-15')
    expect(c).toMatchObject({ status: 'active', rule: 'seasonal_off_season', subTypes: ['seasonal'] })
    expect(c.ruleParams).toMatchObject({ seasonFrom: 4, seasonTo: 8, intervalDays: 18 })
    expect(c.typicalIntervalDays).toBe(18)
    expect(c.signals).toEqual([])
  })

  it('at risk when overdue in the season, sleeping when long overdue, lost after a whole season', () => {
    // last purchase 2025-08-27: 2026-04-30 is 4 + 30 = 34 season days later, 2026-05-10 44 (> 2 × 18)
    expect(classify('2026-04-30')).toMatchObject({ status: 'active', rule: 'active_recent_purchase' })
    expect(classify('2026-05-10')).toMatchObject({ status: 'at_risk', rule: 'seasonal_overdue' })
    expect(classify('2026-05-10').ruleParams).toMatchObject({ seasonDaysSince: 44 })
    // 4 × 18 = 72 season days, but never sleeping before 90: 2026-06-25 is the 90th
    expect(classify('2026-06-24')).toMatchObject({ status: 'at_risk' })
    expect(classify('2026-06-25')).toMatchObject({ status: 'sleeping', rule: 'seasonal_overdue_long' })
    expect(classify('2026-09-30')).toMatchObject({ status: 'lost', rule: 'seasonal_season_missed' })
  })

  it('the first order of a season is no reactivation', () => {
    const c = classify('2026-04-20', [invoice('2026-04-12')])
    expect(c).toMatchObject({ status: 'active', rule: 'active_recent_purchase' })
    const history = statusHistory(
      {
        ledger: buildPurchaseLedger([...docs, invoice('2026-04-12')], '2026-04-20'),
        contracts: [],
        isProjectCustomer: false,
      },
      '2026-04-20',
      t,
    )
    // known as seasonal from the second season on: no winter sleep, no spring comeback after that
    const since2024 = history.filter((h) => h.month >= '2024-01')
    expect(since2024.map((h) => h.status)).not.toContain('reactivated')
    expect(since2024.map((h) => h.status)).not.toContain('sleeping')
  })
})
