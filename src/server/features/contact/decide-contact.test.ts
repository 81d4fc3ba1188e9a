import { describe, expect, it } from 'vitest'
import type { ContactBasis, ContactBlocker, ContactChannel } from '../../../shared/contact'
import { type ConsentFact, type ContactFacts, decideContact } from './decide-contact'
import { parseContactProfile } from './profile'
import { contactProfiles, profileFor } from './profiles'

const asOf = '2026-06-30'
const DE = profileFor('DE')
const AT = profileFor('AT')

function consent(channel: ContactChannel, overrides: Partial<ConsentFact> = {}): ConsentFact {
  return {
    id: 7,
    channel,
    status: 'granted',
    grantedAt: '2026-01-10',
    source: 'form',
    textVersion: 'EW-2025-03',
    textHash: null,
    doiConfirmedAt: '2026-01-10',
    callReference: null,
    collectedBy: null,
    withdrawnAt: null,
    lastUsedAt: null,
    ...overrides,
  }
}

/** A customer with every address and nothing else: no consent, no objection. */
function facts(overrides: Partial<ContactFacts> = {}): ContactFacts {
  return {
    customerType: 'consumer',
    addresses: { email: true, phone: true, postal: true },
    consents: [],
    objections: [],
    presumedConsent: null,
    emailFromSale: false,
    optOutNoticeVersion: null,
    robinson: null,
    suppressed: [],
    erased: false,
    ...overrides,
  }
}

const existingCustomer: Partial<ContactFacts> = { emailFromSale: true, optOutNoticeVersion: 'HW-2024-01' }
const presumed = {
  text: 'Bestellt seit 2019 monatlich Ersatzteile',
  reviewer: 'M. Keller',
  reviewedOn: '2026-02-01',
}
const objection = (scope: ContactFacts['objections'][number]['scope'], gdpr = false) => ({
  scope,
  gdpr,
  receivedAt: '2026-03-01',
})

interface Case {
  name: string
  channel: ContactChannel
  facts: ContactFacts
  ownSimilarGoods?: boolean
  allowed: boolean
  basis?: ContactBasis
  /** every blocker the decision must name (exactly these codes, in any order) */
  blockers?: ContactBlocker[]
}

const types = ['consumer', 'business', 'unknown'] as const

