import { ConfigurationError } from '../errors/index.js'
import type { RestApplicationOptions } from './application-options.js'
import { isMountedIn, type Lifecycle } from './lifecycle.js'
import type { Registrations } from './registrations.js'
import { checkPrefix } from './routes.js'

/** What `mount` needs of an application, its own and the child's. */
interface Mountable {
  readonly registrations: Registrations
  readonly settings: RestApplicationOptions
  readonly lifecycle: Lifecycle
}

/**
 * Records `child` as mounted under `prefix` on `parent` (`app.mount`): another application, or a
 * function that builds one on a new `Application`. Refuses a malformed prefix, anything else, and
 * a mount that would make a cycle.
 *
 * @example
 * mountChild(app, '/api/v1', api, RestApplication)
 */
export function mountChild(
  parent: Mountable,
  prefix: string,
  child: unknown,
  Application: new () => Mountable,
): void {
  const owner = `mount('${prefix}')`
  checkPrefix(prefix, owner)
  let mounted = child
  if (typeof mounted === 'function') {
    const built = new Application()
    mounted(built)
    mounted = built
  }
  if (!(mounted instanceof Application))
    throw new ConfigurationError(`${owner}: expected another RestApplication or a function that builds one`)
  if (isMountedIn(parent.lifecycle, mounted.lifecycle))
    throw new ConfigurationError(
      `${owner}: an application cannot be mounted on itself or on one mounted in it`,
    )
  parent.registrations.mounts.push({ prefix, owner, child: mounted })
  mounted.lifecycle.mountedOn.push(parent.lifecycle)
}
