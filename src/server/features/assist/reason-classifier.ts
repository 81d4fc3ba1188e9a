import { type NoteFeatures, normalise, noteFeatures } from './note-text'

/**
 * Which churn reason a note speaks of, learned from the company's own confirmed notes: a
 * multinomial naive Bayes over the note's features, each counted once per note (binarised, which
 * suits notes of a sentence or two), with add-one smoothing. Naive Bayes because every suggestion
 * must say why: a word's weight for a reason is a plain log-ratio of how often it appears in that
 * reason's notes and in the others'. Pure; trained as a job (train-reason-model.ts).
 */

/** A confirmed note: its text and every reason confirmed for it. */
export interface LabelledNote {
  text: string
  reasonIds: number[]
}

export interface ReasonModel {
  /** reasons with enough examples to be learned, and how many notes each had */
  labels: { reasonId: number; notes: number }[]
  vocabulary: string[]
  /** per label, per vocabulary entry: in how many of the label's notes the feature appears */
  counts: number[][]
  /** per vocabulary entry: in how many notes it appears (for its weight) */
  documentFrequency: number[]
  notes: number
  /**
   * Naive Bayes is overconfident (it counts related words as independent evidence): its scores are
   * divided by this temperature, fitted on held-out notes, so "80 %" is right about 80 % of the time.
   */
  temperature: number
}

export interface ReasonSuggestion {
  reasonId: number
  /** the posterior probability among the learned reasons, 0..1 */
  confidence: number
  /** the note's words that speak most for this reason, strongest first */
  words: string[]
}

/** Fewer confirmed notes than this, and the assistant says so instead of guessing. */
export const MIN_TRAINING_NOTES = 30
/** A reason is learned from this many confirmed notes on. */
export const MIN_NOTES_PER_REASON = 3
/**
 * A feature must appear in this many different notes to be learned: one-off words (a name, a
 * typo, an order number) are noise, and a name should not live on in the model.
 */
export const MIN_NOTES_PER_FEATURE = 2
/** Lidstone smoothing of the weighted counts */
const SMOOTHING = 0.5

/** Trains on the notes given; null when there are too few (or too few reasons) to learn from. */
export function trainReasonModel(notes: readonly LabelledNote[]): ReasonModel | null {
  const featured = notes
    .filter((n) => n.reasonIds.length > 0)
    .map((n) => ({ features: noteFeatures(n.text).features, reasonIds: [...new Set(n.reasonIds)] }))
    .filter((n) => n.features.length > 0)
  if (featured.length < MIN_TRAINING_NOTES) return null
  const perReason = new Map<number, number>()
  for (const n of featured) for (const r of n.reasonIds) perReason.set(r, (perReason.get(r) ?? 0) + 1)
  const labels = [...perReason]
    .filter(([, count]) => count >= MIN_NOTES_PER_REASON)
    .sort((a, b) => a[0] - b[0])
    .map(([reasonId, count]) => ({ reasonId, notes: count }))
  if (labels.length < 2) return null
  const documentFrequency = new Map<string, number>()
  for (const n of featured)
    for (const f of n.features) documentFrequency.set(f, (documentFrequency.get(f) ?? 0) + 1)
  const vocabulary = [...documentFrequency]
    .filter(([, df]) => df >= MIN_NOTES_PER_FEATURE)
    .map(([f]) => f)
    .sort()
  const index = new Map(vocabulary.map((f, i) => [f, i]))
  const labelIndex = new Map(labels.map((l, i) => [l.reasonId, i]))
  const counts = labels.map(() => new Array<number>(vocabulary.length).fill(0))
  for (const n of featured)
    for (const r of n.reasonIds) {
      const row = counts[labelIndex.get(r) ?? -1]
      if (!row) continue
      for (const f of n.features) {
        const i = index.get(f)
        if (i !== undefined) row[i]!++
      }
    }
  return {
    labels,
    vocabulary,
    counts,
    documentFrequency: vocabulary.map((f) => documentFrequency.get(f) ?? 0),
    notes: featured.length,
    temperature: 1,
  }
}

/**
 * A feature's weight: its inverse document frequency. Words in every other note ("Rückruf",
 * "Angebot besprochen") say little about the reason and weigh little; the words customers use for
 * their reason are rarer and weigh more (a weighted naive Bayes, as in Rennie et al. 2003).
 */
function weightsOf(model: ReasonModel): number[] {
  return model.documentFrequency.map((df) => Math.log((model.notes + 1) / df))
}

/** Log P(feature | reason) for every feature and reason from the weighted counts, smoothed; and the log priors. */
function logTables(model: ReasonModel) {
  const v = model.vocabulary.length
  const weights = weightsOf(model)
  const total = model.labels.reduce((s, l) => s + l.notes, 0)
  return model.labels.map((label, li) => {
    const row = model.counts[li]!.map((c, i) => c * weights[i]!)
    const sum = row.reduce((s, c) => s + c, 0)
    return {
      prior: Math.log(label.notes / total),
      logLikelihood: (i: number) => Math.log((row[i]! + SMOOTHING) / (sum + SMOOTHING * v)),
    }
  })
}

/** Below this confidence a reason after the first is not worth a rep's attention. */
export const MIN_CONFIDENCE = 0.05

