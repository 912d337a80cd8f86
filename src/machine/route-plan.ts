import type { ContextFunction, PhaseSteps, RequestLogger } from '../di/index.js'
import type { CompressionPolicy, CorsOptions, RequestIdPolicy, RestRequest } from '../http/index.js'
import type { Router } from '../router/index.js'
import type { LinkedNode, Terminal } from './decision-node.js'

/** A route handler: receives the context object, returns what to send. */
export type Handler = (context: Record<string, unknown>) => unknown

/**
 * The callbacks the application gave for a route's resource, beyond whether it exists: each a
 * function of the request context that a node calls (G7, K7, K5, L5).
 */
export interface ResourceCallbacks {
  /** The injectable name of the resource. */
  readonly name: string
  /** Its current entity tag (RFC 9110 §8.8.3), for If-Match / If-None-Match and the `ETag` header. */
  readonly etag: ContextFunction | undefined
  /** When it last changed (RFC 9110 §8.8.2), for If-(Un)Modified-Since and `Last-Modified`. */
  readonly lastModified: ContextFunction | undefined
  /** Whether a missing resource existed once (→ 410, or a redirect). */
  readonly previouslyExisted: ContextFunction | undefined
  /** Where a missing resource now lives for good (→ 301 + Location). */
  readonly movedPermanently: ContextFunction | undefined
  /** Where a missing resource lives for now (→ 307 + Location). */
  readonly movedTemporarily: ContextFunction | undefined
}

/** Parses request content of the media types it lists (see the render room's BodyParser). */
export interface BodyParserLike {
  readonly mediaTypes: readonly string[]
  parse(bytes: Uint8Array, contentType: string): unknown
}

/** Turns a handler's value into content of one media type. */
export type RenderFunction = (
  value: unknown,
  info: { mediaType: string; context: Readonly<Record<string, unknown>> },
) => string | Uint8Array

/** The representations a route can produce, in the server's order of preference. */
export interface Negotiation {
  /** Media types offered; the first is the default when the client has no preference. */
  readonly mediaTypes: readonly string[]
  /** Renderers for the declared types; absent for the implicit JSON default. */
  readonly renderers: ReadonlyMap<string, RenderFunction> | undefined
  /** Languages offered (Content-Language), if the route declared any. */
  readonly languages: readonly string[] | undefined
  /** Charsets offered, if the route declared any. */
  readonly charsets: readonly string[] | undefined
}

/**
 * What the application said about one method of one route, compiled at start-up: everything the
 * planner reads to decide which nodes the route runs, and the nodes read when they do.
 */
export interface RouteFacts {
  readonly method: string
  readonly template: string
  /** Its providers by the phase (the node) that resolves them. */
  readonly steps: PhaseSteps
  /** Whether the handler's dependencies read the request content at all. */
  readonly readsBody: boolean
  /** Whether they parse it as JSON (so the content type must be JSON). */
  readonly readsJson: boolean
  /** For routes that parse the body by content type: whether a `Content-Type` is accepted (B5). */
  readonly acceptsContentType: ((contentType: string | null) => boolean) | undefined
  /** The parsers `parsedBody` chooses from by media type. */
  readonly bodyParsers: readonly BodyParserLike[]
  /** On routes that parse by content type: the parser for a `Content-Type`, chosen once per value. */
  readonly parserFor: ((contentType: string | null) => BodyParserLike | undefined) | undefined
  /** Content limit in bytes. */
  readonly bodyLimit: number
  readonly handler: Handler | undefined
  /** The route's resource and what is known about it (validators, history). */
  readonly resource: ResourceCallbacks | undefined
  /** The resource a PUT to a missing target creates (201 + Location) instead of answering 404. */
  readonly creates: string | undefined
  /** "Would this request conflict with the resource's state?" (→ 409, RFC 9110 §15.5.10). */
  readonly conflict: ContextFunction | undefined
  /** What the route can produce. */
  readonly negotiation: Negotiation
  /** Whether GET responses honour `Range` (RFC 9110 §14). */
  readonly ranges: boolean
  /**
   * `Cache-Control` for successful GET/HEAD and 304 responses: one value, or one per request from the
   * decoded path parameters (`undefined`: none).
   */
  readonly cacheControl:
    | string
    | ((params: Readonly<Record<string, string>>) => string | undefined)
    | undefined
  /** CORS settings of this route (`false`: none, `undefined`: the application's). */
  readonly cors: CorsOptions | false | undefined
  /** How the route's responses are compressed (F7 negotiates the coding); `undefined`: never. */
  readonly compression: CompressionPolicy | undefined
  /** The success body's declared schema and its compiled JSON writer (the `returns` option). */
  readonly returns: DeclaredReturns | undefined
}

/**
 * A route's declared success body (`returns`), compiled once at start: HANDLER writes a JSON
 * representation of the handler's value with `write` instead of `JSON.stringify`.
 */
export interface DeclaredReturns {
  /** The schema as declared (a Standard Schema with a JSON Schema converter, or a JSON Schema), for OpenAPI. */
  readonly schema: object
  /**
   * Writes the value as JSON of the declared shape. A wrong shape throws (a 500) or is logged with
   * the request's `log` and written anyway, as decided at start (docs/decisions/0515).
   */
  readonly write: (value: unknown, request: { readonly log: RequestLogger }) => string
}

/**
 * Everything the machine needs to serve one method of one route: its facts and the diagram linked
 * for them. Made only by `createRoutePlan` (src/machine/link.ts), whole, in one step (or by
 * `planForPath` there, from such a plan, for another template and body limit).
 */
export interface RoutePlan extends RouteFacts {
  /** The first node to run after B10, or the outcome when no node can change it. */
  readonly entry: LinkedNode | Terminal
}

/** All methods served at one path template. */
export interface PathEntry {
  readonly template: string
  readonly methods: ReadonlyMap<string, RoutePlan>
  /** The `Allow` value: the route's methods plus HEAD (with GET) and OPTIONS, sorted. */
  readonly allow: string
  /** The plan for OPTIONS when no handler is registered for it. */
  readonly options: RoutePlan
  /**
   * The codings any method here compresses with (`undefined`: none does): a client may hold the
   * resource's ETag in the encoded form of one of them (`"v1-gzip"`), which the preconditions of
   * every method here accept, a PUT's If-Match included.
   */
  readonly codings: readonly string[] | undefined
}

/** Application-wide settings the app-level nodes (B13–B10) read, and how each request gets its id and `log`. */
export interface MachineConfig {
  readonly router: Router<PathEntry>
  readonly knownMethods: ReadonlySet<string>
  readonly maxUriLength: number
  readonly serviceAvailable: ((request: RestRequest) => boolean | Promise<boolean>) | undefined
  readonly malformed: ((request: RestRequest) => boolean | Promise<boolean>) | undefined
  /** Whether each run records the nodes it passes (`exchange.trace`): the `trace` option, or telemetry. */
  readonly trace: boolean
  /** Whether the run records the node that answered (`Exchange.answeredBy`), for the access log. */
  readonly recordAnsweringNode: boolean
  /** Where a request's id comes from and which header echoes it. */
  readonly requestId: RequestIdPolicy
  /** Makes the `log` a request injects, bound to its id. */
  readonly requestLogger: (requestId: string) => RequestLogger
}
