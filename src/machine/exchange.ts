import type { RequestLogger } from '../di/index.js'
import type {
  ByteRange,
  ResponseHeaderBag,
  RestRequest,
  RestResponse,
  SliceableContent,
} from '../http/index.js'
import { requestIdOf } from '../http/index.js'
import type { LinkedNode, NodeId, Terminal } from './decision-node.js'
import type { MachineConfig, PathEntry, RoutePlan } from './route-plan.js'

/**
 * One request as it walks the decision diagram: the request itself (read-only), and what the
 * nodes have learned about it, grouped by the part of the diagram that learns it. A field is
 * written by the nodes its comment names and read by later nodes and by the answer built at
 * the end of the run; nothing else writes it.
 */
export class Exchange {
  readonly request: RestRequest
  readonly config: MachineConfig
  /** The nodes passed, in order, when the run records its path (the `trace` or `telemetry` option). */
  readonly trace: LinkedNode[] | undefined
  /** Where the run ended, once it did (still `undefined` when a node threw). */
  outcome: Terminal | undefined = undefined

  // Message (MESSAGE).
  /** Why the message cannot be served (RFC 9112 §3.2), for MESSAGE's 400. */
  problem: string | undefined = undefined

  // Routing (ROUTE, B10).
  /** The matched path's methods. */
  entry: PathEntry | undefined = undefined
  /** Decoded path parameters. */
  params: Record<string, string> | undefined = undefined
  /** The plan of the matched route and method. */
  plan: RoutePlan | undefined = undefined
  /** Injected values by name: seeded at B10, filled by B8, B7, G7, I7 and INPUT. */
  readonly context: Record<string, unknown> = {}

  // Negotiation (C4, D5, E6, F7).
  mediaType: string | undefined = undefined
  language: string | undefined = undefined
  charset: string | undefined = undefined
  /** F7's content coding (`'identity'` for none); `undefined` on a route that does not compress. */
  encoding: string | undefined = undefined
  /** Request header names the response varies on (RFC 9110 §12.5.5). */
  vary: string[] | undefined = undefined

  // Resource (G7, K5, L5).
  /** G7's answer: whether the resource exists (`undefined` until G7 ran, or when it was planned away). */
  found: boolean | undefined = undefined
  /** The resource's current validators: a formatted ETag and a time in ms. */
  etag: string | undefined = undefined
  lastModified: number | undefined = undefined
  /** Where a missing resource moved (301/307). */
  location: string | undefined = undefined

  // Response (HANDLER, PARTIAL).
  /** The handler's value, rendered. */
  representation: RestResponse | undefined = undefined
  /**
   * Once PARTIAL found a Range that applies: the representation's bytes and the ranges to send
   * (coalesced), or none when no range is satisfiable (SATISFIABLE → 416).
   */
  range: RangeSelection | undefined = undefined

  // Per response, written by dependencies.
  /** This response's Content-Security-Policy nonce, once created. */
  cspNonce: string | undefined = undefined
  /** Headers dependencies add to whatever response this request gets (see `responseHeaders`). */
  responseHeaders: ResponseHeaderBag | undefined = undefined

  // Operations (the run loop, the request id and the logger).
  /**
   * The last node run, so the node whose answer ended the run (a status edge, or a thrown error):
   * written by `runMachine` only when `config.recordAnsweringNode` is on (the access log reads it).
   */
  answeredBy: NodeId | undefined = undefined
  #requestId: string | undefined = undefined
  #log: RequestLogger | undefined = undefined

  constructor(request: RestRequest, config: MachineConfig) {
    this.request = request
    this.config = config
    this.trace = config.trace ? [] : undefined
  }

  /** This request's id, decided on first read ({@link requestIdOf}); undefined until then. */
  get knownRequestId(): string | undefined {
    return this.#requestId
  }

  /** This request's id: decided on first read (trusted header, platform id or a new UUID), then fixed. */
  get requestId(): string {
    this.#requestId ??= requestIdOf(this.request, this.config.requestId)
    return this.#requestId
  }

  /** The `log` a handler injects, bound to this request's id; made on first read. */
  get log(): RequestLogger {
    this.#log ??= this.config.requestLogger(this.requestId)
    return this.#log
  }
}

/**
 * The byte ranges PARTIAL found in a request: the representation's content (its bytes in memory, or
 * content read range by range, such as a file) and the ranges to send (none: 416).
 */
export interface RangeSelection {
  readonly content: Uint8Array | SliceableContent
  readonly ranges: readonly ByteRange[]
}

/** An exchange past B10: the route is chosen. Every node after B10 is typed for one. */
export interface RoutedExchange extends Exchange {
  readonly entry: PathEntry
  readonly params: Record<string, string>
  readonly plan: RoutePlan
}

/** An exchange past HANDLER: the representation exists. */
export interface HandledExchange extends RoutedExchange {
  readonly representation: RestResponse
}
