import type { DocumentedRoute } from './application-view.js'
import type { RouteView } from './route-view.js'

/** Names a handler's own `name` has when the author gave it none worth reading. */
const UNNAMED = new Set(['', 'anonymous', 'default', 'handler', 'fn', 'callback'])

/**
 * Splits an identifier into lower-case words: `listDocuments` → `list documents`, `post_id` → `post id`.
 *
 * @example
 * words('getHTTPStatus2') // 'get http status 2'
 */
export function words(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase())
    .join(' ')
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * The summary of an operation nobody wrote one for: the handler's own name in words when it has one
 * (`function listDocuments` → "List documents"), else the method's verb and what it acts on — the
 * resource the plan loads ("Get document", "Create or replace document", "Delete post") or the
 * path's words ("Get admin users", "Post to login").
 *
 * @example
 * derivedSummary(route, view) // 'Get document' for GET /documents/{id} with resourceExists('document')
 */
export function derivedSummary(route: DocumentedRoute, view: RouteView): string {
  const own = route.handler.name.replace(/^bound /, '')
  const served = view.method === route.method || view.method === 'HEAD'
  // HEAD gets a summary of its own, so a reference's table of contents tells it from the GET.
  const head = view.method === 'HEAD' ? ' (headers only)' : ''
  if (served && !UNNAMED.has(own) && /^[A-Za-z_$][\w$]*$/.test(own) && words(own) !== '')
    return `${sentence(words(own))}${head}`
  const target = resourceOf(route, view) ?? pathWords(route)
  switch (view.method) {
    case 'GET':
      return `Get ${target}`
    case 'HEAD':
      return `Get ${target}${head}`
    case 'PUT':
      return view.plan.creates === undefined ? `Replace ${target}` : `Create or replace ${target}`
    case 'PATCH':
      return `Update ${target}`
    case 'DELETE':
      return `Delete ${target}`
    case 'POST':
      return `Post to ${target}`
    case 'OPTIONS':
      return `Allowed methods of ${target}`
    default:
      return `${sentence(view.method.toLowerCase())} ${target}`
  }
}

/**
 * The description of an operation nobody wrote one for: what the decision machine checks before
 * the handler runs, read from its plan — credentials, permissions, the resources it loads, the
 * input it validates and the conditional requests it answers.
 *
 * @example
 * derivedDescription(view) // 'Requires credentials: `accessToken`. Acts on `post`.'
 */
export function derivedDescription(view: RouteView): string {
  const names = (kinds: readonly string[]) =>
    view.providers.filter((p) => kinds.includes(p.kind)).map((p) => `\`${p.name}\``)
  const list = (items: readonly string[]) => [...new Set(items)].join(', ')
  const checks = (optional: boolean) =>
    view.providers
      .filter((p) => {
        const doc = view.docs.get(p.name)
        const checksCredentials = p.kind === 'authorized' || doc?.security !== undefined
        return checksCredentials && (doc?.optional === true) === optional
      })
      .map((p) => `\`${p.name}\``)
  const credentials = checks(false)
  const optional = checks(true)
  const access = names(['forbidden'])
  const resources = names(['resource'])
  const inputs = names(['validator'])
  const conditional = ['G11', 'H12', 'J18', 'L17'].some((id) => view.nodes.has(id))
  return [
    credentials.length > 0
      ? `Requires credentials: ${list(credentials)}.`
      : optional.length > 0
        ? `Credentials are optional (${list(optional)}); bad ones are refused.`
        : 'Public: needs no credentials.',
    access.length === 0 ? undefined : `Access is checked by ${list(access)}.`,
    resources.length === 0 ? undefined : `Acts on ${list(resources)}.`,
    inputs.length === 0 ? undefined : `Input is validated by ${list(inputs)}.`,
    conditional ? 'Conditional requests are answered before the handler runs.' : undefined,
  ]
    .filter((line) => line !== undefined)
    .join(' ')
}

// The resource a route acts on: the one its PUT creates, the one named for preconditions, else the
// first `resourceExists` its plan loads.
function resourceOf(route: DocumentedRoute, view: RouteView): string | undefined {
  const name =
    view.plan.creates ?? route.options.resource ?? view.providers.find((p) => p.kind === 'resource')?.name
  return name === undefined ? undefined : words(name)
}

// `/admin/users` → 'admin users'; `/files/{name}` → 'files by name'; `/` → 'root'.
function pathWords(route: DocumentedRoute): string {
  const segments = route.template.segments
  const fixed = segments.filter((s) => s.kind === 'static').map((s) => words(s.value))
  const params = segments.filter((s) => s.kind !== 'static').map((s) => words(s.name))
  const base = fixed.filter(Boolean).join(' ') || 'root'
  return params.length === 0 ? base : `${base} by ${params.join(' and ')}`
}
