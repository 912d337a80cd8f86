import { ConfigurationError } from '../../errors/index.js'
import {
  anyValue,
  type Emit,
  mismatch,
  prepare,
  primitive,
  writeBoolean,
  writeNumber,
  writeString,
} from './emit.js'
import { arrayOf, closedObject, openObject, type PropertyPlan } from './emit-structures.js'
import type { Shape, Shapes } from './shapes.js'

/** A JSON Schema (2020-12 or draft-07 keywords) as plain data. */
export type JsonSchemaNode = boolean | { readonly [keyword: string]: unknown }

/** Keywords that only describe: a `$ref` beside them is still just the reference. */
const ANNOTATIONS = new Set([
  '$ref',
  '$schema',
  '$id',
  '$comment',
  '$defs',
  'definitions',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'format',
  'contentMediaType',
  'contentEncoding',
])
/** Keywords that change which values or properties a node allows in ways this compiler does not read. */
const UNREAD = [
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'prefixItems',
  'patternProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'dependentSchemas',
  'dependencies',
  '$dynamicRef',
  '$recursiveRef',
]
const PRIMITIVES: Readonly<Record<string, [(value: unknown) => boolean, (value: never) => string]>> = {
  string: [(v) => typeof v === 'string', writeString],
  number: [(v) => typeof v === 'number', writeNumber],
  integer: [(v) => Number.isInteger(v), writeNumber],
  boolean: [(v) => typeof v === 'boolean', writeBoolean],
  null: [(v) => v === null, () => 'null'],
}

/**
 * Compiles schema nodes into closures (src/render/json/emit*.ts), once per node object, recording
 * the shapes the code generator can write inline. See {@link compileJsonSerializer} for what is read.
 */
export class Compiler {
  readonly #done = new Map<object, Emit>()
  readonly root: JsonSchemaNode
  /** What the code generator can write inline, by node. */
  readonly shapes: Shapes = new Map()

  constructor(root: JsonSchemaNode) {
    this.root = root
  }

  node(schema: unknown): Emit {
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return anyValue
    const known = this.#done.get(schema)
    if (known !== undefined) return known
    // A recursive schema meets itself while being compiled: calls go through a forwarder.
    let compiled: Emit = anyValue
    const forwarder: Emit = (value, key, lenient) => compiled(value, key, lenient)
    this.#done.set(schema, forwarder)
    compiled = this.#compile(schema as Record<string, unknown>)
    this.#done.set(schema, compiled)
    const shape = this.shapes.get(compiled)
    if (shape !== undefined) this.shapes.set(forwarder, shape)
    return compiled
  }

  #compile(schema: Record<string, unknown>): Emit {
    if (UNREAD.some((keyword) => keyword in schema)) return anyValue
    if (typeof schema.$ref === 'string') {
      if (!Object.keys(schema).every((keyword) => ANNOTATIONS.has(keyword))) return anyValue
      return this.node(this.#resolve(schema.$ref))
    }
    if ('const' in schema) return this.#literals([schema.const])
    if (Array.isArray(schema.enum)) return this.#literals(schema.enum)
    const union = schema.anyOf ?? schema.oneOf
    if (union !== undefined) return 'type' in schema ? anyValue : this.#nullable(union)
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type
    if (!Array.isArray(types) || types.length === 0) return anyValue
    const emits = types.map((type) => this.#typed(String(type), schema))
    const emit = emits.length === 1 ? (emits[0] as Emit) : this.#oneOfTypes(types as string[], emits)
    // OpenAPI 3.0's way of saying "or null".
    return schema.nullable === true ? this.#orNull(emit) : emit
  }

  #typed(type: string, schema: Record<string, unknown>): Emit {
    if (type === 'object') return this.#object(schema)
    if (type === 'array') {
      if (Array.isArray(schema.items)) return anyValue
      const items = this.node(schema.items ?? true)
      return this.#shaped(arrayOf(items), { kind: 'array', items })
    }
    const entry = PRIMITIVES[type]
    if (entry === undefined) return anyValue
    const emit = primitive(entry[0], entry[1], type)
    return type === 'null'
      ? emit
      : this.#shaped(emit, { kind: type as 'string' | 'number' | 'integer' | 'boolean' })
  }

