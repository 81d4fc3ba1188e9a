import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import {
  AppError,
  type ErrorCode,
  errorCodes,
  inEnglish,
  isAppError,
  type ServerText,
  say,
} from '../lib/errors'
import type { AppEnv } from './app-env'
import { errorStatus } from './error-status'

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      /** the message as a key of the catalogue's serverErrors with its parameters, for the reader's language */
      text: z.object({
        key: z.string(),
        params: z.record(z.string(), z.unknown()).optional(),
      }),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error')

export function errorBody(code: ErrorCode, text: ServerText, details?: unknown, message = inEnglish(text)) {
  return { error: { code, message, text, ...(details === undefined ? {} : { details }) } }
}

/** Maps any thrown error to the JSON error body; unknown errors are logged and hidden. */
export function handleError(error: Error, c: Context<AppEnv>) {
  if (isAppError(error))
    return c.json(errorBody(error.code, error.text, error.details, error.message), errorStatus(error.code))
  // Hono's own middleware (CSRF, body limit) signal with HTTPException
  if (error instanceof HTTPException) {
    const code: ErrorCode =
      error.status === 403 ? 'forbidden' : error.status === 413 ? 'validation_failed' : 'internal'
    const text =
      error.status === 403
        ? say('crossSite')
        : error.status === 413
          ? say('fileTooLarge')
          : say('internalError')
    return c.json(errorBody(code, text), error.status === 413 ? 413 : errorStatus(code))
  }
  // SQLite has one writer: a long import in another process (the CLI) holds it longer than a
  // request waits. That is a moment to retry, not a fault.
  if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY'))
    return c.json(errorBody('busy', say('dbBusy')), errorStatus('busy'))
  const logger = c.get('deps')?.logger
  logger?.error({ err: error, path: c.req.path }, 'unhandled error')
  return c.json(errorBody('internal', say('internalError')), 500)
}

/** Problems found in a request, as zod reports them. */
type RequestIssues = readonly { path: readonly PropertyKey[]; message: string }[]

/** A request's problems as our validation_failed error, naming every field. */
export function validationError(issues: RequestIssues): AppError {
  const details = issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
  const fields = [...new Set(details.map((d) => d.path || '–'))].join(', ')
  return new AppError('validation_failed', say('requestInvalid', { fields }), details)
}

/** zod-openapi validation failures as our validation_failed error. */
export function validationHook(
  result: { success: boolean; error?: { issues: RequestIssues } },
  c: Context<AppEnv>,
) {
  if (!result.success) {
    const error = validationError(result.error?.issues ?? [])
    return c.json(errorBody(error.code, error.text, error.details), errorStatus(error.code))
  }
}

/** Standard error responses for the OpenAPI document. */
export const errorResponses = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: errorBodySchema } } },
  401: { description: 'Not signed in', content: { 'application/json': { schema: errorBodySchema } } },
  403: {
    description: 'Not allowed for this role',
    content: { 'application/json': { schema: errorBodySchema } },
  },
} as const

export const notFoundResponse = {
  404: { description: 'Not found', content: { 'application/json': { schema: errorBodySchema } } },
} as const

export { AppError }
