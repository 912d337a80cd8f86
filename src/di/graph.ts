import { ConfigurationError } from '../errors/index.js'
import { closestNames } from './closest-names.js'
import type { Provider } from './provider.js'

/**
 * Orders the providers a consumer needs so that each comes after everything it injects
 * (a topological sort of the consumer's closure). Throws a {@link ConfigurationError} naming the
 * consumer, the missing name and the closest registered names, or the cycle path.
 *
 * @example
 * orderProviders(['currentUser'], providers, new Set(), "route GET /profile")
 */
export function orderProviders(
  roots: readonly string[],
  providers: ReadonlyMap<string, Provider>,
  localNames: ReadonlySet<string>,
  consumer: string,
): Provider[] {
  const ordered: Provider[] = []
  const done = new Set<string>()
  const visiting: string[] = []

  const visit = (name: string, neededBy: string): void => {
    if (done.has(name) || localNames.has(name)) return
    const provider = providers.get(name)
    if (provider === undefined) {
      const candidates = closestNames(name, [...providers.keys(), ...localNames])
      const hint =
        candidates.length > 0 ? ` Did you mean ${candidates.map((c) => `'${c}'`).join(' or ')}?` : ''
      throw new ConfigurationError(
        `${consumer}: '${neededBy}' needs '${name}', but nothing named '${name}' is registered.${hint}`,
      )
    }
    const cycleStart = visiting.indexOf(name)
    if (cycleStart !== -1) {
      const path = [...visiting.slice(cycleStart), name].join(' → ')
      throw new ConfigurationError(`${consumer}: dependency cycle ${path}`)
    }
    visiting.push(name)
    for (const needed of provider.inject) visit(needed, name)
    visiting.pop()
    done.add(name)
    ordered.push(provider)
  }

  for (const root of roots) visit(root, consumer.startsWith('route') ? 'the handler' : consumer)
  return ordered
}
