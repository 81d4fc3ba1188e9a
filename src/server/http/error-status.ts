import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorCode } from '../lib/errors'

/** The one place where an error code becomes an HTTP status. */
export function errorStatus(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case 'validation_failed':
      return 400
    case 'import_rejected':
      return 422
    case 'import_unreadable':
      return 422
    case 'unauthenticated':
      return 401
    case 'invalid_credentials':
      return 401
    case 'forbidden':
      return 403
    case 'not_found':
      return 404
    case 'conflict':
      return 409
    case 'contact_not_allowed':
      return 409
    case 'rate_limited':
      return 429
    case 'payload_too_large':
      return 413
    case 'busy':
      return 503
    case 'assistant_off':
      return 409
    case 'assistant_failed':
      return 502
    case 'internal':
      return 500
    default: {
      const unreachable: never = code
      return unreachable
    }
  }
}
