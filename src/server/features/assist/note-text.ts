import { createRequire } from 'node:module'
import { StemmerDe } from '@nlpjs/lang-de'
import { StemmerEn } from '@nlpjs/lang-en-min'

/**
 * A note as the reason classifier sees it: German or English, split into clauses, each word
 * lower-cased, stripped of accents and stemmed (Snowball German, Porter English, from nlp.js),
 * stop words dropped (stopwords-iso). A word after a negation in the same clause ("kein Interesse",
 * "nie Probleme", "not happy") becomes a feature of its own, marked `!`, so "kein Problem mit der
 * Lieferung" does not count for delivery.
 */

export type NoteLanguage = 'de' | 'en'

export interface NoteFeatures {
  language: NoteLanguage
  /** distinct features in the order they first appear */
  features: string[]
  /** the first word of the note behind each feature, to explain a suggestion */
  words: Map<string, string>
}

const NEGATIONS = new Set([
  'kein',
  'keine',
  'keinen',
  'keinem',
  'keiner',
  'keines',
  'nicht',
  'nie',
  'niemals',
  'ohne',
  'weder',
  'no',
  'not',
  'never',
  'without',
  'neither',
  'nor',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wasnt',
  'cant',
  'wont',
])
/** how many content words after a negation it covers */
const NEGATION_REACH = 3
/**
 * Praise negated is a complaint about what follows: in "nicht zufrieden mit der Qualität" the
 * negation ends at "zufrieden", and "Qualität" counts as it stands.
 */
const PRAISE = new Set([
  'zufrieden',
  'glucklich',
  'gut',
  'gute',
  'guten',
  'einverstanden',
  'begeistert',
  'happy',
  'satisfied',
  'pleased',
  'good',
  'great',
  'ok',
  'okay',
])
/** where a negation ends: punctuation, or a word that turns the sentence */
const CLAUSE_BREAK = /[.,;:!?()\n]+|\s(?:aber|sondern|jedoch|doch|nur|but|however|only)\s/i

// required, not imported: the built server keeps packages external, and a JSON import needs an attribute there
const stopwords = createRequire(import.meta.url)('stopwords-iso/stopwords-iso.json') as Record<
  string,
  string[]
>
const de = new Set<string>(stopwords.de)
const en = new Set<string>(stopwords.en)
// words that carry a reason in a sales note, although the generic lists call them stop words
for (const keep of ['teuer', 'billig', 'günstig', 'spät', 'neu', 'neue', 'neuer', 'lange', 'zeit', 'wechsel'])
  de.delete(keep)
for (const keep of ['late', 'new', 'price', 'cheap', 'long', 'changed', 'change']) en.delete(keep)

const stemDe = new StemmerDe()
const stemEn = new StemmerEn()

/** Lower case, "ß" as "ss", accents and umlauts stripped (as the stemmers expect), apostrophes dropped. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
}

function words(clause: string): string[] {
  return clause.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []
}

/** German unless the note uses clearly more English than German function words. */
export function detectLanguage(text: string): NoteLanguage {
  let german = 0
  let english = 0
  for (const w of words(text.toLowerCase())) {
    if (de.has(w)) german++
    if (en.has(w)) english++
  }
  return english > german ? 'en' : 'de'
}

function stem(word: string, language: NoteLanguage): string {
  const w = normalise(word)
  return language === 'de' ? stemDe.stemWord(w) : stemEn.stemWord(w)
}

export function noteFeatures(text: string): NoteFeatures {
  const language = detectLanguage(text)
  const stop = language === 'de' ? de : en
  const features: string[] = []
  const surface = new Map<string, string>()
  for (const clause of text.split(CLAUSE_BREAK)) {
    let negated = 0
    for (const raw of words(clause ?? '')) {
      const lower = raw.toLowerCase()
      const plain = normalise(raw)
      if (NEGATIONS.has(plain)) {
        negated = NEGATION_REACH
        continue
      }
      if (stop.has(lower) || /^\d+$/.test(plain) || plain.length < 2) continue
      const stemmed = stem(raw, language)
      const feature = negated > 0 ? `!${stemmed}` : stemmed
      if (negated > 0) negated = PRAISE.has(plain) ? 0 : negated - 1
      if (!surface.has(feature)) {
        surface.set(feature, feature.startsWith('!') ? `${language === 'de' ? 'nicht' : 'not'} ${raw}` : raw)
        features.push(feature)
      }
    }
  }
  return { language, features, words: surface }
}
