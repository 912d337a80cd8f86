// Response bodies written as JSON from a declared schema (a route's `returns`), docs/decisions/0515.
export { compileJsonSerializer, type JsonSchemaNode, type JsonSerializer } from './compile-serializer.js'
export { ResponseShapeError } from './shape-error.js'
