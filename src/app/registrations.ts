import type { Provider } from '../di/provider.js'
import type { InjectOptions } from '../di/read-injection.js'
import type { HttpError } from '../errors/http-error.js'
import type { RestRequest } from '../http/rest-request.js'
import type { Handler } from '../machine/route-plan.js'
import type { PathTemplate } from '../router/path-template.js'

/** Per-route settings. */
export interface RouteOptions<Ctx = Record<string, unknown>> extends InjectOptions {
  /** Content limit in bytes for this route (default: the application's `bodyLimit`). */
  bodyLimit?: number
  /**
   * Dependencies resolved for their checks although the handler does not use their values, e.g.
   * `{ requires: ['requireAdmin'] }` guards a route with an authorization dependency.
   */
  requires?: readonly (keyof Ctx & string)[]
}

/** What an error handler receives. */
export interface ErrorInfo {
  /** The request that failed. */
  readonly request: RestRequest
  /** The message a client may see (a generic one for server errors). */
  readonly message: string
  /** The error, as an {@link HttpError} (unknown errors arrive as a 500). */
  readonly error: HttpError
  /** The response status. */
  readonly status: number
}

/** Turns an error into the response body (or a full `respond(...)` / `Response`). */
export type ErrorHandler = (info: ErrorInfo) => unknown

/** A registered route. */
export interface RouteRegistration {
  readonly method: string
  readonly template: PathTemplate
  readonly handler: Handler
  readonly inject: readonly string[]
  readonly options: RouteOptions
}

/** A startup value's factory. */
export interface StartupFactory {
  readonly name: string
  readonly create: (context: Record<string, unknown>) => unknown
  readonly inject: readonly string[]
}

/** A function run at shutdown with startup values injected. */
export interface ShutdownHook {
  readonly run: (context: Record<string, unknown>) => unknown
  readonly inject: readonly string[]
}

/** Everything registered on an application, as plain data for the compiler. */
export interface Registrations {
  readonly providers: Map<string, Provider>
  readonly startup: Map<string, StartupFactory>
  /** Created startup values, filled by `start()`. */
  readonly startupValues: Record<string, unknown>
  readonly routes: RouteRegistration[]
  readonly shutdownHooks: ShutdownHook[]
  readonly errorHandlers: Map<number, ErrorHandler>
  fallbackErrorHandler: ErrorHandler | undefined
}
