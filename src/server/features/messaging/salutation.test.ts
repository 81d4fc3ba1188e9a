import { describe, expect, it } from 'vitest'
import { greeting, parseSalutation } from './salutation'

const person = (salutation: string | null, firstName: string | null, lastName: string | null) => ({
  salutation,
  firstName,
  lastName,
})

describe('greeting', () => {
  it('writes the German formal salutation with gender and academic titles', () => {
    expect(greeting(person('Frau Dr.', 'Anna', 'Müller'), 'de')).toBe('Sehr geehrte Frau Dr. Müller,')
    expect(greeting(person('Herr', 'Jan', 'Schulz'), 'de')).toBe('Sehr geehrter Herr Schulz,')
    expect(greeting(person('Herr Prof. Dr.', 'Jan', 'Schulz'), 'de')).toBe(
      'Sehr geehrter Herr Prof. Dr. Schulz,',
    )
    expect(greeting(person('frau', null, 'Öztürk'), 'de')).toBe('Sehr geehrte Frau Öztürk,')
    expect(greeting(person('Herrn Dr', null, 'Wójcik'), 'de')).toBe('Sehr geehrter Herr Dr. Wójcik,')
  })

  it('greets a name without a known gender neutrally, and nobody by name as "Damen und Herren"', () => {
    expect(greeting(person(null, 'Alex', 'Weber'), 'de')).toBe('Guten Tag Alex Weber,')
    expect(greeting(person('Divers', 'Alex', 'Weber'), 'de')).toBe('Guten Tag Alex Weber,')
    expect(greeting(person('Firma', null, null), 'de')).toBe('Sehr geehrte Damen und Herren,')
    expect(greeting(person(null, 'Anna', null), 'de')).toBe('Sehr geehrte Damen und Herren,')
  })

  it('is informal on request, when there is a first name', () => {
    expect(greeting(person('Frau', 'Anna', 'Müller'), 'de', true)).toBe('Hallo Anna,')
    expect(greeting(person('Frau', null, 'Müller'), 'de', true)).toBe('Sehr geehrte Frau Müller,')
    expect(greeting(person('Mr', 'John', 'Smith'), 'en', true)).toBe('Hi John,')
  })

  it('writes English business salutations', () => {
    expect(greeting(person('Frau Dr.', 'Anna', 'Müller'), 'en')).toBe('Dear Dr Müller,')
    expect(greeting(person('Herr Prof. Dr.', 'Jan', 'Schulz'), 'en')).toBe('Dear Professor Schulz,')
    expect(greeting(person('Mrs', 'Jane', 'Doe'), 'en')).toBe('Dear Ms Doe,')
    expect(greeting(person('Herr', 'Jan', 'Schulz'), 'en')).toBe('Dear Mr Schulz,')
    expect(greeting(person(null, 'Alex', 'Weber'), 'en')).toBe('Dear Alex Weber,')
    expect(greeting(person(null, null, null), 'en')).toBe('Dear Sir or Madam,')
  })

  it('reads gender and titles from what imports hold', () => {
    expect(parseSalutation('Frau Dr. med.')).toEqual({ gender: 'female', titles: ['Dr.', 'med.'] })
    expect(parseSalutation('  ')).toEqual({ gender: null, titles: [] })
  })
})
