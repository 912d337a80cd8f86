import { ConfigurationError } from '../errors/index.js'
import { type InferredNames, inferInjectedNames } from './infer-names.js'

/**
 * Inferred names by function source text, kept by one application: functions with the same source
 * (one arrow written once and registered on many routes) declare the same names.
 */
export type InferredNamesCache = Map<string, InferredNames>

/** Options shared by everything that injects: the explicit list of names it needs. */
export interface InjectOptions {
  /**
   * The context names the function needs. Only required when they cannot be read from the
   * function's parameter pattern (it does not destructure its argument, or uses `...rest`).
   */
  inject?: readonly string[]
}

/**
 * A symbol under which a function can carry its own inject list, for factories that build
 * functions with configurable names: `Object.assign(fn, { [INJECT]: [name] })`.
 *
 * @example
 * const ownerOf = (name: string) => Object.assign((context: Record<string, unknown>) => context[name], { [INJECT]: [name] })
 */
export const INJECT: unique symbol = Symbol.for('restmachine.inject') as never

const EXPLANATIONS = {
  'not-destructured': 'its parameter is not a destructuring pattern',
  'rest-element': 'its pattern uses a ...rest element, which could need anything',
  'computed-key': 'its pattern uses a computed [key]',
  'several-parameters': 'it declares more than one parameter (everything arrives in one context object)',
  unreadable: 'its source cannot be read (a native or bound function?)',
} as const

/**
 * Returns the names a function needs: `options.inject` when given, else the keys of its
 * destructured parameter. Throws a {@link ConfigurationError} that shows both fixes otherwise.
 *
 * @example
 * readInjection(({ database }) => database, {}, "dependency 'users'") // ['database']
 */
export function readInjection(
  fn: (...args: never[]) => unknown,
  options: InjectOptions | undefined,
  owner: string,
  registration: string,
  cache?: InferredNamesCache,
): readonly string[] {
  if (typeof fn !== 'function')
    throw new ConfigurationError(`${owner}: expected a function, got ${typeof fn}`)
  const attached = (fn as unknown as Record<symbol, unknown>)[INJECT]
  if (options?.inject === undefined && attached !== undefined)
    options = { inject: attached as readonly string[] }
  if (options?.inject !== undefined) {
    if (!Array.isArray(options.inject) || options.inject.some((n) => typeof n !== 'string')) {
      throw new ConfigurationError(`${owner}: 'inject' must be an array of names`)
    }
    return [...options.inject]
  }
  const inferred = cache === undefined ? inferInjectedNames(fn) : cachedInference(fn, cache)
  if (inferred.ok) return inferred.names
  throw new ConfigurationError(
    `${owner}: cannot tell which names to inject because ${EXPLANATIONS[inferred.reason]}.\n` +
      'Fix it in one of two ways:\n' +
      `  1. destructure the one context argument:  ${registration.replace('FN', '({ database, currentUser }) => …')}\n` +
      `  2. or list the names explicitly:            ${registration.replace('FN', 'fn, { inject: ["database", "currentUser"] }')}`,
  )
}

/** {@link inferInjectedNames} through the cache; a native or bound function's text says nothing, so is not a key. */
function cachedInference(fn: (...args: never[]) => unknown, cache: InferredNamesCache): InferredNames {
  const source = Function.prototype.toString.call(fn)
  const known = cache.get(source)
  if (known !== undefined) return known
  const inferred = inferInjectedNames(fn)
  if (!source.includes('[native code]')) cache.set(source, inferred)
  return inferred
}
