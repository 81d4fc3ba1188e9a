import { z } from 'zod'
import { callOutcomes } from '../worklist'

export const noteAnalysisInputSchema = z.object({
  note: z.string().max(4000),
})

export const reasonSuggestionSchema = z.object({
  reasonId: z.number().int(),
  /** 0..1 among the reasons learned */
  confidence: z.number(),
  /** the note's words that speak most for it */
  words: z.array(z.string()),
})

/** ready: suggestions; untrained: too few confirmed notes yet; no_words: nothing in the note it knows */
export const reasonSuggestionStates = ['ready', 'untrained', 'no_words'] as const

export const noteAnalysisSchema = z.object({
  language: z.enum(['de', 'en']),
  reasons: z.object({
    state: z.enum(reasonSuggestionStates),
    suggestions: z.array(reasonSuggestionSchema),
    /** confirmed notes the assistant has, and how many it needs to suggest */
    confirmedNotes: z.number().int(),
    needed: z.number().int(),
  }),
  followup: z
    .object({
      dueOn: z.string(),
      dueTime: z.string().nullable(),
      text: z.string(),
      movedFromWeekend: z.boolean(),
    })
    .nullable(),
  outcome: z.object({ outcome: z.enum(callOutcomes), text: z.string() }).nullable(),
  offer: z.object({ offer: z.string(), value: z.string().nullable() }).nullable(),
  competitor: z.object({ name: z.string(), known: z.boolean() }).nullable(),
})
export type NoteAnalysis = z.infer<typeof noteAnalysisSchema>

export const reasonModelStatusSchema = z.object({
  /** ready: a model suggests; untrained: too few confirmed notes (or reasons) yet */
  state: z.enum(['ready', 'untrained']),
  trainedAt: z.string().nullable(),
  confirmedNotes: z.number().int(),
  needed: z.number().int(),
  /** confirmed notes recorded since the last training */
  newSinceTraining: z.number().int(),
  reasons: z.array(z.object({ reasonId: z.number().int(), notes: z.number().int() })),
  accuracy: z.object({ notes: z.number().int(), top1: z.number(), top3: z.number() }).nullable(),
})
export type ReasonModelStatus = z.infer<typeof reasonModelStatusSchema>

export const assistSettingsInputSchema = z.object({
  /** names the note reader recognises as competitors */
  competitors: z.array(z.string().trim().min(1).max(100)).max(200),
  llm: z.object({
    enabled: z.boolean(),
    /** an OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 (Ollama) */
    baseUrl: z.string().trim().max(500),
    model: z.string().trim().max(200),
    /** set when given; an empty string removes the stored one */
    apiKey: z.string().max(500).optional(),
    /** how the company writes: given to the model with every draft */
    tone: z.string().trim().max(1000),
  }),
})
export type AssistSettingsInput = z.infer<typeof assistSettingsInputSchema>

export const assistSettingsSchema = assistSettingsInputSchema.extend({
  llm: assistSettingsInputSchema.shape.llm.omit({ apiKey: true }).extend({ apiKeySet: z.boolean() }),
})
export type AssistSettingsDto = z.infer<typeof assistSettingsSchema>

export const llmPurposes = ['summary', 'draft', 'next_step'] as const
export type LlmPurpose = (typeof llmPurposes)[number]

export const llmInputSchema = z.object({
  purpose: z.enum(llmPurposes),
  /** the call note to summarise or to take the next step from (not needed for a draft) */
  note: z.string().max(4000).default(''),
  /** draft: a letter or an e-mail */
  channel: z.enum(['letter', 'email']).default('letter'),
})
export type LlmInput = z.infer<typeof llmInputSchema>

export const llmResultSchema = z.object({
  text: z.string(),
  model: z.string(),
  requestId: z.number().int(),
})
