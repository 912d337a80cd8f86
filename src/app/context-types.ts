import type { RequestLogger } from '../di/index.js'
import type { RequestHeaders, ResponseHeaderBag, RestRequest } from '../http/index.js'
import type { PathParams } from '../router/index.js'

/**
 * The values every application can inject without registering anything.
 *
 * @example
 * app.get('/echo', ({ headers, queryParams }) => ({ agent: headers.get('user-agent'), q: queryParams.q }))
 */
export interface BuiltInContext {
  /** The request (method, path, headers, content readers). */
  readonly request: RestRequest
  /** Case-insensitive request headers. */
  readonly headers: RequestHeaders
  /** Decoded path parameters. */
  readonly pathParams: Readonly<Record<string, string>>
  /** Query parameters, decoded; the first value wins when a name repeats. */
  readonly queryParams: Readonly<Record<string, string | undefined>>
  /** Request cookies by name (RFC 6265 §5.4). */
  readonly cookies: Readonly<Record<string, string | undefined>>
  /** Header fields to add to this request's response, whatever it turns out to be (errors too). */
  readonly responseHeaders: ResponseHeaderBag
  /** A per-response nonce for the Content-Security-Policy (`securityHeaders` with a `'nonce'` directive). */
  readonly cspNonce: string
  /**
   * This request's id: the incoming `X-Request-Id` when the app trusts it (`trustRequestId`), else the
   * platform's (Lambda), else a new UUID. The same id is echoed, logged and shown in 500 bodies.
   */
  readonly requestId: string
  /** A logger for this request: a child of the pino `logger` bound to `requestId`, redacting credentials. */
  readonly log: RequestLogger
  /** The raw request content. */
  readonly body: Uint8Array
  /** The request content parsed as JSON (malformed JSON → 400). */
  readonly jsonBody: unknown
  /** The request content parsed by its media type: JSON, form fields, multipart `{ fields, files }`, text. */
  readonly parsedBody: unknown
}

/** No registered values yet. */
export type NoContext = {}

/** Adds one named value to a context type. */
export type WithValue<Ctx, Name extends string, Value> = Ctx & { readonly [K in Name]: Value }

/** What dependencies and hooks of an application with context `Ctx` receive. */
export type DependencyContext<Ctx> = BuiltInContext & Ctx

/** What a handler of route `Path` receives: everything registered plus its typed path parameters. */
export type HandlerContext<Ctx, Path extends string> = Omit<BuiltInContext, 'pathParams'> &
  Ctx &
  Readonly<PathParams<Path>> & { readonly pathParams: Readonly<PathParams<Path>> }

/** A value that may be awaited. */
export type MaybePromise<T> = T | Promise<T>

/**
 * The startup values of an application, typed: what an application mounted on it can inject. Give
 * it as the context of an application built on its own and mounted later.
 *
 * @example
 * const api = new RestApplication<StartupValues<typeof app>>()
 */
export type StartupValues<App> = App extends {
  onShutdown(fn: (context: infer Startup) => unknown, ...rest: never[]): unknown
}
  ? Startup
  : never
