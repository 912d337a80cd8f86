import type { ResponseHeaderBag } from '../http/response-header-bag.js'
import type { RestRequest } from '../http/rest-request.js'
import type { MachineConfig, PathEntry, RoutePlan } from './route-plan.js'

/**
 * The state of one request as it walks the decision diagram: the request, the route it matched,
 * the values injected so far, and (when tracing) the ids of the nodes it passed.
 */
export class Exchange {
  /** The matched path's methods, set by the ROUTE node. */
  entry: PathEntry | undefined = undefined
  /** The plan of the matched route and method, set by B10. */
  plan: RoutePlan | undefined = undefined
  /** Decoded path parameters. */
  params: Record<string, string> | undefined = undefined
  /** Injected values by name. */
  readonly context: Record<string, unknown> = {}
  /** The resource's current validators, once G7 found it: a formatted ETag and a time in ms. */
  etag: string | undefined = undefined
  lastModified: number | undefined = undefined
  /** Set when a PUT targets a missing resource the route creates (RFC 9110 §9.3.4). */
  creating = false
  /** The negotiated representation (C4, D5, E6). */
  mediaType: string | undefined = undefined
  language: string | undefined = undefined
  charset: string | undefined = undefined
  /** Request header names the response varies on (RFC 9110 §12.5.5). */
  vary: string[] | undefined = undefined
  /** Target of a redirect decided by the machine (301/307). */
  location: string | undefined = undefined
  /** This response's Content-Security-Policy nonce, once created. */
  cspNonce: string | undefined = undefined
  /** Headers dependencies add to whatever response this request gets (see `responseHeaders`). */
  responseHeaders: ResponseHeaderBag | undefined = undefined
  /** Node ids passed, when tracing is on. */
  readonly trace: string[] | undefined

  readonly request: RestRequest
  readonly config: MachineConfig

  constructor(request: RestRequest, config: MachineConfig) {
    this.request = request
    this.config = config
    this.trace = config.trace ? [] : undefined
  }
}
