import type { Emit, PropertyPlan } from './emit-structures.js'

/**
 * What the code generator knows of a compiled node (src/render/json/generate.ts): enough to write
 * its common case inline. Nodes without a shape are called as their closure.
 */
export type Shape =
  | { readonly kind: 'string' | 'number' | 'integer' | 'boolean' }
  | { readonly kind: 'object'; readonly properties: readonly PropertyPlan[] }
  | { readonly kind: 'array'; readonly items: Emit }
  | { readonly kind: 'nullable'; readonly inner: Emit }
  | { readonly kind: 'literal'; readonly texts: ReadonlyMap<unknown, string> }

/** The shapes of a schema's compiled nodes, by their closure. */
export type Shapes = Map<Emit, Shape>
