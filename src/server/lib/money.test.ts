import { describe, expect, it } from 'vitest'
import { centsToDecimal, detectDecimalSeparator, hasFractionOfCent, parseCents, scaleCents } from './money'

describe('parseCents', () => {
  it.each([
    ['1.234,56', ',', 123456],
    ['1234,56', ',', 123456],
    ['-12,00', ',', -1200],
    ['12,5', ',', 1250],
    ['0,01', ',', 1],
    ['1.234.567,89 €', ',', 123456789],
    ['EUR 99,90', ',', 9990],
    ['12,00-', ',', -1200],
    ['(12,50)', ',', -1250],
    ['1.234', ',', 123400],
    ['1,234.56', '.', 123456],
    ['1234.56', '.', 123456],
    ['-0.5', '.', -50],
    ['29.33', '.', 2933],
    ['1 234,56', ',', 123456],
    ["1'234.50", '.', 123450],
    ['12,500', ',', 1250],
    ['-12,3400', ',', -1234],
    ['+7,00', ',', 700],
    ['0', ',', 0],
    ['-0,00', ',', 0],
  ] as const)('%s with decimal %s is %i cents', (text, decimal, cents) => {
    expect(parseCents(text, decimal)).toBe(cents)
  })

  it.each([['abc'], [''], ['1,2,3'], ['1.2.3,4.5'], ['12.34.5'], ['€'], ['1.5']])(
    'rejects %j with decimal comma',
    (text) => {
      expect(parseCents(text, ',')).toBeUndefined()
      expect(hasFractionOfCent(text, ',')).toBe(false)
    },
  )

  it.each([
    ['12,345', ','],
    ['-12,344 €', ','],
    ['(1.234,567)', ','],
    ['0.125', '.'],
  ] as const)('refuses a fraction of a cent in %s, and says so', (text, decimal) => {
    expect(parseCents(text, decimal)).toBeUndefined()
    expect(hasFractionOfCent(text, decimal)).toBe(true)
  })

  it('never goes through floating point: 0.1 + 0.2 style values stay exact', () => {
    expect(parseCents('0,30', ',')).toBe(30)
    expect(parseCents('1099511627776,99', ',')).toBe(109951162777699)
  })
})

describe('detectDecimalSeparator', () => {
  it('recognises German and English columns, and falls back on ambiguous ones', () => {
    expect(detectDecimalSeparator(['12,50', '1.234,00'], '.')).toBe(',')
    expect(detectDecimalSeparator(['12.50', '1,234.00'], ',')).toBe('.')
    expect(detectDecimalSeparator(['1.234', '2.000'], ',')).toBe(',')
    expect(detectDecimalSeparator(['1.234', '2.000'], '.')).toBe('.')
    expect(detectDecimalSeparator(['100', '200'], ',')).toBe(',')
  })
})

describe('cents helpers', () => {
  it('formats and scales', () => {
    expect(centsToDecimal(123456)).toBe('1234.56')
    expect(centsToDecimal(-5)).toBe('-0.05')
    expect(scaleCents(1000, 1 / 3)).toBe(333)
    expect(scaleCents(-1005, 0.5)).toBe(-503)
  })
})
