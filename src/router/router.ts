import { ConfigurationError } from '../errors/index.js'
import type { PathTemplate } from './path-template.js'
import { templateShapeKey } from './path-template.js'
import { insert, type Leaf, newNode, type TrieNode, walkPath, walkSegments } from './trie.js'

/** A successful match: the registered value and the decoded parameters. */
export interface RouteMatch<T> {
  readonly value: T
  readonly params: Record<string, string>
}

/** One registered template and its value, as {@link Router.routes} lists them. */
export interface ListedRoute<T> {
  readonly template: PathTemplate
  readonly value: T
}

/** Returned by {@link Router.match} when a path segment has invalid percent-encoding (→ 400). */
export const MALFORMED_PATH = Symbol('malformed path')

const NO_PARAMS: Record<string, string> = Object.freeze(Object.create(null))

/**
 * Maps request paths to values. Templates without parameters are found with one hash lookup that
 * answers a match built at registration; the rest walk a segment trie (static before parameter
 * before wildcard), never a list of routes. A path without %-encoding is walked in place, one
 * substring per segment, with no array of segments; only a parameterized match allocates (its
 * params and the match itself).
 *
 * @example
 * const router = new Router<string>()
 * router.add(parsePathTemplate('/posts/{id}'), 'post')
 * router.match('/posts/42') // { value: 'post', params: { id: '42' } }
 */
export class Router<T> {
  #exact = new Map<string, RouteMatch<T>>()
  #root: TrieNode<T> = newNode()
  #shapes = new Map<string, string>()
  #listing: ListedRoute<T>[] = []
  /** The parameter values of the walk under way (match is synchronous, so one array serves all). */
  #values: string[] = []

  /** Registers a template. Two templates matching the same paths are a configuration error. */
  add(template: PathTemplate, value: T): void {
    const shape = templateShapeKey(template)
    const clash = this.#shapes.get(shape)
    if (clash !== undefined) {
      throw new ConfigurationError(`Path templates '${clash}' and '${template.source}' match the same paths`)
    }
    this.#shapes.set(shape, template.source)
    this.#listing.push({ template, value })
    if (template.paramNames.length === 0) {
      // Shared by every request to this path, hence frozen.
      this.#exact.set(template.source, Object.freeze({ value, params: NO_PARAMS }))
      return
    }
    insert(this.#root, template, value)
  }

  /**
   * Every registered template with its value, in registration order. Only tools read it (the OpenAPI
   * generator); requests go through {@link Router.match}.
   *
   * @example
   * for (const { template, value } of router.routes()) console.log(template.source, value)
   */
  routes(): IterableIterator<ListedRoute<T>> {
    return this.#listing.values()
  }

  /**
   * Finds the value for a raw (percent-encoded) path, `undefined` if none, or {@link MALFORMED_PATH}.
   * Segments are compared decoded (RFC 3986 §6.2.2.2); a path's `%2F` stays inside its segment.
   */
  match(path: string): RouteMatch<T> | undefined | typeof MALFORMED_PATH {
    const exact = this.#exact.get(path)
    if (exact !== undefined) return exact
    if (path.charCodeAt(0) !== 47 /* '/' */) return undefined
    if (path.includes('%')) return this.#matchEncoded(path)
    const leaf = walkPath(this.#root, path, 1, this.#values, 0)
    return leaf === undefined ? undefined : this.#matched(leaf)
  }

  /** A path holding %-encoding: its segments decoded first, then matched as {@link Router.match} does. */
  #matchEncoded(path: string): RouteMatch<T> | undefined | typeof MALFORMED_PATH {
    const segments = decodeSegments(path)
    if (segments === MALFORMED_PATH) return MALFORMED_PATH
    const exact = this.#exact.get(`/${segments.join('/')}`)
    if (exact !== undefined) return exact
    const leaf = walkSegments(this.#root, segments, 0, this.#values, 0)
    return leaf === undefined ? undefined : this.#matched(leaf)
  }

  #matched(leaf: Leaf<T>): RouteMatch<T> {
    const params: Record<string, string> = {}
    const names = leaf.paramNames
    for (let i = 0; i < names.length; i++) params[names[i] as string] = this.#values[i] as string
    return { value: leaf.value, params }
  }
}

/** The segments of a path holding %-encoding, each decoded, or {@link MALFORMED_PATH}. */
function decodeSegments(path: string): string[] | typeof MALFORMED_PATH {
  const segments = path.slice(1).split('/')
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string
    if (!segment.includes('%')) continue
    try {
      segments[i] = decodeURIComponent(segment)
    } catch {
      return MALFORMED_PATH
    }
  }
  return segments
}
