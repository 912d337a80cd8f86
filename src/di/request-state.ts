import type { ResponseHeaderBag, RestRequest } from '../http/index.js'
import type { BodyParser } from '../render/index.js'
import type { PhaseSteps } from './phase.js'
import type { RequestLogger } from './request-logger.js'

/**
 * What dependency injection reads and writes of one request while it resolves providers: the
 * request, the matched path's parameters, the route's phases and body parsers, and the context it fills. The
 * machine's `Exchange` is one; DI never sees the rest of it.
 *
 * @example
 * const cookies: Provider = { name: 'cookies', kind: 'builtin', inject: [], readsBody: false,
 *   resolve: (_, state) => parseCookieHeader(state.request.headers.get('cookie')) }
 */
export interface RequestState {
  readonly request: RestRequest
  /** Injected values by name. */
  readonly context: Record<string, unknown>
  /** Decoded path parameters, once the route matched. */
  readonly params: Readonly<Record<string, string>> | undefined
  /** What DI needs of the matched route: its phases and the body parsers. */
  readonly plan: RouteInjection | undefined
  /** This response's Content-Security-Policy nonce, once created. */
  cspNonce: string | undefined
  /** Headers dependencies add to whatever response this request gets. */
  responseHeaders: ResponseHeaderBag | undefined
  /** This request's id, decided on first read (src/http/request-id.ts) and then fixed. */
  readonly requestId: string
  /** A logger bound to this request's id, made on first read. */
  readonly log: RequestLogger
}

/** The part of a route's compiled plan that dependency injection reads. */
export interface RouteInjection {
  /** The route's providers by the phase that resolves them. */
  readonly steps: PhaseSteps
  /** The parsers `parsedBody` chooses from by media type. */
  readonly bodyParsers: readonly BodyParser[]
  /** The parser for a `Content-Type`, remembered per value by the route (else chosen each time). */
  readonly parserFor?: ((contentType: string | null) => BodyParser | undefined) | undefined
}
