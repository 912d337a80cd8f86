import { type Emit, mismatch, prepare } from './emit.js'

export type { Emit }

import { ResponseShapeError } from './shape-error.js'

/** One declared property of an object node, its `"name":` written once at compile time. */
export interface PropertyPlan {
  readonly name: string
  /** `JSON.stringify(name) + ':'`: the name is always written as a JSON string literal. */
  readonly prefix: string
  readonly emit: Emit
  readonly required: boolean
}

/** Names every object inherits (`constructor`, `toString`, `__proto__`…): read only when own. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype))
const isEnumerable = Object.prototype.propertyIsEnumerable

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A plain object (literal, `JSON.parse`, `Object.create(null)`): its own properties are all it has. */
function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * The property's value as `JSON.stringify` sees it: own and enumerable. On plain objects a direct
 * read is that, except for names `Object.prototype` has; other objects (class instances) are
 * checked, so a getter on a prototype is never written (JSON.stringify does not see it either).
 */
function read(value: Record<string, unknown>, name: string, plain: boolean, guarded: boolean): unknown {
  if (plain && !guarded) return value[name]
  return isEnumerable.call(value, name) ? value[name] : undefined
}

function absent(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}

/** The value as an object node reads it: itself when a record without `toJSON`, else prepared. */
function asRecord(value: unknown, key: string | number): unknown {
  return isRecord(value) && typeof value.toJSON !== 'function' ? value : prepare(value, key)
}

/** Adds the place to a shape error on its way out (its path is built from the leaf up). */
function located(error: unknown, step: string | number): unknown {
  if (error instanceof ResponseShapeError) error.path.unshift(step)
  return error
}

function missing(raw: unknown): ResponseShapeError {
  return new ResponseShapeError('a present property', typeof raw)
}

/**
 * An object node with only its declared properties written, in the schema's order (undeclared ones
 * are dropped: `additionalProperties` absent or `false`). Equal to `JSON.stringify` when the data's
 * own keys come in that order.
 */
export function closedObject(properties: readonly PropertyPlan[]): Emit {
  const guarded = properties.map((p) => INHERITED.has(p.name))
  return (value, key, lenient) => {
    const record = asRecord(value, key)
    if (!isRecord(record)) return mismatch(record, key, 'object', lenient)
    const plain = isPlain(record)
    let out = '{'
    let i = 0
    try {
      for (; i < properties.length; i++) {
        const property = properties[i] as PropertyPlan
        const raw = read(record, property.name, plain, guarded[i] as boolean)
        if (absent(raw)) {
          if (property.required && !lenient) throw missing(raw)
          continue
        }
        const text = property.emit(raw, property.name, lenient)
        if (text !== undefined)
          out += out.length === 1 ? property.prefix + text : `,${property.prefix}${text}`
      }
    } catch (error) {
      throw located(error, (properties[i] as PropertyPlan).name)
    }
    return `${out}}`
  }
}

/**
 * An object node whose undeclared properties are written too (`additionalProperties` `true` or a
 * schema): the data's own keys in their order, as `JSON.stringify` writes them.
 */
export function openObject(properties: readonly PropertyPlan[], additional: Emit): Emit {
  const byName = new Map(properties.map((p) => [p.name, p]))
  const required = properties.filter((p) => p.required).map((p) => p.name)
  return (value, key, lenient) => {
    const record = asRecord(value, key)
    if (!isRecord(record)) return mismatch(record, key, 'object', lenient)
    if (!lenient) checkRequired(record, required)
    let out = '{'
    let name = ''
    try {
      for (name of Object.keys(record)) {
        const raw = record[name]
        if (absent(raw)) continue
        const text = (byName.get(name)?.emit ?? additional)(raw, name, lenient)
        if (text !== undefined) out += `${out.length === 1 ? '' : ','}${JSON.stringify(name)}:${text}`
      }
    } catch (error) {
      throw located(error, name)
    }
    return `${out}}`
  }
}

function checkRequired(record: Record<string, unknown>, required: readonly string[]): void {
  for (const name of required) {
    const raw = isEnumerable.call(record, name) ? record[name] : undefined
    if (absent(raw)) throw located(missing(raw), name)
  }
}

/** An array node: each element through `items`; an element written as nothing becomes `null`. */
export function arrayOf(items: Emit): Emit {
  return (value, key, lenient) => {
    const list =
      Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function'
        ? value
        : prepare(value, key)
    if (!Array.isArray(list)) return mismatch(list, key, 'array', lenient)
    if (list.length === 0) return '[]'
    let out = '['
    let i = 0
    try {
      for (; i < list.length; i++) {
        const text = items(list[i], i, lenient)
        out += i === 0 ? (text ?? 'null') : `,${text ?? 'null'}`
      }
    } catch (error) {
      throw located(error, i)
    }
    return `${out}]`
  }
}
