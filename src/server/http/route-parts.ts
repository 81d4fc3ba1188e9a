import { z } from '@hono/zod-openapi'

/** The pieces most route declarations share: an id in the path, a JSON body, a JSON answer. */
export const idParams = z.object({ id: z.coerce.number().int().positive() })

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
})

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})
