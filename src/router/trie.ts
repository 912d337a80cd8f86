import type { PathTemplate } from './path-template.js'

/** What a template's last trie node holds: its value and the names of the values walked to it. */
export interface Leaf<T> {
  readonly value: T
  readonly paramNames: readonly string[]
}

/**
 * One node of the segment trie. Static children are in `statics`; while there are at most
 * {@link SCAN_LIMIT} of them they are also in `scanKeys`/`scanNodes`, compared in place against
 * the path (no substring, no hashing), which is cheaper than a Map lookup for so few.
 */
export interface TrieNode<T> {
  statics: Map<string, TrieNode<T>> | undefined
  scanKeys: string[] | undefined
  scanNodes: TrieNode<T>[] | undefined
  param: TrieNode<T> | undefined
  wildcard: Leaf<T> | undefined
  leaf: Leaf<T> | undefined
}

/** Up to this many static children are compared in place; more are looked up by hash. */
const SCAN_LIMIT = 8

/** An empty node; every node has every field, so the walk sees one shape. */
export function newNode<T>(): TrieNode<T> {
  return {
    statics: undefined,
    scanKeys: undefined,
    scanNodes: undefined,
    param: undefined,
    wildcard: undefined,
    leaf: undefined,
  }
}

/** Adds a parameterized template's path to the trie under `root`, its value at the end. */
export function insert<T>(root: TrieNode<T>, template: PathTemplate, value: T): void {
  let node = root
  for (const segment of template.segments) {
    if (segment.kind === 'static') node = staticChild(node, segment.value)
    else if (segment.kind === 'param') {
      node.param ??= newNode()
      node = node.param
    } else {
      node.wildcard = { value, paramNames: template.paramNames }
      return
    }
  }
  node.leaf = { value, paramNames: template.paramNames }
}

function staticChild<T>(node: TrieNode<T>, key: string): TrieNode<T> {
  node.statics ??= new Map()
  const known = node.statics.get(key)
  if (known !== undefined) return known
  const child = newNode<T>()
  node.statics.set(key, child)
  if (node.statics.size > SCAN_LIMIT) {
    node.scanKeys = undefined
    node.scanNodes = undefined
  } else {
    node.scanKeys = [...node.statics.keys()]
    node.scanNodes = [...node.statics.values()]
  }
  return child
}

/** Where the segment starting at `start` ends: the next '/', or the end of the path. */
function segmentEnd(path: string, start: number): number {
  const end = path.indexOf('/', start)
  return end === -1 ? path.length : end
}

/**
 * Walks an unencoded path from the segment starting at `start` (just after a '/'): static child
 * before parameter before wildcard, backtracking when a branch finds nothing. Past the end
 * (`start > path.length`) every segment is consumed. Parameter values go to `values[depth…]`.
 */
export function walkPath<T>(
  node: TrieNode<T>,
  path: string,
  start: number,
  values: string[],
  depth: number,
): Leaf<T> | undefined {
  if (start > path.length) return node.leaf
  if (node.statics !== undefined) {
    const found = walkStatic(node, node.statics, path, start, values, depth)
    if (found !== undefined) return found
  }
  if (node.param !== undefined) {
    const end = segmentEnd(path, start)
    if (end > start) {
      values[depth] = path.slice(start, end)
      const found = walkPath(node.param, path, end + 1, values, depth + 1)
      if (found !== undefined) return found
    }
  }
  if (node.wildcard !== undefined && start < path.length) {
    values[depth] = path.slice(start)
    return node.wildcard
  }
  return undefined
}

/** {@link walkPath} into the static child named by the segment at `start`, if there is one. */
function walkStatic<T>(
  node: TrieNode<T>,
  statics: Map<string, TrieNode<T>>,
  path: string,
  start: number,
  values: string[],
  depth: number,
): Leaf<T> | undefined {
  const keys = node.scanKeys
  if (keys === undefined) {
    const end = segmentEnd(path, start)
    const child = statics.get(path.slice(start, end))
    return child === undefined ? undefined : walkPath(child, path, end + 1, values, depth)
  }
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string
    const after = start + key.length
    // The key is the whole segment: it is there, and a '/' or the path's end follows it.
    if ((after === path.length || path.charCodeAt(after) === 47) && path.startsWith(key, start)) {
      return walkPath((node.scanNodes as TrieNode<T>[])[i] as TrieNode<T>, path, after + 1, values, depth)
    }
  }
  return undefined
}

/** {@link walkPath} over already-decoded segments (a decoded segment may hold a '/'). */
export function walkSegments<T>(
  node: TrieNode<T>,
  segments: readonly string[],
  index: number,
  values: string[],
  depth: number,
): Leaf<T> | undefined {
  if (index === segments.length) return node.leaf
  const segment = segments[index] as string
  const staticChild = node.statics?.get(segment)
  if (staticChild !== undefined) {
    const found = walkSegments(staticChild, segments, index + 1, values, depth)
    if (found !== undefined) return found
  }
  if (node.param !== undefined && segment !== '') {
    values[depth] = segment
    const found = walkSegments(node.param, segments, index + 1, values, depth + 1)
    if (found !== undefined) return found
  }
  if (node.wildcard !== undefined) {
    const rest = segments.slice(index).join('/')
    if (rest !== '') {
      values[depth] = rest
      return node.wildcard
    }
  }
  return undefined
}
