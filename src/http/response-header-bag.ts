import type { ResponseHeaders } from './rest-response.js'

/**
 * Header fields that dependencies add to the response of the current request — including error
 * responses — such as `Set-Cookie` from a session, `RateLimit` from a limiter or `Vary` from
 * negotiation. Values in a handler's own response win, except `Set-Cookie` and `Vary`, which add up.
 *
 * @example
 * app.dependency('session', ({ responseHeaders }) => {
 *   responseHeaders.append('set-cookie', 'sid=abc; HttpOnly; Path=/')
 * })
 */
export class ResponseHeaderBag {
  readonly #fields: ResponseHeaders = {}

  /** Sets a field, replacing earlier values. */
  set(name: string, value: string): this {
    this.#fields[name.toLowerCase()] = value
    return this
  }

  /** Adds a value to a field (several `Set-Cookie` lines, or a comma-joined list). */
  append(name: string, value: string): this {
    const key = name.toLowerCase()
    const existing = this.#fields[key]
    if (existing === undefined) this.#fields[key] = key === 'set-cookie' ? [value] : value
    else if (Array.isArray(existing)) existing.push(value)
    else this.#fields[key] = `${existing}, ${value}`
    return this
  }

  /** The current value of a field, if set. */
  get(name: string): string | readonly string[] | undefined {
    return this.#fields[name.toLowerCase()]
  }

  /** Removes a field. */
  delete(name: string): boolean {
    const key = name.toLowerCase()
    const had = key in this.#fields
    delete this.#fields[key]
    return had
  }

  /** Merges the fields into a response's headers (see the class comment for precedence). */
  applyTo(headers: ResponseHeaders): void {
    for (const name of Object.keys(this.#fields)) {
      const value = this.#fields[name] as string | string[]
      const existing = headers[name]
      if (existing === undefined) headers[name] = Array.isArray(value) ? [...value] : value
      else if (name === 'set-cookie') headers[name] = [...toList(existing), ...toList(value)]
      else if (name === 'vary') headers[name] = `${existing}, ${value}`
    }
  }
}

function toList(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value]
}
