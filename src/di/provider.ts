import type { RequestState } from './request-state.js'

/**
 * A provider is one named thing the container can inject: a request-scoped dependency, a startup
 * value, a built-in (request, headers…), or one of the decision machine's callbacks.
 */

/**
 * What a provider is to the decision machine. The kind decides when it is resolved and what a
 * "no" from it means: `resource` → 404 on null, `authorized` → 401, `forbidden` → 403,
 * `validator` → 422 on failure.
 */
export type ProviderKind =
  | 'builtin'
  | 'startup'
  | 'dependency'
  | 'resource'
  | 'authorized'
  | 'forbidden'
  | 'validator'

/** Resolves a provider's value from the request's context (and, for built-ins, the request's state). */
export type ResolveFn = (context: Record<string, unknown>, state: RequestState) => unknown

/** A registered provider. */
export interface Provider {
  /** The name under which its value is injected. */
  readonly name: string
  readonly kind: ProviderKind
  /** The names it needs, read from its parameter pattern or given as `inject`. */
  readonly inject: readonly string[]
  readonly resolve: ResolveFn
  /** Whether its value comes from the request body (resolved only after preconditions). */
  readonly readsBody: boolean
  /** The Standard Schema of a `validates` registration, for documentation (OpenAPI). */
  readonly schema?: unknown
  /** What the registration declared for documentation (e.g. the statuses it can cause). */
  readonly openapi?: unknown
  /** Named callbacks describing a resource (its ETag, Last-Modified, history), for `resource` providers. */
  readonly callbacks?: Readonly<Record<string, ContextFunction>>
}

/** A function of the request context with the names it needs. */
export interface ContextFunction {
  readonly inject: readonly string[]
  readonly resolve: (context: Record<string, unknown>) => unknown
}

const RESERVED = new Set(Object.getOwnPropertyNames(Object.prototype))

/**
 * Why a name cannot be used for injection, or `undefined` when it can: names must be JavaScript
 * identifiers so they can be destructured, and must not shadow `Object.prototype` members.
 *
 * @example
 * invalidNameReason('current-user') // 'is not a JavaScript identifier'
 */
export function invalidNameReason(name: string): string | undefined {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return 'is not a JavaScript identifier'
  if (RESERVED.has(name)) return 'is a member of Object.prototype'
  return undefined
}
