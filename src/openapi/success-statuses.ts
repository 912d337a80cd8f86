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
