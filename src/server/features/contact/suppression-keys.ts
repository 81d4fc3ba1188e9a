import { createHash } from 'node:crypto'

/** The contact data of a person, as far as it is known. */
export interface PersonContact {
  email?: string | null
  phone?: string | null
  companyName?: string | null
  firstName?: string | null
  lastName?: string | null
  street?: string | null
  postalCode?: string | null
}

export interface SuppressionKey {
  kind: 'email' | 'phone' | 'postal'
  matchKey: string
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** Digits in international form without "+": "0171 234-56", "+49 171 23456" and "0049 17123456" agree (Germany by default). */
export function normalisePhone(phone: string, countryCode = '49'): string {
  const trimmed = phone.trim()
  let digits = trimmed.replace(/\D/g, '')
  if (trimmed.startsWith('+')) return digits
  if (digits.startsWith('00')) return digits.slice(2)
  if (digits.startsWith('0')) digits = countryCode + digits.slice(1)
  return digits
}

/** Lower case, umlauts and accents folded, "str." as "strasse", only letters and digits. */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/str\.(?=\s|\d|$)/g, 'strasse')
    .replace(/[^a-z0-9]/g, '')
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/**
 * The keys under which a person is kept on the suppression list: SHA-256 of the normalised e-mail and
 * phone number (the list must not keep them readable), and "name|street|postal code" normalised for
 * letters (a letter can only be stopped by recognising the address).
 */
export function suppressionKeys(person: PersonContact): SuppressionKey[] {
  const keys: SuppressionKey[] = []
  if (person.email?.trim()) keys.push({ kind: 'email', matchKey: sha256(normaliseEmail(person.email)) })
  const phone = person.phone ? normalisePhone(person.phone) : ''
  if (phone.length >= 6) keys.push({ kind: 'phone', matchKey: sha256(phone) })
  const name = normaliseText(
    person.companyName?.trim() ? person.companyName : `${person.firstName ?? ''}${person.lastName ?? ''}`,
  )
  const street = normaliseText(person.street ?? '')
  const postal = normaliseText(person.postalCode ?? '')
  if (name && street && postal) keys.push({ kind: 'postal', matchKey: `${name}|${street}|${postal}` })
  return keys
}
