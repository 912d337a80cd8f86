import type { ProviderKind } from '../di/index.js'
import { isSafeRead, type RouteView } from './route-view.js'

/** Statuses an operation can end with, each with the reasons it can, in the order found. */
export type StatusReasons = Map<number, string[]>

const KIND_NAMES: Partial<Record<ProviderKind, string>> = {
  authorized: 'authorized',
  forbidden: 'forbidden',
  resource: 'resourceExists',
  validator: 'validates',
}

/**
 * The statuses the decision machine can answer for an operation instead of running its handler,
 * derived from the nodes its plan runs and the providers it resolves — not from what the handler
 * returns. See docs/openapi.md for the table.
 *
 * @example
 * machineStatuses(view).get(404) // ["resourceExists('document') found nothing (G7)"]
 */
export function machineStatuses(view: RouteView): StatusReasons {
  const statuses: StatusReasons = new Map()
  const add = (status: number, reason: string) => {
    const reasons = statuses.get(status)
    if (reasons === undefined) statuses.set(status, [reason])
    else if (!reasons.includes(reason)) reasons.push(reason)
  }
  const { nodes, plan, providers } = view
  const named = (kind: ProviderKind) =>
    providers.filter((p) => p.kind === kind).map((p) => `${KIND_NAMES[kind]}('${p.name}')`)
  const reads = (name: string) => providers.some((p) => p.name === name)

  if (view.appNodes.has('B13')) add(503, 'the `serviceAvailable` check said no (B13)')
  if (nodes.has('B9')) add(400, 'the `malformed` check refused the request (B9)')
  for (const name of named('authorized')) add(401, `${name} refused the credentials (B8)`)
  for (const [name, doc] of view.docs) {
    if (doc.security !== undefined) add(401, `'${name}' refused the credentials`)
    for (const status of doc.responses ?? []) add(status, `'${name}' may answer it`)
  }
  for (const name of named('forbidden')) add(403, `${name} refused access (B7)`)
  for (const [id, status] of [
    ['C4', 'Accept'],
    ['D5', 'Accept-Language'],
    ['E6', 'Accept-Charset'],
  ]) {
    if (nodes.has(id as string)) add(406, `no offered representation matches ${status} (${id})`)
  }
  if (nodes.has('G7')) {
    const history = plan.resource
    // K7 is true whenever only "moved" callbacks exist: knowing where it went implies it existed.
    const canBeUnknown = !nodes.has('K7') || history?.previouslyExisted !== undefined
    const missing = providers.filter((p) => p.kind === 'resource' && !createdHere(view, p.name))
    if (canBeUnknown) for (const p of missing) add(404, `resourceExists('${p.name}') found nothing (G7)`)
  }
  if (nodes.has('K5')) add(301, 'the resource moved permanently (K5)')
  if (nodes.has('L5')) add(307, 'the resource moved temporarily (L5)')
  if (nodes.has('K7')) add(410, 'the resource existed once and is gone (K7)')
  if (nodes.has('G11')) add(412, 'If-Match matches no current ETag (G11)')
  if (nodes.has('H12')) add(412, 'modified since If-Unmodified-Since (H12)')
  if (nodes.has('J18')) {
    if (isSafeRead(view)) add(304, 'If-None-Match matches the current ETag (K13)')
    else add(412, 'If-None-Match matches the current ETag (J18)')
  }
  if (nodes.has('L17') && isSafeRead(view)) add(304, 'not modified since If-Modified-Since (L17)')
  if (nodes.has('O14')) add(409, 'the `conflict` callback found a conflict (O14)')
  if (nodes.has('B4')) add(413, `the content exceeds ${plan.bodyLimit} bytes (B4)`)
  if (nodes.has('B5')) add(415, 'the Content-Type is not one the route reads (B5)')
  if (nodes.has('B6')) add(415, 'a Content-Encoding other than identity (B6)')
  if (nodes.has('INPUT')) {
    if (reads('jsonBody')) add(400, 'the content is not valid JSON')
    if (reads('parsedBody')) add(400, 'the content cannot be parsed as its Content-Type')
    for (const name of named('validator')) add(422, `${name} rejected the input`)
  }
  if (plan.ranges && view.method === 'GET') add(416, 'no requested byte range is satisfiable')
  return new Map([...statuses].sort(([a], [b]) => a - b))
}

/** Whether a provider is the resource this PUT creates (missing → 201, not 404). */
function createdHere(view: RouteView, name: string): boolean {
  return view.method === 'PUT' && view.plan.creates === name
}
