import { z } from 'zod'
import { serverTextSchema } from './server-text'

/** A background job as a page follows it: queued (waiting for other work), running, done or failed. */
export const jobSchema = z.object({
  id: z.string(),
  type: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  phase: z.string(),
  done: z.number(),
  total: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  /** the error as a key with parameters, for the reader's language */
  errorText: serverTextSchema.nullable(),
  ref: z.string().nullable(),
})

export type JobDto = z.infer<typeof jobSchema>