const germany: Case[] = [
  // e-mail: consumers and businesses alike
  ...types.flatMap((t): Case[] => [
    {
      name: `${t} e-mail with double opt-in`,
      channel: 'email',
      facts: facts({ customerType: t, consents: [consent('email')] }),
      allowed: true,
      basis: 'express_consent',
    },
    {
      name: `${t} e-mail under § 7 Abs. 3 UWG`,
      channel: 'email',
      facts: facts({ customerType: t, ...existingCustomer }),
      allowed: true,
      basis: 'existing_customer',
    },
    {
      name: `${t} e-mail with nothing`,
      channel: 'email',
      facts: facts({ customerType: t }),
      allowed: false,
      blockers: ['no_consent', 'email_not_from_sale', 'no_optout_notice_at_collection'],
    },
    {
      name: `${t} e-mail, existing customer, but not own similar goods`,
      channel: 'email',
      facts: facts({ customerType: t, ...existingCustomer }),
      ownSimilarGoods: false,
      allowed: false,
      blockers: ['no_consent', 'not_own_similar_goods'],
    },
    {
      name: `${t} e-mail, address not from a sale`,
      channel: 'email',
      facts: facts({ customerType: t, optOutNoticeVersion: 'HW-2024-01' }),
      allowed: false,
      blockers: ['no_consent', 'email_not_from_sale'],
    },
    {
      name: `${t} e-mail, no opt-out notice at collection`,
      channel: 'email',
      facts: facts({ customerType: t, emailFromSale: true }),
      allowed: false,
      blockers: ['no_consent', 'no_optout_notice_at_collection'],
    },
    {
      name: `${t} e-mail, objected to e-mail`,
      channel: 'email',
      facts: facts({
        customerType: t,
        ...existingCustomer,
        consents: [consent('email')],
        objections: [objection('email')],
      }),
      allowed: false,
      blockers: ['objected', 'objected'],
    },
    {
      name: `${t} e-mail, consent without double opt-in`,
      channel: 'email',
      facts: facts({
        customerType: t,
        consents: [consent('email', { doiConfirmedAt: null, source: 'paper' })],
      }),
      allowed: false,
      blockers: ['consent_not_double_opt_in', 'email_not_from_sale', 'no_optout_notice_at_collection'],
    },
    {
      name: `${t} e-mail, only the shop's marketing flag`,
      channel: 'email',
      facts: facts({ customerType: t, consents: [consent('email', { source: 'shop_flag' })] }),
      allowed: false,
      blockers: ['consent_only_shop_flag', 'email_not_from_sale', 'no_optout_notice_at_collection'],
    },
    {
      name: `${t} e-mail, consent withdrawn`,
      channel: 'email',
      facts: facts({
        customerType: t,
        consents: [consent('email', { status: 'withdrawn', withdrawnAt: '2026-05-01' })],
      }),
      allowed: false,
      blockers: ['consent_withdrawn', 'email_not_from_sale', 'no_optout_notice_at_collection'],
    },
    {
      name: `${t} e-mail, consent unused for more than 24 months`,
      channel: 'email',
      facts: facts({
        customerType: t,
        consents: [
          consent('email', {
            grantedAt: '2024-01-10',
            doiConfirmedAt: '2024-01-10',
            lastUsedAt: '2024-06-29',
          }),
        ],
      }),
      allowed: false,
      blockers: ['consent_needs_renewal', 'email_not_from_sale', 'no_optout_notice_at_collection'],
    },
    {
      name: `${t} e-mail, no address`,
      channel: 'email',
      facts: facts({
        customerType: t,
        consents: [consent('email')],
        addresses: { email: false, phone: true, postal: true },
      }),
      allowed: false,
      blockers: ['no_address'],
    },
  ]),
  // phone, consumer (and unknown, treated as consumer): documented prior express consent (§ 7a UWG)
  ...(['consumer', 'unknown'] as const).flatMap((t): Case[] => [
    {
      name: `${t} phone with documented consent`,
      channel: 'phone',
      facts: facts({
        customerType: t,
        consents: [consent('phone', { source: 'call', doiConfirmedAt: null, callReference: 'A-17' })],
      }),
      allowed: true,
      basis: 'express_consent',
    },
    {
      name: `${t} phone with nothing`,
      channel: 'phone',
      facts: facts({ customerType: t }),
      allowed: false,
      blockers: ['no_consent'],
    },
    {
      name: `${t} phone, presumed consent does not count`,
      channel: 'phone',
      facts: facts({ customerType: t, presumedConsent: presumed }),
      allowed: false,
      blockers: ['no_consent'],
    },
    {
      name: `${t} phone, consent without text version`,
      channel: 'phone',
      facts: facts({ customerType: t, consents: [consent('phone', { textVersion: null })] }),
      allowed: false,
      blockers: ['consent_undocumented'],
    },
    {
      name: `${t} phone, consent without any proof`,
      channel: 'phone',
      facts: facts({
        customerType: t,
        consents: [consent('phone', { source: 'paper', doiConfirmedAt: null })],
      }),
      allowed: false,
      blockers: ['consent_undocumented'],
    },
    {
      name: `${t} phone, shop flag`,
      channel: 'phone',
      facts: facts({ customerType: t, consents: [consent('phone', { source: 'shop_flag' })] }),
      allowed: false,
      blockers: ['consent_only_shop_flag'],
    },
    {
      name: `${t} phone, objected to calls`,
      channel: 'phone',
      facts: facts({ customerType: t, consents: [consent('phone')], objections: [objection('phone')] }),
      allowed: false,
      blockers: ['objected'],
    },
    {
      name: `${t} phone, consent stale`,
      channel: 'phone',
      facts: facts({
        customerType: t,
        consents: [
          consent('phone', { grantedAt: '2023-05-01', doiConfirmedAt: null, collectedBy: 'Vertrieb' }),
        ],
      }),
      allowed: false,
      blockers: ['consent_needs_renewal'],
    },
  ]),
  // phone, business: express or at least presumed consent on documented grounds
  {
    name: 'business phone with presumed consent',
    channel: 'phone',
    facts: facts({ customerType: 'business', presumedConsent: presumed }),
    allowed: true,
    basis: 'presumed_consent',
  },
  {
    name: 'business phone with express consent (no § 7a documentation needed)',
    channel: 'phone',
    facts: facts({
      customerType: 'business',
      consents: [consent('phone', { source: 'paper', textVersion: null, doiConfirmedAt: null })],
    }),
    allowed: true,
    basis: 'express_consent',
  },
  {
    name: 'business phone with nothing',
    channel: 'phone',
    facts: facts({ customerType: 'business' }),
    allowed: false,
    blockers: ['no_consent', 'no_presumed_consent_basis'],
  },
  {
    name: 'business phone, presumed consent without reviewer',
    channel: 'phone',
    facts: facts({ customerType: 'business', presumedConsent: { ...presumed, reviewer: ' ' } }),
    allowed: false,
    blockers: ['no_consent', 'no_presumed_consent_basis'],
  },
  {
    name: 'business phone, objected to all channels',
    channel: 'phone',
    facts: facts({ customerType: 'business', presumedConsent: presumed, objections: [objection('all')] }),
    allowed: false,
    blockers: ['no_consent', 'objected', 'objected'],
  },
  {
    name: 'business phone, no number',
    channel: 'phone',
    facts: facts({
      customerType: 'business',
      presumedConsent: presumed,
      addresses: { email: true, phone: false, postal: true },
    }),
    allowed: false,
    blockers: ['no_address'],
  },
  // letter: allowed unless objected
  ...types.flatMap((t): Case[] => [
    {
      name: `${t} letter with nothing`,
      channel: 'letter',
      facts: facts({ customerType: t }),
      allowed: true,
      basis: 'no_objection',
    },
    {
      name: `${t} letter, objected to letters`,
      channel: 'letter',
      facts: facts({ customerType: t, objections: [objection('letter')] }),
      allowed: false,
      blockers: ['objected'],
    },
    {
      name: `${t} letter, objected to e-mail only`,
      channel: 'letter',
      facts: facts({ customerType: t, objections: [objection('email')] }),
      allowed: true,
      basis: 'no_objection',
    },
    {
      name: `${t} letter, on the Robinson list`,
      channel: 'letter',
      facts: facts({ customerType: t, robinson: { checkedOn: '2026-06-01', listed: true } }),
      allowed: false,
      blockers: ['robinson_listed'],
    },
    {
      name: `${t} letter, no postal address`,
      channel: 'letter',
      facts: facts({ customerType: t, addresses: { email: true, phone: true, postal: false } }),
      allowed: false,
      blockers: ['no_address'],
    },
  ]),
  // SMS: express consent only
  ...types.flatMap((t): Case[] => [
    {
      name: `${t} SMS with consent`,
      channel: 'sms',
      facts: facts({
        customerType: t,
        consents: [consent('sms', { doiConfirmedAt: null, collectedBy: 'Shop' })],
      }),
      allowed: true,
      basis: 'express_consent',
    },
    {
      name: `${t} SMS as an existing customer is not enough`,
      channel: 'sms',
      facts: facts({ customerType: t, ...existingCustomer, presumedConsent: presumed }),
      allowed: false,
      blockers: ['no_consent'],
    },
    {
      name: `${t} SMS, e-mail consent does not cover SMS`,
      channel: 'sms',
      facts: facts({ customerType: t, consents: [consent('email')] }),
      allowed: false,
      blockers: ['no_consent'],
    },
  ]),
  // GDPR Art. 21, suppression and erasure stop every channel
  ...(['email', 'phone', 'letter', 'sms'] as const).flatMap((channel): Case[] => [
    {
      name: `GDPR objection (scope e-mail) stops ${channel}`,
      channel,
      facts: facts({
        customerType: 'business',
        ...existingCustomer,
        presumedConsent: presumed,
        consents: [consent(channel)],
        objections: [objection('email', true)],
      }),
      allowed: false,
      blockers: channel === 'email' ? ['gdpr_objection', 'objected', 'objected'] : ['gdpr_objection'],
    },
    {
      name: `suppression list stops ${channel}`,
      channel,
      facts: facts({ consents: [consent(channel)], suppressed: [{ scope: 'all' }] }),
      allowed: false,
      blockers: ['suppressed'],
    },
    {
      name: `erased person is not contacted by ${channel}`,
      channel,
      facts: facts({ consents: [consent(channel)], erased: true, suppressed: [{ scope: 'all' }] }),
      allowed: false,
      blockers: ['erased', 'suppressed'],
    },
  ]),
  {
    name: 'suppression of e-mail does not stop letters',
    channel: 'letter',
    facts: facts({ suppressed: [{ scope: 'email' }] }),
    allowed: true,
    basis: 'no_objection',
  },
  {
    name: 'an objection received after the day asked about does not count yet',
    channel: 'letter',
    facts: facts({ objections: [{ scope: 'all', gdpr: true, receivedAt: '2026-07-01' }] }),
    allowed: true,
    basis: 'no_objection',
  },
  {
    name: 'a consent granted after the day asked about does not count yet',
    channel: 'sms',
    facts: facts({ consents: [consent('sms', { grantedAt: '2026-07-02' })] }),
    allowed: false,
    blockers: ['no_consent'],
  },
  {
    name: 'a fresh consent wins over a withdrawn one',
    channel: 'email',
    facts: facts({
      consents: [
        consent('email', { id: 1, status: 'withdrawn', withdrawnAt: '2025-01-01' }),
        consent('email'),
      ],
    }),
    allowed: true,
    basis: 'express_consent',
  },
]

