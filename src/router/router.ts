import { ConfigurationError } from '../errors/index.js'
import type { PathTemplate } from './path-template.js'
import { templateShapeKey } from './path-template.js'

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

interface Leaf<T> {
  value: T
  paramNames: readonly string[]
}

interface TrieNode<T> {
  statics: Map<string, TrieNode<T>> | undefined
  param: TrieNode<T> | undefined
  wildcard: Leaf<T> | undefined
  leaf: Leaf<T> | undefined
}

const NO_PARAMS: Record<string, string> = Object.freeze(Object.create(null))

function newNode<T>(): TrieNode<T> {
  return { statics: undefined, param: undefined, wildcard: undefined, leaf: undefined }
}

/**
 * Maps request paths to values. Templates without parameters are found with one hash lookup;
 * the rest walk a segment trie (static before parameter before wildcard), never a list of routes.
 *
 * @example
 * const router = new Router<string>()
 * router.add(parsePathTemplate('/posts/{id}'), 'post')
 * router.match('/posts/42') // { value: 'post', params: { id: '42' } }
 */
export class Router<T> {
  #exact = new Map<string, T>()
  #root: TrieNode<T> = newNode()
  #shapes = new Map<string, string>()
  #listing: ListedRoute<T>[] = []

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
      this.#exact.set(template.source, value)
      return
    }
    let node = this.#root
    for (const segment of template.segments) {
      if (segment.kind === 'static') {
        node.statics ??= new Map()
        let next = node.statics.get(segment.value)
        if (next === undefined) {
          next = newNode()
          node.statics.set(segment.value, next)
        }
        node = next
      } else if (segment.kind === 'param') {
        node.param ??= newNode()
        node = node.param
      } else {
        node.wildcard = { value, paramNames: template.paramNames }
        return
      }
    }
    node.leaf = { value, paramNames: template.paramNames }
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

  /** Finds the value for a raw (percent-encoded) path, `undefined` if none, or {@link MALFORMED_PATH}. */
  match(path: string): RouteMatch<T> | undefined | typeof MALFORMED_PATH {
    const exact = this.#exact.get(path)
    if (exact !== undefined) return { value: exact, params: NO_PARAMS }
    if (path.charCodeAt(0) !== 47 /* '/' */) return undefined
    // The common case, a path without %-encoding, is split once with no per-segment work.
    const encoded = path.includes('%')
    const segments = encoded ? decodeSegments(path) : path.slice(1).split('/')
    if (segments === MALFORMED_PATH) return MALFORMED_PATH
    if (encoded) {
      const exactDecoded = this.#exact.get(`/${segments.join('/')}`)
      if (exactDecoded !== undefined) return { value: exactDecoded, params: NO_PARAMS }
    }
    const values: string[] = []
    const leaf = walk(this.#root, segments, 0, values)
    if (leaf === undefined) return undefined
    const params: Record<string, string> = {}
    for (let i = 0; i < leaf.paramNames.length; i++)
      params[leaf.paramNames[i] as string] = values[i] as string
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

function walk<T>(
  node: TrieNode<T>,
  segments: readonly string[],
  index: number,
  values: string[],
): Leaf<T> | undefined {
  if (index === segments.length) return node.leaf
  const segment = segments[index] as string
  const staticChild = node.statics?.get(segment)
  if (staticChild !== undefined) {
    const found = walk(staticChild, segments, index + 1, values)
    if (found !== undefined) return found
  }
  if (node.param !== undefined && segment !== '') {
    values.push(segment)
    const found = walk(node.param, segments, index + 1, values)
    if (found !== undefined) return found
    values.pop()
  }
  if (node.wildcard !== undefined) {
    const rest = segments.slice(index).join('/')
    if (rest !== '') {
      values.push(rest)
      return node.wildcard
    }
  }
  return undefined
}
