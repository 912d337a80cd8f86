import type { Emit } from './emit.js'
import { writeNumber, writeString } from './emit.js'
import type { PropertyPlan } from './emit-structures.js'
import type { Shape, Shapes } from './shapes.js'

/** A generated writer: strict (a wrong shape throws), without the place (the closures find it). */
export type GeneratedWrite = (value: unknown, key: string) => string | undefined

const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype))
const isEnumerable = (value: object, name: string) => Object.prototype.propertyIsEnumerable.call(value, name)
const isPlain = (value: object) => {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * Generates one function per object and array node of a compiled schema with `new Function`, each
 * writing its common case inline (a plain object's declared properties, an array's items, strings
 * and numbers of the right type) and calling the node's closure for everything else. Only two kinds
 * of text from the schema reach the source: property names and `"name":` prefixes, both as
 * `JSON.stringify` literals (a JSON string is a valid JavaScript string literal), never raw; the
 * rest is indexes into arrays passed in. `undefined` when code cannot be generated (a runtime that
 * forbids it, such as Cloudflare Workers) or the root is not an object or array.
 *
 * @example
 * generateWriter(root, shapes)?.(value, '') // the same text as root(value, '', false)
 */
export function generateWriter(root: Emit, shapes: Shapes): GeneratedWrite | undefined {
  const rootShape = shapes.get(root)
  if (rootShape?.kind !== 'object' && rootShape?.kind !== 'array') return undefined
  const closures: Emit[] = []
  const literalTexts: ReadonlyMap<unknown, string>[] = []
  const generated = new Map<Emit, number>()
  const sources: string[] = []

  const closure = (emit: Emit): string => {
    let index = closures.indexOf(emit)
    if (index < 0) index = closures.push(emit) - 1
    return `E[${index}]`
  }
  const fn = (emit: Emit): string => {
    let index = generated.get(emit)
    if (index === undefined) {
      index = sources.length
      generated.set(emit, index)
      sources.push('')
      sources[index] = `G[${index}] = ${functionOf(emit, shapes.get(emit) as Shape)};`
    }
    return `G[${index}]`
  }
  /** Code that writes `x` (the value at key `key`) into `t`, `undefined` meaning "nothing". */
  const valueCode = (emit: Emit, x: string, key: string): string => {
    const shape = shapes.get(emit)
    const slow = `t = ${closure(emit)}(${x}, ${key}, false)`
    switch (shape?.kind) {
      case 'string':
        return `if (typeof ${x} === 'string') t = ws(${x}); else ${slow}`
      case 'number':
        return `if (typeof ${x} === 'number') t = wn(${x}); else ${slow}`
      case 'integer':
        return `if (Number.isInteger(${x})) t = '' + ${x}; else ${slow}`
      case 'boolean':
        return `if (${x} === true) t = 'true'; else if (${x} === false) t = 'false'; else ${slow}`
      case 'object':
      case 'array':
        return `t = ${fn(emit)}(${x}, ${key})`
      case 'literal': {
        const index = literalTexts.push(shape.texts) - 1
        return `t = L[${index}].get(${x}); if (t === undefined) ${slow}`
      }
      case 'nullable':
        return `if (${x} === null) t = 'null'; else { ${valueCode(shape.inner, x, key)} }`
      default:
        return slow
    }
  }
  const propertyCode = (property: PropertyPlan): string => {
    const name = JSON.stringify(property.name)
    const read = INHERITED.has(property.name)
      ? `r = en(v, ${name}) ? v[${name}] : undefined`
      : `r = v[${name}]`
    const missing = property.required ? 'throw miss()' : ''
    return `${read}
    if (r === undefined || typeof r === 'function' || typeof r === 'symbol') { ${missing} }
    else { ${valueCode(property.emit, 'r', name)}
      if (t !== undefined) o += (o.length === 1 ? ${JSON.stringify(property.prefix)} : ${JSON.stringify(`,${property.prefix}`)}) + t }`
  }
  const functionOf = (emit: Emit, shape: Shape): string => {
    if (shape.kind === 'object') {
      return `function (v, k) {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof v.toJSON === 'function' || !plain(v)) return ${closure(emit)}(v, k, false)
  let o = '{', r, t
  ${shape.properties.map(propertyCode).join('\n  ')}
  return o + '}'
}`
    }
    const items = (shape as { items: Emit }).items
    return `function (v, k) {
  if (!Array.isArray(v) || typeof v.toJSON === 'function') return ${closure(emit)}(v, k, false)
  const n = v.length
  if (n === 0) return '[]'
  let o = '[', x, t
  for (let i = 0; i < n; i++) {
    x = v[i]
    ${valueCode(items, 'x', 'i')}
    o += i === 0 ? (t === undefined ? 'null' : t) : (t === undefined ? ',null' : ',' + t)
  }
  return o + ']'
}`
  }

  const entry = fn(root)
  const source = `'use strict';\n${sources.join('\n')}\nreturn ${entry};`
  try {
    const factory = new Function('E', 'G', 'L', 'ws', 'wn', 'plain', 'en', 'miss', source)
    return factory(closures, [], literalTexts, writeString, writeNumber, isPlain, isEnumerable, missingMarker)
  } catch {
    return undefined
  }
}

/**
 * Thrown by generated code for a missing required property: the serializer then runs the closures,
 * which find the place and throw the {@link ResponseShapeError}.
 */
export class GeneratedMismatch extends Error {}
const missingMarker = () => new GeneratedMismatch('a required property is missing')
