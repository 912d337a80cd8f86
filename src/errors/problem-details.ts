import { publicMessage } from './error-body.js'
import type { HttpError } from './http-error.js'

/** The media type of RFC 9457 problem details. */
export const PROBLEM_JSON = 'application/problem+json'

/** An RFC 9457 problem details object, as RestMachine sends it. */
export interface ProblemDetails {
  /** A URI reference identifying the problem type; `about:blank` means "see the status" (§4.2.1). */
  type: string
  /** The reason phrase of the status (§3.1.3). */
  title: string
  /** The HTTP status (§3.1.2). */
  status: number
  /** What happened, when it may be shown (§3.1.4). */
  detail: string
  /** Field-level failures of a 422, as an extension member (§3.2). */
  errors?: readonly unknown[]
  /** The id under which a server error was logged (extension member). */
  request_id?: string
}

/**
 * Builds an RFC 9457 problem details body for an error; secret 5xx messages stay hidden.
 *
 * @example
 * problemDetails(new NotFound('No post 42'))
 * // { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No post 42' }
 */
export function problemDetails(error: HttpError, requestId?: string): ProblemDetails {
  const body: ProblemDetails = {
    type: 'about:blank',
    title: error.reason,
    status: error.status,
    detail: publicMessage(error),
  }
  if (error.details !== undefined && error.expose) body.errors = error.details
  if (requestId !== undefined) body.request_id = requestId
  return body
}
