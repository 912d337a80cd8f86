import type { SecurityRequirementObject, SecuritySchemeObject } from './openapi-types.js'
import type { RouteView } from './route-view.js'

/**
 * The security scheme implied by the application's `authenticationChallenge` (default `Bearer`):
 * HTTP authentication with the challenge's scheme.
 *
 * @example
 * schemeFromChallenge('Bearer realm="api"') // { type: 'http', scheme: 'bearer' }
 */
export function schemeFromChallenge(challenge: string): SecuritySchemeObject {
  const scheme = challenge
    .trim()
    .split(/[\s,]+/)[0]
    ?.toLowerCase()
  return { type: 'http', scheme: scheme === undefined || scheme === '' ? 'bearer' : scheme }
}

/**
 * The operation's security requirement: every `authorized` provider it resolves (and every
 * dependency documented with a `security` scheme) must accept the credentials; those documented as
 * `optional` may also be left out, which adds the alternative without them (`{}` when alone). Their schemes are
 * added to `schemes` under the provider's name. `[]` for public operations: stated, not left out, so
 * a reader (and a linter) can tell "public on purpose" from "forgot to say".
 *
 * @example
 * operationSecurity(view, 'Bearer', schemes) // [{ accessToken: [] }]
 */
export function operationSecurity(
  view: RouteView,
  challenge: string,
  schemes: Record<string, SecuritySchemeObject>,
): SecurityRequirementObject[] {
  const requirement: SecurityRequirementObject = {}
  const optional: SecurityRequirementObject = {}
  for (const provider of view.providers) {
    const doc = view.docs.get(provider.name)
    if (provider.kind !== 'authorized' && doc?.security === undefined) continue
    // Component names must match ^[a-zA-Z0-9.\-_]+$; provider names are identifiers, which may hold `$`.
    const name = provider.name.replace(/\$/g, '_')
    schemes[name] ??= doc?.security ?? schemeFromChallenge(challenge)
    if (doc?.optional === true) optional[name] = []
    else requirement[name] = []
  }
  // OpenAPI 3.1 §4.8.30: the requirements are alternatives; `{}` is "no credentials".
  const required = Object.keys(requirement).length === 0 ? [] : [requirement]
  if (Object.keys(optional).length === 0) return required
  return [required[0] ?? {}, { ...requirement, ...optional }]
}
