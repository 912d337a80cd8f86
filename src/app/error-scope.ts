import { ConfigurationError } from '../errors/index.js'
import type { Exchange, PathEntry } from '../machine/index.js'
import { parsePathTemplate, Router } from '../router/index.js'
import { type ErrorRendering, errorRendering } from './error-renderers.js'
import type { Scope } from './mount.js'
import type { Registrations } from './registrations.js'

/** What answers an error: the application whose route (or prefix) the request reached. */
export interface ErrorScope {
  /** Its error handlers (and the rest of its registrations). */
  readonly registrations: Registrations
  /** Whether its default error bodies are always RFC 9457 problem details. */
  readonly problemDetails: boolean
  /** The `WWW-Authenticate` challenge of its 401s. */
  readonly challenge: string
  /** The media types its errors are written in, and their renderers. */
  readonly errorRendering: ErrorRendering
}

/** The error scopes of mounted applications: by the router entry a request reached, else by prefix. */
export interface MountedScopes {
  readonly entries: Map<PathEntry, ErrorScope>
  readonly prefixes: Router<ErrorScope>
}

/**
 * The error scope of one application's settings and registrations, compiled at start.
 *
 * @example
 * errorScope(scope).challenge // 'Bearer'
 */
export function errorScope(scope: Scope): ErrorScope {
  const problemDetails = scope.settings.problemDetails === true
  return {
    registrations: scope.registrations,
    problemDetails,
    challenge: scope.settings.authenticationChallenge ?? 'Bearer',
    errorRendering: errorRendering(scope.registrations, problemDetails),
  }
}

/**
 * The mounted applications' error scopes, found by prefix for a path no route matched (a 404 under
 * `/api/v1` is answered by the application mounted there). `undefined` when nothing is mounted.
 */
export function mountedScopes(
  scopes: readonly Scope[],
  answers: ReadonlyMap<Scope, ErrorScope>,
): MountedScopes | undefined {
  if (scopes.length < 2) return undefined
  const prefixes = new Router<ErrorScope>()
  for (const scope of scopes.slice(1)) {
    const answer = answers.get(scope) as ErrorScope
    try {
      prefixes.add(parsePathTemplate(scope.prefix), answer)
      prefixes.add(parsePathTemplate(`${scope.prefix}/{$rest:path}`), answer)
    } catch (error) {
      throw new ConfigurationError(`${scope.owner}: ${(error as Error).message}`)
    }
  }
  return { entries: new Map(), prefixes }
}

/**
 * The scope whose error handlers and renderers answer this exchange: the mounted application of the
 * route it reached, else the one whose prefix its path is under, else the root. Called on errors only.
 */
export function errorScopeOf(root: ErrorScope, mounted: MountedScopes, exchange: Exchange): ErrorScope {
  const entry = exchange.entry
  if (entry !== undefined) return mounted.entries.get(entry) ?? root
  const match = mounted.prefixes.match(exchange.request.path)
  return typeof match === 'object' ? match.value : root
}
