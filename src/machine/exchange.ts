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
  /** Headers dependencies add to whatever response this request gets (see `responseHeaders`). */
  responseHeaders: ResponseHeaderBag | undefined = undefined
  /** Node ids passed, when tracing is on. */
  readonly trace: string[] | undefined

  constructor(
    readonly request: RestRequest,
    readonly config: MachineConfig,
  ) {
    this.trace = config.trace ? [] : undefined
  }
}
