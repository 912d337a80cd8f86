import type { StatusReasons } from './machine-statuses.js'
import type { RouteView } from './route-view.js'

/**
 * The success statuses of an operation: what the machine makes of the handler's result by method
 * (objects → 200, nothing → 204, `created()` → 201), plus the 201 of a PUT that `creates` and the
 * 206 of a route with `ranges`. A handler that answers other statuses documents them with
 * `operations` (see {@link GenerateOpenApiOptions}).
 *
 * @example
 * successStatuses(view) // Map { 200 => ['the handler's result'], 206 => […] }
 */
export function successStatuses(view: RouteView): StatusReasons {
  const { plan } = view
  const result = 'the handler’s result'
  switch (view.method) {
    case 'GET':
      return new Map([
        [200, [result]],
        ...(plan.ranges ? [[206, ['a satisfiable `Range` (the route sets `ranges`)']] as const] : []),
      ]) as StatusReasons
    case 'HEAD':
      return new Map([[200, ['the headers a GET would send, without content']]])
    case 'POST':
      return new Map([
        [200, [result]],
        [201, ['the handler answered `created(value, location)`']],
      ])
    case 'PUT':
      return plan.creates === undefined
        ? new Map([[200, [result]]])
        : new Map([
            [200, ['the resource existed and was replaced']],
            [201, [`the resource '${plan.creates}' did not exist and was created (\`creates\`)`]],
          ])
    case 'DELETE':
      return new Map([[204, ['the handler returned nothing']]])
    case 'OPTIONS':
      return plan.handler === undefined
        ? new Map([[204, ['`Allow` lists the methods of the path; CORS preflights are answered too']]])
        : new Map([[200, [result]]])
    default:
      return new Map([[200, [result]]])
  }
}

/**
 * The success statuses of {@link successStatuses} that the handler chooses rather than the machine
 * (a POST's 200 or 201, a DELETE's 204…). When the author documents the operation's success
 * statuses, these are the author's to state: the ones not documented are left out, so a typed
 * client does not see a 201 the handler never sends. A `creates` 201 and a `ranges` 206 stay.
 *
 * @example
 * handlerStatuses(view) // Set { 200, 201 } for a POST
 */
export function handlerStatuses(view: RouteView): ReadonlySet<number> {
  switch (view.method) {
    case 'POST':
      return new Set([200, 201])
    case 'PUT':
      return new Set(view.plan.creates === undefined ? [200] : [])
    case 'DELETE':
      return new Set([204])
    case 'OPTIONS':
      return new Set(view.plan.handler === undefined ? [] : [200])
    default:
      return new Set([200])
  }
}