  /** `enum`/`const` of JSON primitives: each allowed value's text, written once. */
  #literals(values: readonly unknown[]): Emit {
    if (!values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)))
      return anyValue
    const texts = new Map(values.map((v) => [v, JSON.stringify(v) as string]))
    return this.#shaped(literals(texts, values), { kind: 'literal', texts })
  }

  #shaped(emit: Emit, shape: Shape): Emit {
    this.shapes.set(emit, shape)
    return emit
  }

  #orNull(inner: Emit): Emit {
    const emit: Emit = (value, key, lenient) => (value === null ? 'null' : inner(value, key, lenient))
    return this.#shaped(emit, { kind: 'nullable', inner })
  }

  #object(schema: Record<string, unknown>): Emit {
    const declared = (schema.properties ?? {}) as Record<string, unknown>
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : [])
    const properties: PropertyPlan[] = Object.keys(declared).map((name) => ({
      name,
      prefix: `${JSON.stringify(name)}:`,
      emit: this.node(declared[name]),
      required: required.delete(name),
    }))
    // A required name without a schema of its own still has to be there, with any value.
    for (const name of required)
      properties.push({ name, prefix: `${JSON.stringify(name)}:`, emit: anyValue, required: true })
    const additional = schema.additionalProperties
    // Declared properties close the object (extras dropped, docs/decisions/0515); a bare
    // `{ type: 'object' }` declares none, and means any object, written whole.
    const closed = additional === false || (additional === undefined && 'properties' in schema)
    if (closed) return this.#shaped(closedObject(properties), { kind: 'object', properties })
    return openObject(properties, this.node(additional ?? true))
  }

  /** `anyOf`/`oneOf` of one schema and `{ type: 'null' }` (how libraries write "nullable"). */
  #nullable(union: unknown): Emit {
    if (!Array.isArray(union)) return anyValue
    const isNull = (branch: unknown) =>
      typeof branch === 'object' &&
      branch !== null &&
      (branch as { type?: unknown }).type === 'null' &&
      Object.keys(branch).length === 1
    const others = union.filter((branch) => !isNull(branch))
    if (others.length !== 1 || others.length === union.length) return anyValue
    return this.#orNull(this.node(others[0]))
  }

  /** `type: [...]`: the first listed type that accepts the value (after `toJSON`) writes it. */
  #oneOfTypes(types: readonly string[], emits: readonly Emit[]): Emit {
    if (types.some((type) => PRIMITIVES[type] === undefined && type !== 'object' && type !== 'array'))
      return anyValue
    const tests = types.map((type) => accepterOf(type))
    const expected = types.join(' or ')
    const pick = (candidate: unknown) => tests.findIndex((test) => test(candidate))
    return (value, key, lenient) => {
      let chosen = pick(value)
      if (chosen >= 0) return (emits[chosen] as Emit)(value, key, lenient)
      // toJSON runs once: the chosen node gets the prepared value.
      const prepared = prepare(value, key)
      chosen = pick(prepared)
      if (chosen >= 0) return (emits[chosen] as Emit)(prepared, key, lenient)
      return mismatch(prepared, key, expected, lenient)
    }
  }

  #resolve(ref: string): unknown {
    if (!ref.startsWith('#'))
      throw new ConfigurationError(`returns: only local $refs are supported, not '${ref}'`)
    let target: unknown = this.root
    const pointer = decodeURIComponent(ref.slice(1))
    if (pointer !== '') {
      for (const token of pointer.slice(1).split('/')) {
        const step = token.replaceAll('~1', '/').replaceAll('~0', '~')
        target =
          typeof target === 'object' && target !== null && Object.hasOwn(target, step)
            ? (target as Record<string, unknown>)[step]
            : undefined
        if (target === undefined)
          throw new ConfigurationError(`returns: the $ref '${ref}' points nowhere in the schema`)
      }
    }
    return target
  }
}

function accepterOf(type: string): (value: unknown) => boolean {
  if (type === 'object')
    return (v) =>
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      typeof (v as { toJSON?: unknown }).toJSON !== 'function'
  if (type === 'array') return Array.isArray
  return (PRIMITIVES[type] as [(value: unknown) => boolean, unknown])[0]
}

/** `enum`/`const` of JSON primitives: each allowed value's text, written once. */
function literals(texts: ReadonlyMap<unknown, string>, values: readonly unknown[]): Emit {
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`
  return (value, key, lenient) => {
    const text = texts.get(value)
    if (text !== undefined) return text
    const prepared = prepare(value, key)
    return texts.get(prepared) ?? mismatch(prepared, key, expected, lenient)
  }
}
