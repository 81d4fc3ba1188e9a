import { escapeRegExp } from './note-facts'

/**
 * Takes out of a note what identifies or reaches the person before it leaves the machine: e-mail
 * addresses, phone numbers, IBANs, street addresses, postcodes with their town, and the customer's
 * own names and number (each replaced by a marker that keeps the sentence readable).
 */
export function redactPersonalData(text: string, names: readonly (string | null)[]): string {
  let out = text
    .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu, '[E-Mail]')
    .replace(/\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,4})?\b/g, '[IBAN]')
    .replace(/(?<![\p{L}\d])(?:\+|00)?\d[\d\s/().-]{5,}\d(?![\p{L}\d])/gu, (m) =>
      m.replace(/\D/g, '').length >= 7 ? '[Telefon]' : m,
    )
    .replace(
      /\b[\p{Lu}][\p{L}-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee)\s+\d+\s?[a-z]?\b/gu,
      '[Adresse]',
    )
    .replace(/\b\d{5}\s+[\p{Lu}][\p{L}-]+(?:\s+(?:am|an der|im|bei)\s+[\p{Lu}][\p{L}-]+)?/gu, '[Ort]')
  const parts = names
    .flatMap((n) => (n ?? '').split(/\s+/))
    .map((p) => p.replace(/[.,;:]+$/, ''))
    .filter((p) => p.length >= 3 && !/^(?:gmbh|ag|kg|ohg|ug|e\.?k\.?|co|und|and|the|der|die|das)$/i.test(p))
  for (const part of [...new Set(parts)].sort((a, b) => b.length - a.length))
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(part)}(?![\\p{L}\\p{N}])`, 'giu'),
      '[Kunde]',
    )
  return out
}
