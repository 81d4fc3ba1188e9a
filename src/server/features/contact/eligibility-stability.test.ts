import { describe, expect, it } from 'vitest'
import { consentSources, contactChannels, objectionScopes } from '../../../shared/contact'
import { addDays, type IsoDate } from '../../lib/dates'
import { seededRandom } from '../scoring/simulate'
import { type ConsentFact, type ContactFacts, decideContact } from './decide-contact'
import { eligibilityStableThrough } from './eligibility-stability'
import { profileFor } from './profiles'

const asOf = '2026-03-31'

/** Random facts whose dates fall around asOf: before, on, after, and on month ends. */
function randomFacts(next: () => number): ContactFacts {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  const day = (): IsoDate =>
    next() < 0.2
      ? pick(['2025-02-28', '2025-03-31', '2024-02-29', '2026-01-31', '2025-12-31'])
      : addDays(asOf, Math.floor(next() * 1000) - 800)
  const maybe = (p: number): IsoDate | null => (next() < p ? day() : null)
  const consents: ConsentFact[] = Array.from({ length: Math.floor(next() * 4) }, (_, id) => ({
    id,
    channel: pick(contactChannels),
    status: next() < 0.8 ? 'granted' : 'withdrawn',
    grantedAt: maybe(0.95),
    source: pick(consentSources),
    textVersion: next() < 0.7 ? 'v1' : null,
    textHash: null,
    doiConfirmedAt: maybe(0.6),
    callReference: next() < 0.2 ? 'call-1' : null,
    collectedBy: null,
    withdrawnAt: maybe(0.2),
    lastUsedAt: maybe(0.3),
  }))
  return {
    customerType: next() < 0.5 ? 'consumer' : 'business',
    addresses: { email: next() < 0.9, phone: next() < 0.8, postal: next() < 0.9 },
    consents,
    objections: Array.from({ length: next() < 0.3 ? 1 + Math.floor(next() * 2) : 0 }, () => ({
      scope: pick(objectionScopes),
      gdpr: next() < 0.3,
      receivedAt: day(),
    })),
    presumedConsent: next() < 0.3 ? { text: 'Stammkunde', reviewer: 'A. B.', reviewedOn: day() } : null,
    emailFromSale: next() < 0.5,
    optOutNoticeVersion: next() < 0.5 ? 'n1' : null,
    robinson: next() < 0.2 ? { checkedOn: day(), listed: next() < 0.3 } : null,
    suppressed: [],
    erased: false,
  }
}

function answers(facts: ContactFacts, day: IsoDate, renewalMonths: number, jurisdiction: string): string {
  return JSON.stringify(
    contactChannels.map((channel) => {
      const d = decideContact({
        facts,
        channel,
        purpose: { kind: 'winback_offer', ownSimilarGoods: true },
        profile: profileFor(jurisdiction),
        asOf: day,
        consentRenewalMonths: renewalMonths,
      })
      return [d.allowed, d.basis?.basis ?? null, [...new Set(d.blockers.map((b) => b.code))]]
    }),
  )
}

describe('eligibilityStableThrough', () => {
  it('through the day it names, every channel’s answer is the one of the day it was decided (1,500 random customers)', () => {
    const next = seededRandom(21)
    let changedNextDay = 0
    let total = 0
    for (let n = 0; n < 1500; n++) {
      const facts = randomFacts(next)
      const renewalMonths = [1, 6, 12, 24][n % 4]!
      const jurisdiction = n % 3 === 0 ? 'AT' : 'DE'
      const stable = eligibilityStableThrough(facts, asOf, renewalMonths)
      expect(stable >= asOf).toBe(true)
      expect(stable <= addDays(asOf, 365)).toBe(true)
      const then = answers(facts, asOf, renewalMonths, jurisdiction)
      for (let day = addDays(asOf, 1); day <= stable; day = addDays(day, 1))
        expect(answers(facts, day, renewalMonths, jurisdiction), `${n} on ${day}`).toBe(then)
      total++
      if (answers(facts, addDays(stable, 1), renewalMonths, jurisdiction) !== then) changedNextDay++
    }
    // the day is not just "tomorrow" for everyone: most customers stay the same for a while
    expect(total).toBe(1500)
    expect(changedNextDay).toBeGreaterThan(50)
  })

  it('names the day before a consent needs renewal, counted from its last use, across month ends', () => {
    const facts: ContactFacts = {
      ...randomFacts(seededRandom(1)),
      consents: [
        {
          id: 1,
          channel: 'email',
          status: 'granted',
          grantedAt: '2025-01-31',
          source: 'form',
          textVersion: 'v1',
          textHash: null,
          doiConfirmedAt: '2025-01-31',
          callReference: null,
          collectedBy: null,
          withdrawnAt: null,
          lastUsedAt: null,
        },
      ],
      objections: [],
      presumedConsent: null,
    }
    // fresh while addMonths(day, −13) ≥ 31.01.2025: 28.02.2026 − 13 months is 28.01.2025, 01.03.2026's is 01.02.2025
    const stable = eligibilityStableThrough(facts, '2026-01-15', 13)
    expect(stable).toBe('2026-02-28')
    expect(eligibilityStableThrough(facts, '2026-01-15', 12)).toBe('2026-01-31')
  })
})
