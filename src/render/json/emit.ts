import { kindOf, ResponseShapeError } from './shape-error.js'

/**
 * Writes one value of one schema node as JSON text, as `JSON.stringify` would in that place:
 * `undefined` when the value is omitted there (a property that is then left out, `null` in an array).
 * `key` is the property name or array index, passed to `toJSON` as `JSON.stringify` does. When
 * `lenient`, a value of the wrong shape is written as `JSON.stringify` writes it; otherwise it throws
 * a {@link ResponseShapeError}.
 */
export type Emit = (value: unknown, key: string | number, lenient: boolean) => string | undefined

/**
 * What `JSON.stringify` does to a value before looking at its type (ECMA-262 SerializeJSONProperty
 * steps 2 and 4): its `toJSON(key)` result, and boxed primitives (`new Number(1)`) unwrapped.
 */
export function prepare(value: unknown, key: string | number): unknown {
  let prepared = value
  if ((typeof prepared === 'object' && prepared !== null) || typeof prepared === 'bigint') {
    const toJSON = (prepared as { toJSON?: unknown }).toJSON
    if (typeof toJSON === 'function') prepared = toJSON.call(prepared, String(key))
  }
  if (typeof prepared === 'object' && prepared !== null) {
    if (prepared instanceof Number) return Number(prepared)
    if (prepared instanceof String) return String(prepared)
    if (prepared instanceof Boolean) return prepared.valueOf()
  }
  return prepared
}

/**
 * A value the schema does not describe (or describes with keywords this compiler does not read):
 * written by `JSON.stringify` itself, `toJSON` called with the same key.
 */
export const anyValue: Emit = (value, key) => {
  if (((typeof value === 'object' && value !== null) || typeof value === 'bigint') && hasToJSON(value)) {
    // toJSON receives the property's key: stringify the value in its holder, then cut the holder off.
    const name = String(key)
    const text = JSON.stringify({ [name]: value })
    return text === '{}' ? undefined : text.slice(JSON.stringify(name).length + 2, -1)
  }
  return JSON.stringify(value) as string | undefined
}

function hasToJSON(value: unknown): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function'
}

/** The wrong shape: thrown, or (lenient) written as `JSON.stringify` would. */
export function mismatch(value: unknown, key: string | number, expected: string, lenient: boolean) {
  if (lenient) return anyValue(value, key, true)
  throw new ResponseShapeError(expected, kindOf(value))
}

/**
 * A primitive node (string, number, integer, boolean, null): `accepts` says whether a value has the
 * node's type, `write` writes it. Values of the type take the first test; others are prepared
 * (`toJSON`, boxes) and tested again, so a Date meets a `string` node as its ISO string.
 */
export function primitive(
  accepts: (value: unknown) => boolean,
  write: (value: never) => string,
  expected: string,
): Emit {
  return (value, key, lenient) => {
    if (accepts(value)) return write(value as never)
    const prepared = prepare(value, key)
    if (accepts(prepared)) return write(prepared as never)
    return mismatch(prepared, key, expected, lenient)
  }
}

/**
 * JSON text of a string: quoted as it is when no character needs escaping (RFC 8259 §7: quotation
 * mark, reverse solidus, controls; and surrogates, which `JSON.stringify` writes as `\udXXX` when
 * lone), else `JSON.stringify`'s own escaping. Short strings are scanned here, since a call to
 * `JSON.stringify` costs more than the scan; long ones are left to it.
 */
export const writeString = (value: string): string => {
  if (value.length > 64) return JSON.stringify(value)
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff))
      return JSON.stringify(value)
  }
  return `"${value}"`
}

/** JSON text of a number: `null` for NaN and ±Infinity, `0` for -0, as `JSON.stringify` writes them. */
export const writeNumber = (value: number): string => (Number.isFinite(value) ? `${value}` : 'null')

export const writeBoolean = (value: boolean): string => (value ? 'true' : 'false')
