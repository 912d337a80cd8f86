export { ConfigurationError } from './configuration-error.js'
export {
  defaultErrorBody,
  type ErrorBody,
  GENERIC_SERVER_ERROR_MESSAGE,
  publicMessage,
} from './error-body.js'
export { HttpError, type HttpErrorOptions, isHttpError } from './http-error.js'
export { PROBLEM_JSON, type ProblemDetails, problemDetails } from './problem-details.js'
export {
  BadRequest,
  Conflict,
  ContentTooLarge,
  Forbidden,
  Gone,
  InternalServerError,
  MethodNotAllowed,
  NotAcceptable,
  NotFound,
  NotImplemented,
  PreconditionFailed,
  RangeNotSatisfiable,
  RequestHeaderFieldsTooLarge,
  type RetryAfterOptions,
  ServiceUnavailable,
  TooManyRequests,
  Unauthorized,
  type UnauthorizedOptions,
  UnprocessableEntity,
  UnsupportedMediaType,
  UriTooLong,
  type ValidationDetail,
} from './status-errors.js'
export { UnsendableFieldError } from './unsendable-field-error.js'