// Austria (§ 174 TKG 2021): no presumed consent for business calls; the existing-customer exception needs the ECG list
const austria: Case[] = [
  {
    name: 'AT business phone with presumed consent is not enough',
    channel: 'phone',
    facts: facts({ customerType: 'business', presumedConsent: presumed }),
    allowed: false,
    blockers: ['no_consent'],
  },
  {
    name: 'AT consumer phone with express consent',
    channel: 'phone',
    facts: facts({ consents: [consent('phone', { textVersion: null, doiConfirmedAt: null })] }),
    allowed: true,
    basis: 'express_consent',
  },
  {
    name: 'AT e-mail to an existing customer needs an ECG-list check',
    channel: 'email',
    facts: facts({ ...existingCustomer }),
    allowed: false,
    blockers: ['no_consent', 'robinson_not_checked'],
  },
  {
    name: 'AT e-mail to an existing customer, checked and clear',
    channel: 'email',
    facts: facts({ ...existingCustomer, robinson: { checkedOn: '2026-06-01', listed: false } }),
    allowed: true,
    basis: 'existing_customer',
  },
  {
    name: 'AT SMS to an existing customer on the ECG list',
    channel: 'sms',
    facts: facts({ ...existingCustomer, robinson: { checkedOn: '2026-06-01', listed: true } }),
    allowed: false,
    blockers: ['no_consent', 'robinson_listed'],
  },
  {
    name: 'AT e-mail with express consent (double opt-in not required)',
    channel: 'email',
    facts: facts({ consents: [consent('email', { doiConfirmedAt: null, source: 'paper' })] }),
    allowed: true,
    basis: 'express_consent',
  },
  {
    name: 'AT letter unless objected',
    channel: 'letter',
    facts: facts({ customerType: 'business' }),
    allowed: true,
    basis: 'no_objection',
  },
]

