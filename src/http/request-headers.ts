/**
 * Case-insensitive, read-only view of a request's header fields (RFC 9110 §5.1: field names are
 * case-insensitive). It is built lazily from whatever the adapter has — Node's flat `rawHeaders`,
 * Web `Headers`, or plain records — so a request that never reads a header never pays for parsing.
 *
 * @example
 * const auth = headers.get('Authorization') // same as headers.get('authorization')
 */
export class RequestHeaders implements Iterable<[string, string]> {
  #flat: readonly string[] | undefined
  #fields: Map<string, string[]> | undefined
  /** A Web `Headers` read in place until something needs every field (`keys`, `entries`). */
  #web: Headers | undefined
  /** Whose `headers` the view takes on its first read (a Fetch request). */
  #owner: { readonly headers: Headers } | undefined
  #scans = 0

  private constructor(
    flat: readonly string[] | undefined,
    fields: Map<string, string[]> | undefined,
    web?: Headers,
    owner?: { readonly headers: Headers },
  ) {
    this.#flat = flat
    this.#fields = fields
    this.#web = web
    this.#owner = owner
  }

  /**
   * A view of a Web `Headers` object (a Fetch runtime's request): fields are read from it on demand,
   * not copied, so a request pays only for the fields it reads. `Headers` already combines repeated
   * lines with `, ` (Fetch standard, "get"), as {@link RequestHeaders.get} does.
   */
  static fromWeb(headers: Headers): RequestHeaders {
    return new RequestHeaders(undefined, undefined, headers)
  }

  /**
   * {@link RequestHeaders.fromWeb} for a Web `Request`, whose `headers` are not even asked for until
   * a field is read: on Bun a server request's `Headers` object is built on that first access
   * (~0.9 µs), which a route that reads no header (and its 404) never needs.
   */
  static fromWebRequest(request: { readonly headers: Headers }): RequestHeaders {
    return new RequestHeaders(undefined, undefined, undefined, request)
  }

  /** The Web `Headers` this view reads, taken from its request on first use. */
  #webHeaders(): Headers | undefined {
    const owner = this.#owner
    if (owner !== undefined) {
      this.#web = owner.headers
      this.#owner = undefined
    }
    return this.#web
  }

  /** Builds headers from a flat `[name, value, name, value, …]` list, like Node's `rawHeaders`. */
  static fromFlat(flat: readonly string[]): RequestHeaders {
    return new RequestHeaders(flat, undefined)
  }

  /** Builds headers from `[name, value]` pairs, a Web `Headers` object, or a plain record. */
  static from(
    source: Iterable<readonly [string, string]> | Record<string, string | readonly string[] | undefined>,
  ): RequestHeaders {
    const fields = new Map<string, string[]>()
    const add = (name: string, value: string) => {
      const key = name.toLowerCase()
      const list = fields.get(key)
      if (list) list.push(value)
      else fields.set(key, [value])
    }
    if (isIterable(source)) {
      for (const [name, value] of source) add(name, value)
    } else {
      for (const name of Object.keys(source)) {
        const value = source[name]
        if (typeof value === 'string') add(name, value)
        else if (Array.isArray(value)) for (const item of value) add(name, item)
      }
    }
    return new RequestHeaders(undefined, fields)
  }

  #map(): Map<string, string[]> {
    let fields = this.#fields
    if (fields === undefined && this.#webHeaders() !== undefined) {
      fields = fieldsOf(this.#web as Headers)
      this.#fields = fields
      this.#web = undefined
    }
    if (fields === undefined) {
      fields = new Map()
      const flat = this.#flat ?? []
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const key = (flat[i] as string).toLowerCase()
        const value = flat[i + 1] as string
        const list = fields.get(key)
        if (list) list.push(value)
        else fields.set(key, [value])
      }
      this.#fields = fields
      this.#flat = undefined
    }
    return fields
  }

  /**
   * The field's combined value, or `null` when absent. Repeated lines are joined with `, `
   * (RFC 9110 §5.3), except `Cookie`, whose lines are joined with `; ` (RFC 6265 §5.4).
   */
  get(name: string): string | null {
    const web = this.#webHeaders()
    if (web !== undefined) return webGet(web, name)
    const key = name.toLowerCase()
    const flat = this.#flat
    // Most requests read a handful of fields: scanning the flat list is cheaper than building a map.
    if (flat !== undefined && ++this.#scans <= SCANS_BEFORE_MAP) return scan(flat, key)
    const values = this.#map().get(key)
    if (values === undefined) return null
    if (values.length === 1) return values[0] as string
    return values.join(key === 'cookie' ? '; ' : ', ')
  }

  /** Every field line received under this name, in order (empty when absent). */
  getAll(name: string): readonly string[] {
    const web = this.#webHeaders()
    if (web !== undefined) {
      // Headers keeps Set-Cookie lines apart; every other field comes back combined, as one line.
      if (name.toLowerCase() === 'set-cookie') return web.getSetCookie()
      const value = webGet(web, name)
      return value === null ? [] : [value]
    }
    const key = name.toLowerCase()
    const flat = this.#flat
    if (flat === undefined) return this.#map().get(key) ?? []
    const found: string[] = []
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const field = flat[i] as string
      if (field.length === key.length && field.toLowerCase() === key) found.push(flat[i + 1] as string)
    }
    return found
  }

  /** Whether the field was received at all. */
  has(name: string): boolean {
    const web = this.#webHeaders()
    if (web !== undefined) return webGet(web, name) !== null
    return this.#map().has(name.toLowerCase())
  }

  /** Lower-cased field names with their combined values. */
  *entries(): IterableIterator<[string, string]> {
    for (const key of this.#map().keys()) yield [key, this.get(key) as string]
  }

  /** Lower-cased names of every field received. */
  keys(): IterableIterator<string> {
    return this.#map().keys()
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries()
  }

  /** A plain object of lower-cased names to combined values (for logging or serialising). */
  toJSON(): Record<string, string> {
    const out: Record<string, string> = Object.create(null)
    for (const [key, value] of this.entries()) out[key] = value
    return out
  }
}

const SCANS_BEFORE_MAP = 6

function scan(flat: readonly string[], key: string): string | null {
  let found: string | null = null
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const field = flat[i] as string
    if (field.length !== key.length || field.toLowerCase() !== key) continue
    const value = flat[i + 1] as string
    found = found === null ? value : `${found}${key === 'cookie' ? '; ' : ', '}${value}`
  }
  return found
}

/**
 * `Headers.get`, except that a name that is not a valid field name (which `Headers` refuses with a
 * TypeError) is simply absent, as it is for headers from any other source.
 */
function webGet(headers: Headers, name: string): string | null {
  try {
    return headers.get(name)
  } catch {
    return null
  }
}

/** Every field of a Web `Headers`, as `from` would have read it (names already lower-cased). */
function fieldsOf(headers: Headers): Map<string, string[]> {
  const fields = new Map<string, string[]>()
  for (const [name, value] of headers) {
    const list = fields.get(name)
    if (list) list.push(value)
    else fields.set(name, [value])
  }
  return fields
}

function isIterable(value: unknown): value is Iterable<readonly [string, string]> {
  return typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
}
