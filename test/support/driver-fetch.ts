import type { Driver } from 'restmachine/testing'

const encoder = new TextEncoder()

/**
 * Writes a header name the way HTTP/1.1 clients such as browsers and curl do (`Content-Type`,
 * `If-None-Match`); names are case-insensitive (RFC 9110 §5.1), and it is these spellings that
 * reach a Lambda function through API Gateway REST APIs unchanged.
 */
export function clientSpelling(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase())
}

/**
 * A `fetch` that delivers through a test driver instead of a socket, so that a suite written
 * against `fetch` runs unchanged through a simulated AWS front door. Like a browser or curl on
 * HTTP/1.1 it writes header names capitalised, keeps each given line, adds `Accept: *∕*` and,
 * for a string body without a type, `Content-Type: text/plain;charset=UTF-8` (as `fetch` does).
 * Redirects are not followed.
 *
 * @example
 * const fetch = fetchThrough(throughLambda(handler, 'api-gateway-v1'))
 * const response = await fetch('http://localhost/documents/1', { headers: { 'if-none-match': '"1-v1"' } })
 */
export function fetchThrough(driver: Driver): (input: string, init?: RequestInit) => Promise<Response> {
  return async (input, init = {}) => {
    const url = new URL(input)
    const lines: Array<[string, string]> = headerLines(init.headers).map(([n, v]) => [clientSpelling(n), v])
    const has = (name: string) => lines.some(([n]) => n.toLowerCase() === name)
    let body: Uint8Array | undefined
    if (typeof init.body === 'string') {
      body = encoder.encode(init.body)
      if (!has('content-type')) lines.push(['Content-Type', 'text/plain;charset=UTF-8'])
    } else if (init.body instanceof Uint8Array) body = init.body
    else if (init.body !== undefined && init.body !== null)
      throw new TypeError('fetchThrough: unsupported body')
    if (!has('host')) lines.unshift(['Host', url.host])
    if (!has('accept')) lines.push(['Accept', '*/*'])
    if (body !== undefined && !has('content-length')) lines.push(['Content-Length', String(body.byteLength)])
    const method = (init.method ?? 'GET').toUpperCase()
    const answer = await driver.send({
      method,
      target: `${url.pathname}${url.search}`,
      headers: lines,
      body,
      remoteAddress: '127.0.0.1',
    })
    const headers = new Headers()
    for (const [name, value] of answer.headers) headers.append(name, value)
    const empty = method === 'HEAD' || [101, 204, 205, 304].includes(answer.status)
    return new Response(empty ? null : (answer.body as BodyInit), { status: answer.status, headers })
  }
}

function headerLines(headers: RequestInit['headers']): Array<[string, string]> {
  if (headers === undefined) return []
  if (headers instanceof Headers) return [...headers]
  if (Array.isArray(headers)) return headers.map(([n, v]) => [n as string, v as string])
  return Object.entries(headers as Record<string, string>)
}
