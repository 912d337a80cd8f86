import { type ContextFunction, type InjectOptions, readInjection } from '../di/index.js'
import type { DependencyContext, MaybePromise } from './context-types.js'

type WithResource<Ctx, Name extends string, Value> = DependencyContext<Ctx> & { readonly [K in Name]: Value }

/**
 * What the application can tell the machine about a resource besides whether it exists. The
 * validators let it answer conditional requests (304, 412) before the handler runs; the history
 * callbacks turn a 404 into 301, 307 or 410.
 */
export interface ResourceOptions<Ctx, Name extends string, Value> extends InjectOptions {
  /**
   * The current entity tag (RFC 9110 §8.8.3): `'"v3"'`, `'W/"v3"'`, or a bare `'v3'` (sent strong).
   * @example etag: ({ document }) => `"${document.id}-v${document.version}"`
   */
  etag?: (context: WithResource<Ctx, Name, Value>) => MaybePromise<string | null | undefined>
  /**
   * When the resource last changed (RFC 9110 §8.8.2).
   * @example lastModified: ({ document }) => new Date(document.updated)
   */
  lastModified?: (
    context: WithResource<Ctx, Name, Value>,
  ) => MaybePromise<Date | number | string | null | undefined>
  /** For a missing resource: whether it existed once (→ 410 Gone, RFC 9110 §15.5.11). */
  previouslyExisted?: (context: DependencyContext<Ctx>) => MaybePromise<boolean>
  /** For a missing resource: its new permanent URL (→ 301 + Location). */
  movedPermanently?: (context: DependencyContext<Ctx>) => MaybePromise<string | null | undefined>
  /** For a missing resource: its temporary URL (→ 307 + Location). */
  movedTemporarily?: (context: DependencyContext<Ctx>) => MaybePromise<string | null | undefined>
}

const CALLBACK_NAMES = [
  'etag',
  'lastModified',
  'previouslyExisted',
  'movedPermanently',
  'movedTemporarily',
] as const

/** Reads the callbacks of {@link ResourceOptions} into context functions with their injected names. */
export function readResourceCallbacks(
  name: string,
  given: object | undefined,
): Record<string, ContextFunction> | undefined {
  if (given === undefined) return undefined
  const options = given as ResourceOptions<unknown, string, unknown>
  const callbacks: Record<string, ContextFunction> = {}
  for (const callback of CALLBACK_NAMES) {
    const fn = options[callback] as ((context: Record<string, unknown>) => unknown) | undefined
    if (fn === undefined) continue
    const owner = `resourceExists('${name}') ${callback}`
    callbacks[callback] = { inject: readInjection(fn, undefined, owner, `{ ${callback}: FN }`), resolve: fn }
  }
  return Object.keys(callbacks).length === 0 ? undefined : callbacks
}
