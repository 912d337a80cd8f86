/**
 * A response body that does not have the shape its route declared (`returns`): a required property
 * missing, or a value of another type than the schema says. Its message names the place
 * (`$.items[3].price`) and is for logs only; the client gets a generic 500 (or, in production, the
 * body, and the mismatch is logged; see docs/decisions/0515).
 *
 * @example
 * new ResponseShapeError('number', 'string') // message: '… at $: expected number, got string'
 */
export class ResponseShapeError extends Error {
  /** Where the mismatch is, from the body's root: property names and array indexes. */
  readonly path: (string | number)[] = []

  /** What the schema declares there (`'number'`, `'a present property'`, `'one of "a", "b"'`…). */
  readonly expected: string
  /** What the value was (`'string'`, `'undefined'`, `'array'`…). */
  readonly received: string

  constructor(expected: string, received: string) {
    super("response body does not match the route's declared schema")
    this.name = 'ResponseShapeError'
    this.expected = expected
    this.received = received
  }

  /** The place as a JSONPath-like string, e.g. `$.items[3].price`. */
  get where(): string {
    let text = '$'
    for (const step of this.path)
      text +=
        typeof step === 'number'
          ? `[${step}]`
          : /^[A-Za-z_$][\w$]*$/.test(step)
            ? `.${step}`
            : `[${JSON.stringify(step)}]`
    return text
  }

  /** Writes the message once the path is complete (the serializer calls it as the error leaves). */
  finish(): this {
    this.message = `response body does not match the route's declared schema at ${this.where}: expected ${this.expected}, got ${this.received}`
    return this
  }
}

/** How a value is described in a {@link ResponseShapeError}. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}
