import { describe, expect, it } from 'vitest'
import { normaliseEmail, normalisePhone, normaliseText, suppressionKeys } from './suppression-keys'

describe('suppression keys', () => {
  it('normalises e-mail, phone and text so that spellings of the same person agree', () => {
    expect(normaliseEmail('  Anna.Schmidt@Example.DE ')).toBe('anna.schmidt@example.de')
    for (const p of ['0171 234-5678', '+49 171 2345678', '0049 (171) 2345678', '+49-171-2345678'])
      expect(normalisePhone(p)).toBe('491712345678')
    expect(normalisePhone('+43 1 234567')).toBe('431234567')
    expect(normaliseText('Müllerstr. 5')).toBe(normaliseText('Muellerstrasse 5'))
    expect(normaliseText('Weißenfels')).toBe('weissenfels')
    expect(normaliseText('Café Zoë')).toBe('cafezoe')
  })

  it('hashes e-mail and phone, keeps the postal key readable, and skips what is missing', () => {
    const keys = suppressionKeys({
      email: 'a@b.de',
      phone: '030 1234567',
      firstName: 'Jürgen',
      lastName: 'Groß',
      street: 'Hauptstr. 1',
      postalCode: '10115',
    })
    expect(keys.map((k) => k.kind)).toEqual(['email', 'phone', 'postal'])
    expect(keys[0]?.matchKey).toMatch(/^[0-9a-f]{64}$/)
    expect(keys[0]?.matchKey).not.toContain('a@b.de')
    expect(keys[1]?.matchKey).toMatch(/^[0-9a-f]{64}$/)
    expect(keys[2]?.matchKey).toBe('juergengross|hauptstrasse1|10115')
    expect(suppressionKeys({ email: ' ', phone: '12', street: 'x' })).toEqual([])
    expect(
      suppressionKeys({ companyName: 'Bäckerei Kühn GmbH', street: 'Ring 3', postalCode: '04109' })[0],
    ).toEqual({
      kind: 'postal',
      matchKey: 'baeckereikuehngmbh|ring3|04109',
    })
  })
})
