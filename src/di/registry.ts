import { ConfigurationError } from '../errors/index.js'
import { BUILT_IN_PROVIDERS, PATH_PARAMS } from './built-ins.js'
import { invalidNameReason, type Provider } from './provider.js'

/**
 * Refuses a name that is no valid identifier or is already taken in the registry, by a built-in or
 * a registration, so every injectable name means one thing.
 *
 * @example
 * checkNameFree(providers, 'request', "dependency('request')") // throws: a built-in injectable
 */
export function checkNameFree(providers: ReadonlyMap<string, Provider>, name: string, owner: string): void {
  const reason = invalidNameReason(name)
  if (reason !== undefined) throw new ConfigurationError(`${owner}: the name '${name}' ${reason}`)
  if (name === PATH_PARAMS || providers.has(name)) {
    const builtIn = name === PATH_PARAMS || providers.get(name)?.kind === 'builtin'
    throw new ConfigurationError(
      `${owner}: '${name}' is already ${builtIn ? 'a built-in injectable' : 'registered'}; choose another name`,
    )
  }
}

/**
 * Every injectable name of one application and its provider: the built-ins from the start, then
 * each registration. Names are claimed first ({@link checkNameFree}'s rules), so a name means one
 * thing; the registry is read as a `ReadonlyMap` by the graph check and the compiler.
 *
 * @example
 * const registry = new ProviderRegistry()
 * registry.claim('db', "onStartup('db')")
 * registry.register(startupProvider('db', [], values))
 */
export class ProviderRegistry implements ReadonlyMap<string, Provider> {
  readonly #providers: Map<string, Provider>

  constructor() {
    this.#providers = new Map(BUILT_IN_PROVIDERS.map((provider) => [provider.name, provider]))
  }

  /** Refuses a name that is no identifier or is taken, with a ConfigurationError naming `owner`. */
  claim(name: string, owner: string): void {
    checkNameFree(this.#providers, name, owner)
  }

  /** Adds (or, for a name claimed earlier, sets) the provider of its name. */
  register(provider: Provider): void {
    this.#providers.set(provider.name, provider)
  }

  get size(): number {
    return this.#providers.size
  }

  get(name: string): Provider | undefined {
    return this.#providers.get(name)
  }

  has(name: string): boolean {
    return this.#providers.has(name)
  }

  keys(): MapIterator<string> {
    return this.#providers.keys()
  }

  values(): MapIterator<Provider> {
    return this.#providers.values()
  }

  entries(): MapIterator<[string, Provider]> {
    return this.#providers.entries()
  }

  forEach(callback: (provider: Provider, name: string, map: ReadonlyMap<string, Provider>) => void): void {
    for (const [name, provider] of this.#providers) callback(provider, name, this)
  }

  [Symbol.iterator](): MapIterator<[string, Provider]> {
    return this.#providers[Symbol.iterator]()
  }
}
