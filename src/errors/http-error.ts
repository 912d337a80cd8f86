import { reasonPhrase } from '../http/index.js'

/** Extra data an {@link HttpError} may carry. */
export interface HttpErrorOptions {
  /** A stable machine-readable code, e.g. `'invalid_token'`. Defaults to a snake_case reason phrase. */
  code?: string
  /** Whether `message` may reach the client. Defaults to `true` below 500 and `false` from 500 on. */
  expose?: boolean
  /** Response header fields to send with the error response (e.g. `Retry-After`). */
  headers?: Record<string, string | readonly string[]>
  /** The underlying error, kept for logs; never sent to the client. */
  cause?: unknown
  /** Structured details for the error body (e.g. validation failures). */
  details?: readonly unknown[]
}

/**
 * An error that carries an HTTP status. Throw it from any dependency, hook or handler and the
 * decision machine answers with that status; everything else thrown becomes a generic 500.
 *
 * @example
 * throw new HttpError(409, 'This title is taken', { code: 'title_taken' })
 */
export class HttpError extends Error {
  /** The HTTP status code (400–599). */
  readonly status: number
  /** A stable machine-readable code. */
  readonly code: string
  /** Whether `message` may be shown to the client. */
  readonly expose: boolean
  /** Header fields for the error response. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>
  /** Structured details for the error body. */
  readonly details: readonly unknown[] | undefined

  constructor(status: number, message?: string, options: HttpErrorOptions = {}) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`HttpError status must be an integer from 400 to 599, got ${status}`)
    }
    super(message ?? reasonPhrase(status), options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.status = status
    this.code = options.code ?? toCode(reasonPhrase(status))
    this.expose = options.expose ?? status < 500
    this.headers = options.headers ?? {}
    this.details = options.details
  }

  /** The reason phrase of this error's status (RFC 9110 §15), e.g. `'Not Found'`. */
  get reason(): string {
    return reasonPhrase(this.status)
  }
}

const codes = new Map<string, string>()

function toCode(phrase: string): string {
  let code = codes.get(phrase)
  if (code === undefined) {
    code = phrase.toLowerCase().replace(/[^a-z0-9]+/g, '_')
    if (codes.size < 1000) codes.set(phrase, code)
  }
  return code
}

/**
 * Whether a thrown value is an {@link HttpError} (also across copies of the library).
 *
 * @example
 * if (isHttpError(error) && error.status === 404) …
 */
export function isHttpError(value: unknown): value is HttpError {
  return (
    value instanceof HttpError ||
    (value instanceof Error &&
      typeof (value as { status?: unknown }).status === 'number' &&
      typeof (value as { expose?: unknown }).expose === 'boolean' &&
      typeof (value as { code?: unknown }).code === 'string')
  )
}
