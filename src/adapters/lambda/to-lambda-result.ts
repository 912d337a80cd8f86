import { readLimited } from '../../app/index.js'
import type { RestResponse } from '../../http/index.js'
import { isBodylessStatus, reasonPhrase } from '../../http/index.js'
import type {
  AlbResult,
  ApiGatewayV1Result,
  ApiGatewayV2Result,
  FrontDoor,
  LambdaHttpResult,
} from './aws-events.js'
import { encodeBase64 } from './base64.js'

// Hop-by-hop fields describe our connection, not the message; the front door owns its own
// connections (RFC 9110 §7.6.1), and API Gateway rejects some of them.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection'])
const TEXTUAL =
  /^(?:text\/|application\/(?:json|xml|javascript|ecmascript|x-www-form-urlencoded|graphql|yaml|x-yaml)\b|application\/[\w.+-]+\+(?:json|xml)\b|image\/svg\+xml\b)/i
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const encoder = new TextEncoder()

/**
 * Converts a core response into what the front door expects. The whole content is included even
 * for HEAD: the front door computes `Content-Length` from it and drops it (RFC 9110 §9.3.2).
 * Textual content is sent as text; anything else (or compressed content) as base64 with
 * `isBase64Encoded: true`. `Set-Cookie` goes where each front door looks for it; when a
 * single-value ALB response must drop some, `onDroppedCookies` is called (the handler warns once).
 *
 * @example
 * return toLambdaResult(await app.handle(request), 'api-gateway-v2')
 */
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: one switch over the three front doors' result shapes (27); split per door when the lambda adapter is next touched
export async function toLambdaResult(
  response: RestResponse,
  door: FrontDoor,
  onDroppedCookies?: () => void,
): Promise<LambdaHttpResult> {
  const { status } = response
  const { body, isBase64Encoded } = isBodylessStatus(status)
    ? { body: '', isBase64Encoded: false }
    : await encodeBody(response)
  const single: Record<string, string> = {}
  const multi: Record<string, string[]> = {}
  let cookies: string[] = []
  for (const name of Object.keys(response.headers)) {
    if (HOP_BY_HOP.has(name)) continue
    const value = response.headers[name] as string | string[]
    const values = Array.isArray(value) ? value : [value]
    if (name === 'set-cookie') cookies = values
    else if (values.length === 1) single[name] = values[0] as string
    // RFC 9110 §5.3: repeated list-based fields may be combined with commas.
    else if (door === 'alb-multi-value' || door === 'api-gateway-v1') multi[name] = values
    else single[name] = values.join(', ')
  }
  switch (door) {
    case 'api-gateway-v2':
    case 'function-url': {
      const result: ApiGatewayV2Result = { statusCode: status, headers: single, body, isBase64Encoded }
      if (cookies.length > 0) result.cookies = cookies
      return result
    }
    case 'api-gateway-v1': {
      const result: ApiGatewayV1Result = { statusCode: status, headers: single, body, isBase64Encoded }
      if (cookies.length > 0) multi['set-cookie'] = cookies
      if (Object.keys(multi).length > 0) result.multiValueHeaders = multi
      return result
    }
    case 'alb-multi-value': {
      for (const name of Object.keys(single)) multi[name] = [single[name] as string]
      if (cookies.length > 0) multi['set-cookie'] = cookies
      return {
        statusCode: status,
        statusDescription: describe(status),
        multiValueHeaders: multi,
        body,
        isBase64Encoded,
      }
    }
    case 'alb': {
      if (cookies.length > 0) single['set-cookie'] = onlyOneCookie(cookies, onDroppedCookies)
      const result: AlbResult = {
        statusCode: status,
        statusDescription: describe(status),
        headers: single,
        body,
        isBase64Encoded,
      }
      return result
    }
  }
}

function describe(status: number): string {
  return `${status} ${reasonPhrase(status)}`
}

function onlyOneCookie(cookies: string[], onDropped: (() => void) | undefined): string {
  // RFC 6265 §3: Set-Cookie fields must not be folded into one, and without multi-value headers
  // an ALB response can carry each field name once. Send the first; the caller says how to get all.
  if (cookies.length > 1) onDropped?.()
  return cookies[0] as string
}

async function encodeBody(response: RestResponse): Promise<{ body: string; isBase64Encoded: boolean }> {
  const raw = response.body
  if (raw === null) return { body: '', isBase64Encoded: false }
  const contentType = header(response, 'content-type')
  const encoding = header(response, 'content-encoding')
  const textual = TEXTUAL.test(contentType) && (encoding === '' || encoding.toLowerCase() === 'identity')
  if (typeof raw === 'string' && textual) return { body: raw, isBase64Encoded: false }
  const bytes =
    typeof raw === 'string'
      ? encoder.encode(raw)
      : raw instanceof Uint8Array
        ? raw
        : await readLimited(raw as AsyncIterable<Uint8Array | string>, Number.POSITIVE_INFINITY)
  if (textual) {
    try {
      return { body: strictUtf8.decode(bytes), isBase64Encoded: false }
    } catch {
      // Declared textual but not valid UTF-8: base64 keeps every byte.
    }
  }
  return { body: encodeBase64(bytes), isBase64Encoded: true }
}

function header(response: RestResponse, name: string): string {
  const value = response.headers[name]
  return value === undefined ? '' : Array.isArray(value) ? (value[0] ?? '') : value
}
