import { HttpError, type HttpErrorOptions } from './http-error.js'

type Options = Omit<HttpErrorOptions, never>

/** 400: the request is malformed. @example throw new BadRequest('Invalid JSON') */
export class BadRequest extends HttpError {
  constructor(message?: string, options?: Options) {
    super(400, message, options)
  }
}

/** Options of {@link Unauthorized}. */
export interface UnauthorizedOptions extends Options {
  /**
   * The `WWW-Authenticate` challenge (RFC 9110 §11.6.1). Defaults to the application's scheme,
   * `Bearer` unless configured. Example: `'Bearer error="invalid_token"'` (RFC 6750 §3).
   */
  challenge?: string
}

/**
 * 401: credentials are missing or wrong. The response carries a `WWW-Authenticate` challenge
 * (RFC 9110 §15.5.2 requires one).
 *
 * @example
 * throw new Unauthorized('Token expired', { challenge: 'Bearer error="invalid_token"' })
 */
export class Unauthorized extends HttpError {
  /** The challenge to send, or `undefined` for the application's default. */
  readonly challenge: string | undefined
  constructor(message?: string, options: UnauthorizedOptions = {}) {
    super(401, message, options)
    this.challenge = options.challenge
  }
}

/** 403: the caller is known but may not do this. @example throw new Forbidden('Admin access required') */
export class Forbidden extends HttpError {
  constructor(message?: string, options?: Options) {
    super(403, message, options)
  }
}

/** 404: no such resource. @example throw new NotFound('No post 42') */
export class NotFound extends HttpError {
  constructor(message?: string, options?: Options) {
    super(404, message, options)
  }
}

/**
 * 405: the resource exists but not for this method; carries the `Allow` list (RFC 9110 §15.5.6).
 *
 * @example
 * throw new MethodNotAllowed(['GET', 'HEAD', 'OPTIONS'])
 */
export class MethodNotAllowed extends HttpError {
  /** The methods the target resource supports. */
  readonly allow: readonly string[]
  constructor(allow: readonly string[], message?: string, options: Options = {}) {
    super(405, message, { ...options, headers: { ...options.headers, allow: allow.join(', ') } })
    this.allow = allow
  }
}

/** 406: no acceptable representation. @example throw new NotAcceptable() */
export class NotAcceptable extends HttpError {
  constructor(message?: string, options?: Options) {
    super(406, message, options)
  }
}

/** 409: conflicts with the resource's current state. @example throw new Conflict('Email already used') */
export class Conflict extends HttpError {
  constructor(message?: string, options?: Options) {
    super(409, message, options)
  }
}

/** 410: the resource existed and is gone for good. @example throw new Gone() */
export class Gone extends HttpError {
  constructor(message?: string, options?: Options) {
    super(410, message, options)
  }
}

/** 412: a precondition (If-Match, If-Unmodified-Since…) failed. @example throw new PreconditionFailed() */
export class PreconditionFailed extends HttpError {
  constructor(message?: string, options?: Options) {
    super(412, message, options)
  }
}

/** 413: the request content is larger than allowed (RFC 9110 §15.5.14). @example throw new ContentTooLarge() */
export class ContentTooLarge extends HttpError {
  constructor(message?: string, options?: Options) {
    super(413, message, options)
  }
}

/** 414: the target URI is longer than the server accepts. @example throw new UriTooLong() */
export class UriTooLong extends HttpError {
  constructor(message?: string, options?: Options) {
    super(414, message, options)
  }
}

/** 415: the content's media type (or coding) is not supported. @example throw new UnsupportedMediaType() */
export class UnsupportedMediaType extends HttpError {
  constructor(message?: string, options?: Options) {
    super(415, message, options)
  }
}

/** 416: no requested range can be satisfied. @example throw new RangeNotSatisfiable() */
export class RangeNotSatisfiable extends HttpError {
  constructor(message?: string, options?: Options) {
    super(416, message, options)
  }
}

/** One field-level validation failure, as reported in a 422 body. */
export interface ValidationDetail {
  /** Path to the failing value, e.g. `['address', 'zip']`; `[]` for the whole input. */
  loc: (string | number)[]
  /** Human-readable message. */
  msg: string
  /** A machine-readable code, e.g. `'invalid_type'`. */
  type: string
}

/**
 * 422: the content is well-formed but invalid. `details` lists each failing field.
 *
 * @example
 * throw new UnprocessableEntity('Validation failed', [{ loc: ['email'], msg: 'Invalid email', type: 'invalid_format' }])
 */
export class UnprocessableEntity extends HttpError {
  declare readonly details: readonly ValidationDetail[]
  constructor(message = 'Validation failed', details: readonly ValidationDetail[] = [], options?: Options) {
    super(422, message, { ...options, details })
  }
}

/** Options carrying a `Retry-After` delay in seconds. */
export interface RetryAfterOptions extends Options {
  /** Seconds until the client may retry; sent as `Retry-After` (RFC 9110 §10.2.3). */
  retryAfter?: number
}

function withRetryAfter(options: RetryAfterOptions): Options {
  if (options.retryAfter === undefined) return options
  const seconds = String(Math.max(0, Math.ceil(options.retryAfter)))
  return { ...options, headers: { ...options.headers, 'retry-after': seconds } }
}

/** 429: rate limit exceeded. @example throw new TooManyRequests('Slow down', { retryAfter: 60 }) */
export class TooManyRequests extends HttpError {
  constructor(message?: string, options: RetryAfterOptions = {}) {
    super(429, message, withRetryAfter(options))
  }
}

/** 431: header fields too large. @example throw new RequestHeaderFieldsTooLarge() */
export class RequestHeaderFieldsTooLarge extends HttpError {
  constructor(message?: string, options?: Options) {
    super(431, message, options)
  }
}

/** 500: a generic server failure; its message is never shown to clients. @example throw new InternalServerError() */
export class InternalServerError extends HttpError {
  constructor(message?: string, options?: Options) {
    super(500, message, options)
  }
}

/**
 * 501: the method is not implemented by this server. Its message is shown to the client (it says
 * what is missing, not what failed) unless `expose: false`. @example throw new NotImplemented()
 */
export class NotImplemented extends HttpError {
  constructor(message?: string, options: Options = {}) {
    super(501, message, { expose: true, ...options })
  }
}

/** 503: temporarily unable to serve. @example throw new ServiceUnavailable('Maintenance', { retryAfter: 120 }) */
export class ServiceUnavailable extends HttpError {
  constructor(message?: string, options: RetryAfterOptions = {}) {
    super(503, message, { expose: true, ...withRetryAfter(options) })
  }
}