describe.each([
  ['DE', DE, germany],
  ['AT', AT, austria],
] as const)('decideContact, profile %s', (_id, profile, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const decision = decideContact({
      facts: c.facts,
      channel: c.channel,
      purpose: { kind: 'winback_offer', ownSimilarGoods: c.ownSimilarGoods ?? true },
      profile,
      asOf,
    })
    expect(decision.allowed).toBe(c.allowed)
    if (c.allowed) {
      expect(decision.basis?.basis).toBe(c.basis)
      expect(decision.blockers).toEqual([])
      expect(decision.evidence.length).toBeGreaterThan(0)
    } else {
      expect(decision.basis).toBeNull()
      expect(decision.evidence).toEqual([])
      expect(decision.blockers.map((b) => b.code).sort()).toEqual([...(c.blockers ?? [])].sort())
    }
  })
})

describe('decideContact details', () => {
  const request = (f: ContactFacts, channel: ContactChannel = 'phone') => ({
    facts: f,
    channel,
    purpose: { kind: 'satisfaction_survey' as const, ownSimilarGoods: true },
    profile: DE,
    asOf,
  })

  it('names the norm with its version, the consent relied on and the evidence to keep', () => {
    const d = decideContact(request(facts({ consents: [consent('phone', { id: 42 })] })))
    expect(d.basis).toEqual({
      basis: 'express_consent',
      norm: { citation: '§ 7 Abs. 2 Nr. 1, § 7a UWG', version: expect.stringContaining('UWG') },
      consentId: 42,
    })
    expect(d.evidence).toEqual([{ code: 'keep_consent_proof', years: 5 }, { code: 'record_use' }])
    expect(d.purpose).toBe('satisfaction_survey')
    expect(d.profile).toEqual({ id: 'DE', version: DE.version })
  })

  it('treats an unknown customer type as a consumer', () => {
    expect(
      decideContact(request(facts({ customerType: 'unknown', presumedConsent: presumed }))).customerType,
    ).toBe('consumer')
  })

  it('says per basis what is missing, so the UI can show what would make contact allowed', () => {
    const d = decideContact(request(facts({ customerType: 'business' })))
    expect(d.alternatives).toEqual([
      { basis: 'express_consent', norm: expect.anything(), missing: ['no_consent'] },
      { basis: 'presumed_consent', norm: expect.anything(), missing: ['no_presumed_consent_basis'] },
    ])
    expect(d.blockers.every((b) => b.basis && b.norm)).toBe(true)
  })

  it('attaches the GDPR norm to an Art. 21 objection', () => {
    const d = decideContact(request(facts({ objections: [objection('email', true)] }), 'letter'))
    expect(d.blockers).toEqual([
      { code: 'gdpr_objection', norm: expect.objectContaining({ citation: 'Art. 21 Abs. 2 und 3 DSGVO' }) },
    ])
  })

  it('uses the configured renewal period instead of the profile default', () => {
    const f = facts({
      consents: [consent('phone', { grantedAt: '2025-11-01', doiConfirmedAt: null, collectedBy: 'x' })],
    })
    expect(decideContact(request(f)).allowed).toBe(true)
    expect(decideContact({ ...request(f), consentRenewalMonths: 6 }).blockers.map((b) => b.code)).toEqual([
      'consent_needs_renewal',
    ])
  })

  it('a recent use keeps an old consent alive', () => {
    const f = facts({
      consents: [
        consent('phone', {
          grantedAt: '2020-01-01',
          doiConfirmedAt: null,
          collectedBy: 'x',
          lastUsedAt: '2026-01-01',
        }),
      ],
    })
    expect(decideContact(request(f)).allowed).toBe(true)
  })

  it('blocks a channel the profile does not cover', () => {
    const profile = parseContactProfile({ ...DE, rules: DE.rules.filter((r) => r.channel !== 'sms') })
    const d = decideContact({ ...request(facts({ consents: [consent('sms')] }), 'sms'), profile })
    expect(d.blockers).toEqual([{ code: 'channel_not_permitted' }])
  })
})

