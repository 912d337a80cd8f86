/** Options of {@link respond}. */
export interface ReplyInit<Status extends number = number> {
  /** The status code; defaults to 200 (204 when the value is `null` or `undefined`). */
  status?: Status
  /** Header fields to send. Names are case-insensitive; arrays send the field once per value. */
  headers?: Record<string, string | number | readonly string[]>
}

/**
 * A handler's value together with the status and headers to send it with. The value is rendered
 * like any returned value (objects as JSON, strings as text). `Value` and `Status` are what the
 * typed client (`restmachine/client`) reads; they cost nothing at run time.
 */
export class Reply<Value = unknown, Status extends number = number> {
  /** The status a typed client sees, as a type only (never set). */
  declare readonly '~status'?: Status
  /** The value to render. */
  readonly value: Value
  /** The status code, or `undefined` to derive it from the value. */
  readonly status: number | undefined
  /** Header fields with lower-case names. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>

  constructor(
    value: Value,
    status: number | undefined,
    headers: Readonly<Record<string, string | readonly string[]>>,
  ) {
    this.value = value
    this.status = status
    this.headers = headers
  }
}

/**
 * Returns a value with an explicit status and headers. A body given with 204 or 304 is dropped
 * (RFC 9110 §15.3.5, §15.4.5), never sent.
 *
 * @example
 * app.post('/posts', ({ jsonBody }) => respond(created, { status: 201, headers: { location: '/posts/3' } }))
 */
export function respond<Value, const Status extends number = 200>(
  value: Value,
  init: ReplyInit<Status> = {},
): Reply<Value, Status> {
  const status = init.status
  if (status !== undefined && (!Number.isInteger(status) || status < 200 || status > 599)) {
    throw new RangeError(`respond(): status must be an integer from 200 to 599, got ${status}`)
  }
  return new Reply(value, status, lowerCased(init.headers))
}

/** Header fields with lower-case names and numbers as text (a later spelling of a name wins). */
function lowerCased(fields: ReplyInit['headers']): Record<string, string | readonly string[]> {
  const headers: Record<string, string | readonly string[]> = {}
  if (fields === undefined) return headers
  // Object.keys, not Object.entries: no [name, value] array per field on this per-request path.
  for (const name of Object.keys(fields)) {
    const value = fields[name] as string | number | readonly string[]
    headers[name.toLowerCase()] = typeof value === 'number' ? String(value) : value
  }
  return headers
}

/**
 * Returns a value as 201 Created with a `Location` (RFC 9110 §15.3.2), for a POST that creates.
 *
 * @example
 * app.post('/documents', ({ store, input }) => { const doc = store.add(input); return created(doc, `/documents/${doc.id}`) })
 */
export function created<Value>(
  value: Value,
  location: string,
  init: Omit<ReplyInit, 'status'> = {},
): Reply<Value, 201> {
  const headers = lowerCased(init.headers)
  headers.location = location
  return new Reply(value, 201, headers)
}
