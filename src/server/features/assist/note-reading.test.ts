import { describe, expect, it } from 'vitest'
import { proposeCompetitor, proposeOffer, proposeOutcome } from './note-facts'
import { detectLanguage, noteFeatures } from './note-text'
import {
  crossValidate,
  type LabelledNote,
  MIN_CONFIDENCE,
  MIN_TRAINING_NOTES,
  suggestReasons,
  trainReasonModel,
} from './reason-classifier'
import { redactPersonalData } from './redact'

describe('a note as features', () => {
  it('tells German from English', () => {
    expect(detectLanguage('Die Lieferung kam zu spät und der Preis ist zu hoch')).toBe('de')
    expect(detectLanguage('The delivery was late and the price is too high')).toBe('en')
    expect(detectLanguage('')).toBe('de')
  })

  it('stems, drops stop words and marks what a negation covers, up to the end of the clause', () => {
    const f = noteFeatures('Die Lieferungen kamen zu spät, kein Interesse mehr. Zu teuer!')
    expect(f.features).toEqual(['liefer', 'kam', 'spat', '!interess', 'teu'])
    expect(f.words.get('!interess')).toBe('nicht Interesse')
    // "aber" ends the negation: the price counts
    expect(noteFeatures('Keine Probleme mit der Lieferung, aber der Preis ist zu hoch').features).toEqual([
      '!problem',
      '!liefer',
      'preis',
    ])
  })

  it('reads negated praise as a complaint about what follows', () => {
    expect(noteFeatures('nicht zufrieden mit der Qualität').features).toEqual(['!zufried', 'qualitat'])
    expect(noteFeatures('not happy with the quality').features).toEqual(['!happi', 'qualiti'])
  })
})

const reasons = { price: 1, delivery: 2, quality: 3, competitor: 4 }
function notes(): LabelledNote[] {
  const price = [
    'Preise zu hoch',
    'zu teuer geworden',
    'Preiserhöhung zu viel, zu teuer',
    'findet die Preise zu hoch',
  ]
  const delivery = [
    'Lieferung kam zu spät',
    'Liefertermin verpasst',
    'Lieferungen immer verspätet',
    'lange Lieferzeiten, Lieferung zu spät',
  ]
  const quality = [
    'Qualität schlecht, Ware defekt',
    'defekte Ware geliefert',
    'Qualität hat nachgelassen',
    'Reklamation wegen Qualität',
  ]
  const competitor = [
    'kauft bei der Konkurrenz, billiger',
    'Konkurrenz ist billiger',
    'Wettbewerber günstiger',
    'Konkurrenz bietet günstiger an',
  ]
  const tails = ['', ' Rückruf in zwei Wochen.', ' Katalog geschickt.']
  const out: LabelledNote[] = []
  for (const [texts, id] of [
    [price, reasons.price],
    [delivery, reasons.delivery],
    [quality, reasons.quality],
    [competitor, reasons.competitor],
  ] as const)
    for (const t of texts) for (const tail of tails) out.push({ text: `${t}.${tail}`, reasonIds: [id] })
  return out
}

describe('reasons learned from confirmed notes', () => {
  it('says it is not ready below the minimum of confirmed notes, or with a single reason', () => {
    expect(trainReasonModel(notes().slice(0, MIN_TRAINING_NOTES - 1))).toBeNull()
    expect(trainReasonModel(notes().map((n) => ({ ...n, reasonIds: [1] })))).toBeNull()
  })

  it('suggests the reason a new note speaks of, with its confidence and the words behind it', () => {
    const model = trainReasonModel(notes())!
    const [first, ...rest] = suggestReasons(model, 'Der Kunde sagt, wir sind zu teuer. Rückruf morgen.')
    expect(first!.reasonId).toBe(reasons.price)
    expect(first!.confidence).toBeGreaterThan(0.5)
    expect(first!.words[0]).toBe('teuer')
    // later reasons only when they are worth a look
    for (const r of rest) expect(r.confidence).toBeGreaterThanOrEqual(MIN_CONFIDENCE)
    // a flat temperature makes every reason equally likely: probabilities over all reasons
    const flat = suggestReasons({ ...model, temperature: 1e12 }, 'Lieferung zu spät', 10)
    expect(flat.length).toBe(4)
    for (const r of flat) expect(r.confidence).toBeCloseTo(0.25, 6)
    const all = suggestReasons({ ...model, temperature: 3 }, 'Lieferung zu spät und zu teuer', 10)
    expect(all.map((s) => s.confidence)).toEqual([...all.map((s) => s.confidence)].sort((a, b) => b - a))
  })

  it('does not count a negated word for its reason', () => {
    const model = trainReasonModel(notes())!
    expect(
      suggestReasons(model, 'Keine Probleme mit der Lieferung, aber Konkurrenz ist billiger')[0]!.reasonId,
    ).toBe(reasons.competitor)
  })

  it('has nothing to say about a note of words it never saw', () => {
    expect(suggestReasons(trainReasonModel(notes())!, 'Hallo Welt')).toEqual([])
  })

  it('keeps no word of a single note (a name or an order number) in the model', () => {
    const model = trainReasonModel([...notes(), { text: 'Herr Xaverius zu teuer', reasonIds: [1] }])!
    expect(model.vocabulary).not.toContain('xaverius')
    expect(model.vocabulary).toContain('teu')
  })

  it('measures accuracy on notes held out by text in five folds', () => {
    const { accuracy, temperature } = crossValidate(notes())!
    expect(accuracy.notes).toBe(notes().length)
    expect(accuracy.top1).toBeGreaterThan(0.8)
    expect(accuracy.top3).toBeGreaterThanOrEqual(accuracy.top1)
    expect(temperature).toBeGreaterThanOrEqual(1)
    expect(crossValidate(notes().slice(0, 20))).toBeNull()
  })
})

