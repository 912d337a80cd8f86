import { relocate, type SchemaSide, toJsonSchema } from './json-schema.js'
import type { JsonSchema } from './openapi-types.js'

/** A schema stored in `components.schemas`: the `$ref` to use and the stored schema itself. */
export interface RegisteredSchema {
  readonly ref: JsonSchema
  readonly schema: JsonSchema
}

/**
 * Collects the document's `components.schemas`. Each converted schema is stored once, under the name
 * of what registered it (a validator's name), and referenced with `$ref` wherever it is used.
 *
 * @example
 * const registry = new SchemaRegistry()
 * registry.add(DocumentInput, 'documentInput', 'input')?.ref // { $ref: '#/components/schemas/documentInput' }
 */
export class SchemaRegistry {
  /** The `components.schemas` object being built. */
  readonly schemas: Record<string, JsonSchema> = {}
  readonly #seen = new Map<object, Map<SchemaSide, RegisteredSchema | undefined>>()

  /** Stores a fixed schema under a fixed name (the shared error schemas). */
  define(name: string, schema: JsonSchema): JsonSchema {
    this.schemas[name] = schema
    return { $ref: `#/components/schemas/${name}` }
  }

  /**
   * Converts a Standard JSON Schema (or takes a JSON Schema) and stores it; `undefined` when it has
   * no JSON Schema form. The same schema object is stored once per side, named by its own `title`
   * when it has one that fits a component name (zod: `.meta({ title: 'Document' })`), else `preferredName`.
   */
  add(schema: object, preferredName: string, side: SchemaSide): RegisteredSchema | undefined {
    let sides = this.#seen.get(schema)
    if (sides === undefined) {
      sides = new Map()
      this.#seen.set(schema, sides)
    }
    if (sides.has(side)) return sides.get(side)
    const converted = toJsonSchema(schema, side)
    let registered: RegisteredSchema | undefined
    if (converted !== undefined) {
      const title = converted.title
      const name = this.#freeName(
        typeof title === 'string' && /^[A-Za-z0-9._-]+$/.test(title) ? title : preferredName,
      )
      const base = `#/components/schemas/${name}`
      this.schemas[name] = relocate(converted, base)
      registered = { ref: { $ref: base }, schema: this.schemas[name] }
    }
    sides.set(side, registered)
    return registered
  }

  // Component names must match ^[a-zA-Z0-9.\-_]+$ (OpenAPI 3.1 §4.8.7.1); identifiers may contain `$`.
  #freeName(preferred: string): string {
    const base = preferred.replace(/[^A-Za-z0-9._-]/g, '_') || 'Schema'
    let name = base
    for (let n = 2; name in this.schemas; n++) name = `${base}_${n}`
    return name
  }
}
