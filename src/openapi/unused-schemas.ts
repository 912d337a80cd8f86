import type { OpenApiDocument } from './openapi-types.js'

const PREFIX = '#/components/schemas/'

/**
 * Removes the schemas nothing refers to (the shared `Error` when every error body is the
 * application's own, `ValidationError` when no route validates…), following `$ref`s from the
 * paths through the schemas they reach.
 *
 * @example
 * dropUnusedSchemas(document) // components.schemas keeps only what some response or body uses
 */
export function dropUnusedSchemas(document: OpenApiDocument): void {
  const schemas = document.components.schemas
  const used = new Set<string>()
  const pending = [...refsIn(document.paths)]
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (used.has(name) || !Object.hasOwn(schemas, name)) continue
    used.add(name)
    pending.push(...refsIn(schemas[name]))
  }
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name]
}

// Every schema name a `$ref` in the value points at (JSON Pointer escapes: RFC 6901 §4).
function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found)
  else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      if (key === '$ref' && typeof member === 'string' && member.startsWith(PREFIX)) {
        found.push(schemaName(member.slice(PREFIX.length)))
      } else refsIn(member, found)
    }
  }
  return found
}

// The schema a pointer below `#/components/schemas/` is in: its first reference token, unescaped.
function schemaName(pointer: string): string {
  const end = pointer.indexOf('/')
  const token = end === -1 ? pointer : pointer.slice(0, end)
  return token.replace(/~1/g, '/').replace(/~0/g, '~')
}
