export type { ApiOf, ResponseSpec, RouteDeclaration, RouteHints, RouteSpec, SpecOf } from './api-types.js'
export {
  DEFAULT_BODY_LIMIT,
  DEFAULT_MAX_URI_LENGTH,
  type Logger,
  type RestApplicationOptions,
  type StructuredChildOptions,
  type StructuredLogger,
} from './application-options.js'
export {
  type CompressionOptions,
  DEFAULT_COMPRESSION_THRESHOLD,
  DEFAULT_ENCODINGS,
} from './compression-options.js'
export type {
  BuiltInContext,
  DependencyContext,
  HandlerContext,
  MaybePromise,
  NoContext,
  StartupValues,
  WithValue,
} from './context-types.js'
export type { DefaultHeadersOption, HeaderFields } from './default-headers.js'
export type { ErrorRenderer } from './error-renderers.js'
export { type MeasuredApp, metricsEndpoint } from './metrics-endpoint.js'
export { concat, readLimited } from './read-body.js'
export type { DependencyOptions, ValidatesOptions } from './registration-types.js'
export type { ErrorHandler, ErrorInfo, RouteOptions } from './registrations.js'
export { DEFAULT_REDACT_PATHS } from './request-logging.js'
export { RestApplication } from './rest-application.js'
export { type GroupOptions, RouteGroup, Routes } from './routes.js'
export { type FetchConnectionInfo, fromWebRequest, handleFetch, toWebResponse } from './web-fetch.js'
