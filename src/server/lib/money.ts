import { AppError, say } from './errors'

/**
 * Money is kept as integer cents (minor units) everywhere: parsed from text without going through
 * binary floating point, stored as 64-bit integers, summed as integers.
 */
export type Cents = number

export type DecimalSeparator = ',' | '.'

const CURRENCY_NOISE = /[\s\u00a0\u202f€$£]|EUR|USD|CHF|GBP/gi

/**
 * Parses a decimal amount as written in a CSV cell ("1.234,56", "-12,00 €", "1,234.56", "(12.50)"
 * for −12.50) into cents. Returns `undefined` for text that is not an amount, and for a fraction of a
 * cent ("12,345"): a file's amounts are never silently rounded. Trailing zeros are fine ("12,500").
 */
export function parseCents(text: string, decimal: DecimalSeparator): Cents | undefined {
  const fast = parsePlainCents(text, decimal)
  if (fast !== undefined) return fast
  let s = text.replace(CURRENCY_NOISE, '')
  if (s === '') return undefined
  let negative = false
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true
    s = s.slice(1, -1)
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative
    s = s.slice(1)
  } else if (s.endsWith('-')) {
    negative = !negative
    s = s.slice(0, -1)
  } else if (s.startsWith('+')) {
    s = s.slice(1)
  }
  const thousands = decimal === ',' ? '.' : ','
  const lastDecimal = s.lastIndexOf(decimal)
  let intPart = lastDecimal === -1 ? s : s.slice(0, lastDecimal)
  const fracPart = lastDecimal === -1 ? '' : s.slice(lastDecimal + 1)
  if (intPart.includes(thousands)) {
    // thousands separators must group exactly three digits: "1.234.567"
    if (!/^\d{1,3}([.,']\d{3})+$/.test(intPart)) return undefined
    intPart = intPart.replace(/[.,']/g, '')
  } else if (intPart.includes("'")) {
    if (!/^\d{1,3}('\d{3})+$/.test(intPart)) return undefined
    intPart = intPart.replace(/'/g, '')
  }
  if (intPart === '' && fracPart === '') return undefined
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart)) return undefined
  if (fracPart.length > 2 && !/^0+$/.test(fracPart.slice(2))) return undefined
  const whole = intPart === '' ? 0 : Number(intPart)
  const cents = whole * 100 + Number(`${fracPart}00`.slice(0, 2))
  if (!Number.isSafeInteger(cents)) return undefined
  return negative && cents !== 0 ? -cents : cents
}

/** Whether text is an amount but for digits beyond the cent ("12,345"): parseCents refuses it. */
export function hasFractionOfCent(text: string, decimal: DecimalSeparator): boolean {
  const s = text.replace(CURRENCY_NOISE, '')
  const i = s.lastIndexOf(decimal)
  if (i === -1) return false
  const digits = /^\d{3,}/.exec(s.slice(i + 1))?.[0]
  if (!digits || /^\d{2}0+$/.test(digits)) return false
  return parseCents(s.slice(0, i + 3) + s.slice(i + 1 + digits.length), decimal) !== undefined
}

/**
 * The common case without regular expressions: optional minus, digits with correctly grouped
 * thousands separators, up to two decimals ("-1.234,56"). Anything else returns undefined and goes
 * the general way.
 */
function parsePlainCents(text: string, decimal: DecimalSeparator): Cents | undefined {
  const thousands = decimal === ',' ? 46 /* . */ : 44 /* , */
  const decimalCode = decimal === ',' ? 44 : 46
  const n = text.length
  let i = 0
  let negative = false
  if (n > 0 && text.charCodeAt(0) === 45 /* - */) {
    negative = true
    i = 1
  }
  let whole = 0
  let digits = 0
  let groupDigits = -1
  for (; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48)
      digits++
      if (groupDigits >= 0) groupDigits++
    } else if (c === thousands) {
      if (digits === 0 || (groupDigits >= 0 ? groupDigits !== 3 : digits > 3)) return undefined
      groupDigits = 0
    } else break
  }
  if (digits === 0 || (groupDigits >= 0 && groupDigits !== 3)) return undefined
  let fraction = 0
  if (i < n) {
    if (text.charCodeAt(i) !== decimalCode || n - i - 1 < 1 || n - i - 1 > 2) return undefined
    for (let j = i + 1; j < n; j++) {
      const c = text.charCodeAt(j)
      if (c < 48 || c > 57) return undefined
      fraction = fraction * 10 + (c - 48)
    }
    if (n - i - 1 === 1) fraction *= 10
  }
  const cents = whole * 100 + fraction
  if (!Number.isSafeInteger(cents)) return undefined
  return negative && cents !== 0 ? -cents : cents
}

/**
 * Decides from sample values of one column whether it uses a decimal comma or a decimal point.
 * "12,50" or "1.234,56" mean comma; "12.50" or "1,234.56" mean point; ambiguous samples ("1.234")
 * fall back to the file's convention.
 */
export function detectDecimalSeparator(
  samples: readonly string[],
  fallback: DecimalSeparator,
): DecimalSeparator {
  let comma = 0
  let point = 0
  for (const raw of samples) {
    const s = raw.replace(CURRENCY_NOISE, '')
    const lastComma = s.lastIndexOf(',')
    const lastPoint = s.lastIndexOf('.')
    if (lastComma > lastPoint) {
      const digitsAfter = s.length - lastComma - 1
      if (lastPoint !== -1 || digitsAfter !== 3) comma++
    } else if (lastPoint > lastComma) {
      const digitsAfter = s.length - lastPoint - 1
      if (lastComma !== -1 || digitsAfter !== 3) point++
    }
  }
  if (comma === point) return fallback
  return comma > point ? ',' : '.'
}

/**
 * An amount in euros as a user typed it into a form ("1.234,50", "1234.50", "12"); German by default,
 * so "1.234" is a thousand euros. Refuses text that is not an amount, and negative amounts.
 */
export function parseEuros(field: string, text: string): Cents {
  const cents = parseCents(text, detectDecimalSeparator([text], ','))
  if (cents === undefined || cents < 0)
    throw new AppError('validation_failed', say('notAnAmount', { field, raw: text }))
  return cents
}

/** Cents back to a plain decimal string with a point ("1234.50"), for machine-readable output. */
export function centsToDecimal(cents: Cents): string {
  const negative = cents < 0
  const abs = Math.abs(cents)
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
  return negative ? `-${text}` : text
}

/** Scales an amount by a ratio and rounds half away from zero to whole cents. */
export function scaleCents(cents: Cents, ratio: number): Cents {
  const value = cents * ratio
  return value < 0 ? -Math.round(-value) : Math.round(value)
}