describe('outcome, offer and competitor in a note', () => {
  it.each([
    ['Kein Interesse mehr, kauft woanders.', 'no_interest'],
    ['Möchte nicht mehr angerufen werden!', 'objects_to_advertising'],
    ['Hat wieder bestellt, super.', 'won_back'],
    ['Rückruf nächste Woche.', 'call_back'],
    ['Gutschein über 50 € angeboten.', 'offer_made'],
    ['Interesse am neuen Katalog', 'interested'],
    ['Not interested, switched to Office World.', 'no_interest'],
    ['Please call back in two weeks', 'call_back'],
  ])('%s → %s', (note, outcome) => {
    expect(proposeOutcome(note)?.outcome).toBe(outcome)
  })

  it('does not read a negated call-back or interest as one', () => {
    expect(proposeOutcome('kein Rückruf gewünscht')).toBeNull()
    expect(proposeOutcome('keinerlei Interesse')?.outcome).toBe('no_interest')
  })

  it('finds the offer with its euro amount in German notation', () => {
    expect(proposeOffer('Rückruf Dienstag, Gutschein über 50 € angeboten')).toEqual({
      offer: 'Gutschein über 50 € angeboten',
      value: '50,00',
    })
    expect(proposeOffer('Sonderpreis 1.200,5 EUR für die Maschine')?.value).toBe('1.200,50')
    expect(proposeOffer('10 % Rabatt auf die nächste Bestellung')).toEqual({
      offer: '10 % Rabatt auf die nächste Bestellung',
      value: null,
    })
    // an amount without an offer word is no offer
    expect(proposeOffer('Umsatz letztes Jahr 5.000 €')).toBeNull()
  })

  it('finds a competitor on the company list or after a telling phrase', () => {
    expect(proposeCompetitor('Kein Interesse, kauft jetzt bei Büro Schulz GmbH.', [])).toEqual({
      name: 'Büro Schulz GmbH',
      known: false,
    })
    expect(proposeCompetitor('ist zu papier-paul gewechselt', ['Papier-Paul'])).toEqual({
      name: 'Papier-Paul',
      known: true,
    })
    expect(proposeCompetitor('switched to Office World.', [])?.name).toBe('Office World')
    expect(proposeCompetitor('kauft jetzt bei der Konkurrenz', [])).toBeNull()
  })
})

describe('what leaves the machine', () => {
  it("has no e-mail, phone, IBAN, address or the customer's names", () => {
    const text = redactPersonalData(
      'Herr Müller (Müller Bau GmbH, K-1001) erreichbar unter 0171 2345678 oder m.mueller@bau.de, Hauptstraße 5, 12345 Berlin, IBAN DE89 3704 0044 0532 0130 00. Zu teuer.',
      ['Hans', 'Müller', 'Müller Bau GmbH', 'K-1001'],
    )
    expect(text).toBe(
      'Herr [Kunde] ([Kunde] [Kunde] GmbH, [Kunde]) erreichbar unter [Telefon] oder [E-Mail], [Adresse], [Ort], IBAN [IBAN]. Zu teuer.',
    )
  })
})
