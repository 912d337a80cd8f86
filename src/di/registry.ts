import { ConfigurationError } from '../errors/configuration-error.js'
import { PATH_PARAMS } from './built-ins.js'
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