/** The log posterior of every learned reason (up to a constant), and the note's known features. */
function scoreReasons(model: ReasonModel, features: NoteFeatures) {
  const index = new Map(model.vocabulary.map((f, i) => [f, i]))
  const known = features.features
    .map((f) => [f, index.get(f)] as const)
    .filter((x): x is readonly [string, number] => x[1] !== undefined)
  const tables = logTables(model)
  const weights = weightsOf(model)
  const scores = tables.map((t) => known.reduce((s, [, i]) => s + weights[i]! * t.logLikelihood(i), t.prior))
  return { known, tables, scores }
}

/** Scores as probabilities at a temperature. */
function softmax(scores: readonly number[], temperature: number): number[] {
  const max = Math.max(...scores)
  const exp = scores.map((s) => Math.exp((s - max) / temperature))
  const z = exp.reduce((s, e) => s + e, 0)
  return exp.map((e) => e / z)
}

/**
 * The reasons the note most likely speaks of, best first (at most `top`; after the first only those
 * of at least 5 %); empty when none of its words was ever seen in a confirmed note.
 */
export function suggestReasons(model: ReasonModel, note: string | NoteFeatures, top = 3): ReasonSuggestion[] {
  const features = typeof note === 'string' ? noteFeatures(note) : note
  const { known, tables, scores } = scoreReasons(model, features)
  if (known.length === 0) return []
  const probabilities = softmax(scores, model.temperature)
  return model.labels
    .map((label, li) => ({ li, reasonId: label.reasonId, confidence: probabilities[li]! }))
    .sort((a, b) => b.confidence - a.confidence || a.reasonId - b.reasonId)
    .filter((s, rank) => rank === 0 || s.confidence >= MIN_CONFIDENCE)
    .slice(0, top)
    .map(({ li, reasonId, confidence }) => {
      // a word speaks for the reason by how much likelier it is there than in the other reasons
      const weight = (i: number) => {
        const others = tables.filter((_, j) => j !== li)
        const elsewhere =
          others.reduce((s, t) => s + Math.exp(t.logLikelihood(i)), 0) / Math.max(1, others.length)
        return tables[li]!.logLikelihood(i) - Math.log(elsewhere)
      }
      const words = known
        .map(([f, i]) => ({ word: features.words.get(f) ?? f, weight: weight(i) }))
        .filter((w) => w.weight > 0)
        .sort((a, b) => b.weight - a.weight)
        .slice(0, 3)
        .map((w) => w.word)
      return { reasonId, confidence, words }
    })
}

export interface HeldOutAccuracy {
  /** held-out notes with a learned reason */
  notes: number
  top1: number
  top3: number
}

const FOLDS = 5

/** The fold a note is held out in, by its text: a text seen in training is never tested. */
export function foldOf(text: string): number {
  let h = 2166136261
  for (const ch of normalise(text).replace(/\s+/g, ' ').trim()) {
    h ^= ch.codePointAt(0)!
    h = Math.imul(h, 16777619)
  }
  return (h >>> 0) % FOLDS
}

/** The temperatures tried when calibrating. */
const TEMPERATURES = [1, 1.5, 2, 3, 4, 6, 8, 12, 16]

/**
 * Five-fold cross-validation: each fifth of the notes (split by text) is held out once while the
 * model learns from the rest. A held-out note counts as a hit when its (or one of its) confirmed
 * reasons is the first suggestion, or among the first three. The same held-out notes fit the
 * temperature that makes the confidences honest (least log loss). Null when too little is left.
 */
export function crossValidate(
  notes: readonly LabelledNote[],
): { accuracy: HeldOutAccuracy; temperature: number } | null {
  const held: { scores: number[]; truth: boolean[] }[] = []
  let top1 = 0
  let top3 = 0
  const folds = notes.map((n) => foldOf(n.text))
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = trainReasonModel(notes.filter((_, i) => folds[i] !== fold))
    if (!model) continue
    const learned = new Set(model.labels.map((l) => l.reasonId))
    for (const [i, n] of notes.entries()) {
      if (folds[i] !== fold || !n.reasonIds.some((r) => learned.has(r))) continue
      const suggested = suggestReasons(model, n.text, 3).map((s) => s.reasonId)
      if (suggested.length > 0 && n.reasonIds.includes(suggested[0]!)) top1++
      if (suggested.some((r) => n.reasonIds.includes(r))) top3++
      const { known, scores } = scoreReasons(model, noteFeatures(n.text))
      held.push({
        scores: known.length > 0 ? scores : [],
        truth: model.labels.map((l) => n.reasonIds.includes(l.reasonId)),
      })
    }
  }
  if (held.length < 10) return null
  const logLoss = (temperature: number) =>
    held.reduce((sum, h) => {
      if (h.scores.length === 0) return sum
      const p = softmax(h.scores, temperature).reduce((s, q, j) => s + (h.truth[j] ? q : 0), 0)
      return sum - Math.log(Math.max(p, 1e-12))
    }, 0)
  const temperature = TEMPERATURES.reduce((best, t) => (logLoss(t) < logLoss(best) ? t : best), 1)
  return { accuracy: { notes: held.length, top1: top1 / held.length, top3: top3 / held.length }, temperature }
}
