import { describe, expect, it } from 'vitest'
import { toCsv } from './csv'

describe('toCsv', () => {
  it('defuses formulas but keeps numbers and phone numbers', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['=HYPERLINK("http://x")', '-12,50'],
        ['+49 171 2345678', '@SUM(A1)'],
        ['-cmd|calc', '+A1'],
        ['Müller; Söhne', 12.5],
      ],
      ';',
    )
    expect(csv.split('\r\n')).toEqual([
      '\ufeffa;b',
      `"'=HYPERLINK(""http://x"")";-12,50`,
      `+49 171 2345678;"'@SUM(A1)"`,
      `"'-cmd|calc";"'+A1"`,
      '"Müller; Söhne";12.5',
      '',
    ])
  })
})
