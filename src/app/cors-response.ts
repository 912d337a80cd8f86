import {
  appendVary,
  type CorsOptions,
  isPreflight,
  preflightHeaders,
  RestResponse,
  responseHeaders,
} from '../http/index.js'
import type { Exchange } from '../machine/index.js'

/** The CORS settings that govern a request: its route's, else the application's. */
export function corsFor(exchange: Exchange, appCors: CorsOptions | undefined): CorsOptions | undefined {
  const plan = exchange.plan
  if (plan !== undefined && plan.handler !== undefined)
    return plan.cors === false ? undefined : (plan.cors ?? appCors)
  return appCors
}

/**
 * Answers OPTIONS: 204 with `Allow` (RFC 9110 §9.3.7) and, for a CORS preflight the route's settings
 * allow, the `Access-Control-*` answer (Fetch §3.2). A refused preflight gets no CORS headers, so the
 * browser blocks the actual request.
 */
export function optionsResponse(exchange: Exchange, appCors: CorsOptions | undefined): RestResponse {
  const entry = exchange.entry
  const allow = entry?.allow ?? ''
  const response = new RestResponse(204, { allow })
  const headers = exchange.request.headers
  if (entry === undefined || !isPreflight(exchange.request.method, headers)) return response
  const requestMethod = headers.get('access-control-request-method') as string
  const target =
    entry.methods.get(requestMethod) ?? (requestMethod === 'HEAD' ? entry.methods.get('GET') : undefined)
  const cors = target === undefined ? appCors : target.cors === false ? undefined : (target.cors ?? appCors)
  if (cors === undefined) return response
  const answer = preflightHeaders(
    cors,
    {
      origin: headers.get('origin') as string,
      requestMethod,
      requestHeaders: headers.get('access-control-request-headers'),
    },
    allow.split(', '),
  )
  if (answer !== null) Object.assign(response.headers, answer)
  return response
}

/** Adds CORS response headers (and `Vary: Origin`) to any response of a CORS-enabled route, errors included. */
export function applyCors(exchange: Exchange, response: RestResponse, cors: CorsOptions): void {
  if (response.headers['access-control-allow-origin'] !== undefined) return // a preflight answer
  const fields = responseHeaders(cors, exchange.request.headers.get('origin'))
  for (const name of Object.keys(fields)) {
    const value = fields[name] as string
    if (name === 'vary') {
      const existing = response.headers.vary
      response.headers.vary = appendVary(
        Array.isArray(existing) ? existing.join(', ') : existing,
        value.split(', '),
      )
    } else response.headers[name] = value
  }
}
