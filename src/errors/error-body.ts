import type { HttpError } from './http-error.js'

/** The JSON body RestMachine sends for an error when no error handler replaces it. */
export interface ErrorBody {
  /** The status's reason phrase, e.g. `"Not Found"`. */
  error: string
  /** What went wrong, when it may be shown; a generic sentence otherwise. */
  message: string
  /** Field-level details (422). */
  details?: readonly unknown[]
  /** The id under which a server error was logged. */
  request_id?: string
}

/** The message clients see for errors whose own message must stay private (5xx by default). */
export const GENERIC_SERVER_ERROR_MESSAGE = 'An unexpected error occurred'

/**
 * The message of an error as a client may see it: its own when `expose` is set, a generic one otherwise.
 *
 * @example
 * publicMessage(new NotFound('No post 42')) // 'No post 42'
 */
export function publicMessage(error: HttpError): string {
  if (error.expose) return error.message
  return error.status >= 500 ? GENERIC_SERVER_ERROR_MESSAGE : error.reason
}

/**
 * Builds the default error body `{"error": <reason>, "message": <message>}` (plus `details` for 422
 * and `request_id` for logged server errors).
 *
 * @example
 * defaultErrorBody(new Forbidden('Admin access required'))
 * // { error: 'Forbidden', message: 'Admin access required' }
 */
export function defaultErrorBody(error: HttpError, requestId?: string): ErrorBody {
  const body: ErrorBody = { error: error.reason, message: publicMessage(error) }
  if (error.details !== undefined && error.expose) body.details = error.details
  if (requestId !== undefined) body.request_id = requestId
  return body
}
