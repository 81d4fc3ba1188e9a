import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import de from './de.json'
import en from './en.json'
import { createTranslator } from './index'

const serverDir = path.resolve(import.meta.dirname, '../../server')

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name)
    if (e.isDirectory()) return sources(file)
    return e.name.endsWith('.ts') && !e.name.includes('.test.') ? [file] : []
  })
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort()

/** Every message the server has for a person is a key with parameters, said in both languages. */
describe('server texts', () => {
  const files = sources(serverDir)

  it('are never English sentences in the code: every AppError says a key of serverErrors', () => {
    const literal = /new AppError\(\s*'[a-z_]+',\s*['"`]/
    const offenders = files.filter((f) => literal.test(fs.readFileSync(f, 'utf8')))
    expect(offenders.map((f) => path.relative(serverDir, f))).toEqual([])
  })

  it('exist in German and English, the German with no parameter the English lacks', () => {
    const used = new Set(
      files.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/\bsay\(\s*'(\w+)'/g)].map((m) => m[1]!)),
    )
    expect(used.size).toBeGreaterThan(80)
    const deTexts = de.serverErrors as Record<string, unknown>
    const enTexts = en.serverErrors as Record<string, unknown>
    for (const key of used) {
      expect(typeof deTexts[key], `de serverErrors.${key}`).toBe('string')
      expect(typeof enTexts[key], `en serverErrors.${key}`).toBe('string')
      // the German text uses only parameters the English one (what the code was written against) names
      const english = new Set(placeholders(enTexts[key] as string))
      expect(
        placeholders(deTexts[key] as string).filter((p) => !english.has(p)),
        key,
      ).toEqual([])
    }
  })

  it('name states and channels in the reader’s words', () => {
    const { t } = createTranslator('de')
    expect(t('serverErrors.importStatusAlready', { status: 'succeeded' })).toBe(
      'Dieser Import ist schon erledigt.',
    )
    expect(t('serverErrors.cancellationAlready', { outcome: 'withdrawn' })).toBe(
      'Diese Kündigung ist schon zurückgezogen.',
    )
    expect(t('serverErrors.contactNotAllowed', { channel: 'letter', blockers: 'objection' })).toContain(
      'Kontakt per Brief nicht erlaubt',
    )
    expect(createTranslator('en').t('serverErrors.notAnEmailStep', { step: 2 })).toBe(
      'step: step 2 is not an e-mail step',
    )
  })
})
