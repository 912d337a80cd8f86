import type { ProviderKind } from '../di/index.js'
import type { NodeId } from '../machine/index.js'
import { DIAGRAM } from '../machine/index.js'
import { isSafeRead, type RouteView } from './route-view.js'

/** Statuses an operation can end with, each with the reasons it can, in the order found. */
export type StatusReasons = Map<number, string[]>

const KIND_NAMES: Partial<Record<ProviderKind, string>> = {
  authorized: 'authorized',
  forbidden: 'forbidden',
  resource: 'resourceExists',
  validator: 'validates',
}

const named = (view: RouteView, kind: ProviderKind) =>
  view.providers.filter((p) => p.kind === kind).map((p) => `${KIND_NAMES[kind]}('${p.name}')`)
const when = (yes: boolean, reason: string): readonly string[] => (yes ? [reason] : [])

/**
 * How the document words a status edge of the diagram for one operation: the reasons it lists
 * under the edge's status (none when the operation cannot take the edge). The statuses themselves
 * come from the diagram's edges; a node without an entry (MESSAGE, B12, B11, ROUTE, PATH, B10 —
 * answers about the message, the server or the path, not the operation — and the success branch,
 * which the operation's own responses document) is not documented per operation.
 */
const DESCRIBE: { readonly [id in NodeId]?: (view: RouteView, status: number) => readonly string[] } = {
  B13: (view) => when(view.appNodes.has('B13'), 'the `serviceAvailable` check said no (B13)'),
  B9: (view) => when(view.nodes.has('B9'), 'the `malformed` check refused the request (B9)'),
  B8: (view) => named(view, 'authorized').map((name) => `${name} refused the credentials (B8)`),
  B7: (view) => named(view, 'forbidden').map((name) => `${name} refused access (B7)`),
  C4: (view) => when(view.nodes.has('C4'), 'no offered representation matches Accept (C4)'),
  D5: (view) => when(view.nodes.has('D5'), 'no offered representation matches Accept-Language (D5)'),
  E6: (view) => when(view.nodes.has('E6'), 'no offered representation matches Accept-Charset (E6)'),
  F7: (view) => when(view.nodes.has('F7'), 'Accept-Encoding refuses identity and every offered coding (F7)'),
  K7: missingResource,
  H7: (view) => when(view.nodes.has('H7'), 'If-Match on a resource that does not exist yet (H7)'),
  P3: (view) => when(view.nodes.has('P3'), 'the `conflict` callback found a conflict (P3)'),
  K5: (view) => when(view.nodes.has('K5'), 'the resource moved permanently (K5)'),
  L5: (view, status) =>
    status === 307
      ? when(view.nodes.has('L5'), 'the resource moved temporarily (L5)')
      : when(view.nodes.has('K7'), 'the resource existed once and is gone (K7)'),
  G11: (view) => when(view.nodes.has('G11'), 'If-Match matches no current ETag (G11)'),
  H12: (view) => when(view.nodes.has('H12'), 'modified since If-Unmodified-Since (H12)'),
  J18: (view, status) =>
    status === 304
      ? when(view.nodes.has('J18') && isSafeRead(view), 'If-None-Match matches the current ETag (K13)')
      : when(view.nodes.has('J18') && !isSafeRead(view), 'If-None-Match matches the current ETag (J18)'),
  L17: (view) =>
    when(view.nodes.has('L17') && isSafeRead(view), 'not modified since If-Modified-Since (L17)'),
  O14: (view) => when(view.nodes.has('O14'), 'the `conflict` callback found a conflict (O14)'),
  B4: (view) => when(view.nodes.has('B4'), `the content exceeds ${view.plan.bodyLimit} bytes (B4)`),
  B5: (view) => when(view.nodes.has('B5'), 'the Content-Type is not one the route reads (B5)'),
  B6: (view) => when(view.nodes.has('B6'), 'a Content-Encoding other than identity (B6)'),
  INPUT: (view) =>
    view.nodes.has('INPUT') ? named(view, 'validator').map((name) => `${name} rejected the input`) : [],
  SATISFIABLE: (view, status) =>
    when(
      status === 416 && view.nodes.has('SATISFIABLE') && view.method === 'GET',
      'no requested byte range is satisfiable',
    ),
}

/**
 * The statuses the decision machine can answer for an operation instead of running its handler,
 * derived from the diagram's status edges, the nodes its plan runs and the providers it resolves —
 * not from what the handler returns. See docs/openapi.md for the table.
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
  for (const node of DIAGRAM) {
    const describe = DESCRIBE[node.id]
    for (const edge of [node.onTrue, node.onFalse]) {
      if (describe === undefined || typeof edge !== 'object') continue
      for (const reason of describe(view, edge.status)) add(edge.status, reason)
    }
    // What the operation's dependencies document follows authentication, where they start to run.
    if (node.id === 'B8') addDocumented(view, add)
  }
  // Not edges: the body parsers behind INPUT throw 400.
  const reads = (name: string) => view.providers.some((p) => p.name === name)
  if (view.nodes.has('INPUT')) {
    if (reads('jsonBody')) add(400, 'the content is not valid JSON')
    if (reads('parsedBody')) add(400, 'the content cannot be parsed as its Content-Type')
  }
  return new Map([...statuses].sort(([a], [b]) => a - b))
}

/** The statuses the operation's dependencies document (`security`, `responses`). */
function addDocumented(view: RouteView, add: (status: number, reason: string) => void): void {
  for (const [name, doc] of view.docs) {
    if (doc.security !== undefined) add(401, `'${name}' refused the credentials`)
    for (const status of doc.responses ?? []) add(status, `'${name}' may answer it`)
  }
}

/** K7's 404: a resource that found nothing, unless the route creates it or it can only have moved. */
function missingResource(view: RouteView): readonly string[] {
  if (!view.nodes.has('G7')) return []
  // K7 is true whenever only "moved" callbacks exist: knowing where it went implies it existed.
  const canBeUnknown = !view.nodes.has('K7') || view.plan.resource?.previouslyExisted !== undefined
  if (!canBeUnknown) return []
  return view.providers
    .filter((p) => p.kind === 'resource' && !createdHere(view, p.name))
    .map((p) => `resourceExists('${p.name}') found nothing (G7)`)
}

/** Whether a provider is the resource this PUT creates (missing → 201, not 404). */
function createdHere(view: RouteView, name: string): boolean {
  return view.method === 'PUT' && view.plan.creates === name
}
