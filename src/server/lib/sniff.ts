export const delimiters = [';', ',', '\t', '|'] as const
export type Delimiter = (typeof delimiters)[number]

/** Counts a character outside double-quoted sections of one line. */
function countOutsideQuotes(line: string, char: string): number {
  let count = 0
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '"') quoted = !quoted
    else if (c === char && !quoted) count++
  }
  return count
}

/**
 * Finds the delimiter of a CSV text from its first lines: the candidate that appears in the header
 * and splits the most following lines into the same number of fields. Semicolon wins ties (German Excel).
 */
export function sniffDelimiter(text: string): Delimiter {
  const lines = text
    .slice(0, 64 * 1024)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 30)
  const header = lines[0] ?? ''
  let best: Delimiter = ';'
  let bestScore = -1
  for (const d of delimiters) {
    const expected = countOutsideQuotes(header, d)
    if (expected === 0) continue
    let consistent = 0
    for (const line of lines.slice(1)) if (countOutsideQuotes(line, d) === expected) consistent++
    const score = consistent * 1000 + expected
    if (score > bestScore) {
      best = d
      bestScore = score
    }
  }
  return best
}

/** True for whitespace-aligned text without any delimiter (the CDNOW files). */
export function looksWhitespaceSeparated(text: string): boolean {
  const lines = text
    .slice(0, 16 * 1024)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20)
  if (lines.length === 0) return false
  return lines.every((l) => !/[;,\t|]/.test(l) && l.trim().split(/\s+/).length >= 3)
}
