/**
 * The closed set of error codes the application can raise. Each code has a user-facing message key
 * (`errors.<code>` in the i18n catalogue); the HTTP status is decided in exactly one place
 * (`http/error-status.ts`).
 */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  /** the contact law does not allow this contact; details: { channel, blockers } */
  'contact_not_allowed',
  'import_rejected',
  'import_unreadable',
  'rate_limited',
  'payload_too_large',
  'busy',
  /** no language model is configured and switched on */
  'assistant_off',
  /** the configured language model did not answer usably; details: { reason } */
  'assistant_failed',
  'internal',
] as const

export type ErrorCode = (typeof errorCodes)[number]

export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: unknown

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}