describe('contact profiles are data', () => {
  it('ships Germany and Austria, each covering every channel for consumers and businesses', () => {
    expect([...contactProfiles.keys()].sort()).toEqual(['AT', 'DE'])
    for (const profile of contactProfiles.values()) {
      for (const channel of ['email', 'phone', 'letter', 'sms'] as const) {
        for (const type of ['consumer', 'business'] as const) {
          expect(
            profile.rules.filter((r) => r.channel === channel && r.customerTypes.includes(type)),
            `${profile.id} ${channel} ${type}`,
          ).toHaveLength(1)
        }
      }
    }
  })

  it('falls back to the company jurisdiction for unknown countries', () => {
    expect(profileFor('CH').id).toBe('DE')
    expect(profileFor('at').id).toBe('AT')
    expect(profileFor(null, 'AT').id).toBe('AT')
  })

  it('rejects a profile that covers a case twice or names an unknown condition', () => {
    const twice = { ...DE, rules: [...DE.rules, DE.rules[0]] }
    expect(() => parseContactProfile(twice)).toThrow(/covered twice/)
    const unknown = structuredClone(DE) as unknown as { rules: { bases: { conditions: unknown[] }[] }[] }
    unknown.rules[0]?.bases[0]?.conditions.push({ kind: 'astrology' })
    expect(() => parseContactProfile(unknown)).toThrow()
  })
})
