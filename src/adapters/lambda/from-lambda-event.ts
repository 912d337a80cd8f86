import { ContentTooLarge } from '../../errors/index.js'
import { type BodyReader, RequestHeaders, RestRequest } from '../../http/index.js'
import type {
  AlbEvent,
  ApiGatewayV1Event,
  ApiGatewayV2Event,
  FrontDoor,
  LambdaContext,
  LambdaHttpEvent,
} from './aws-events.js'
import { decodeBase64 } from './base64.js'
import { restApiBasePath, stripPrefix, toEncodedPath } from './encoded-path.js'
import { fromAwsClientCert, LambdaInvocation } from './lambda-invocation.js'

/** How paths are mapped; see `LambdaHandlerOptions.basePath`. */
export interface PathOptions {
  basePath?: string
}

const encoder = new TextEncoder()
type Flat = string[]

/**
 * Builds the core request from a Lambda event of the given front door: headers (multi-value where
 * the front door has them), cookies, the query, the path without stage or base path, the body
 * (base64-decoded when flagged), and a {@link LambdaInvocation} as `raw`.
 *
 * @example
 * const request = fromLambdaEvent(event, context, detectFrontDoor(event)!)
 */
export function fromLambdaEvent(
  event: LambdaHttpEvent,
  context: LambdaContext,
  door: FrontDoor,
  options: PathOptions = {},
): RestRequest {
  if (door === 'api-gateway-v2' || door === 'function-url') {
    return fromV2(event as ApiGatewayV2Event, context, door, options)
  }
  if (door === 'alb' || door === 'alb-multi-value') return fromAlb(event as AlbEvent, context, door, options)
  return fromV1(event as ApiGatewayV1Event, context, options)
}

function fromV1(event: ApiGatewayV1Event, context: LambdaContext, options: PathOptions): RestRequest {
  const rc = event.requestContext
  const flat = flatHeaders(event.headers, event.multiValueHeaders)
  let path = event.path
  if (options.basePath !== undefined) path = stripPrefix(path, options.basePath)
  else if (event.version === '1.0') path = stripStage(path, rc.stage)
  else path = stripPrefix(path, restApiBasePath(path, event.resource, event.pathParameters))
  // REST APIs decode query parameters; re-encode them (RFC 3986 §3.4) into one query string.
  const rawQuery = queryFrom(event.queryStringParameters, event.multiValueQueryStringParameters, true)
  ensureHost(flat, rc.domainName)
  const invocation = new LambdaInvocation(
    'api-gateway-v1',
    event,
    context,
    rc.requestId ?? context.awsRequestId,
    rc.identity?.sourceIp,
    rc.stage,
    fromAwsClientCert(rc.identity?.clientCert),
  )
  return build(event.httpMethod, path, rawQuery, flat, event.body, event.isBase64Encoded, invocation)
}

function fromV2(
  event: ApiGatewayV2Event,
  context: LambdaContext,
  door: FrontDoor,
  options: PathOptions,
): RestRequest {
  const rc = event.requestContext
  const flat = flatHeaders(event.headers, undefined)
  // Payload 2.0 (and Function URLs) move every Cookie line's pairs into `cookies` ("Format 2.0
  // includes a new cookies field"); put them back as the one field a client sends (RFC 6265 §5.4).
  if (event.cookies !== undefined && event.cookies.length > 0 && !has(flat, 'cookie')) {
    flat.push('cookie', event.cookies.join('; '))
  }
  ensureHost(flat, rc.domainName)
  let path = event.rawPath
  if (options.basePath !== undefined) path = stripPrefix(path, options.basePath)
  else if (door === 'api-gateway-v2') path = stripStage(path, rc.stage)
  const invocation = new LambdaInvocation(
    door,
    event,
    context,
    rc.requestId ?? context.awsRequestId,
    rc.http.sourceIp,
    rc.stage,
    fromAwsClientCert(rc.authentication?.clientCert),
  )
  return build(
    rc.http.method,
    path,
    event.rawQueryString ?? '',
    flat,
    event.body,
    event.isBase64Encoded,
    invocation,
  )
}

function fromAlb(
  event: AlbEvent,
  context: LambdaContext,
  door: FrontDoor,
  options: PathOptions,
): RestRequest {
  const flat = flatHeaders(event.headers, event.multiValueHeaders)
  // The ALB passes query parameters as the client sent them, still percent-encoded.
  const rawQuery = queryFrom(event.queryStringParameters, event.multiValueQueryStringParameters, false)
  const path = options.basePath === undefined ? event.path : stripPrefix(event.path, options.basePath)
  // The ALB appends the address of the client that connected to it as the last X-Forwarded-For entry.
  const forwarded = lastValue(flat, 'x-forwarded-for')
  const sourceIp = forwarded?.split(',').pop()?.trim()
  const invocation = new LambdaInvocation(
    door,
    event,
    context,
    context.awsRequestId,
    sourceIp,
    undefined,
    undefined,
  )
  return build(event.httpMethod, path, rawQuery, flat, event.body, event.isBase64Encoded, invocation)
}

function build(
  method: string,
  path: string,
  rawQuery: string,
  flat: Flat,
  body: string | null | undefined,
  isBase64Encoded: boolean | undefined,
  invocation: LambdaInvocation,
): RestRequest {
  const proto = lastValue(flat, 'x-forwarded-proto')
  return new RestRequest({
    method: method.toUpperCase(),
    path: toEncodedPath(path),
    rawQuery,
    headers: RequestHeaders.fromFlat(flat),
    readBody: body === null || body === undefined || body === '' ? undefined : reader(body, isBase64Encoded),
    remoteAddress: invocation.sourceIp,
    // API Gateway and Function URLs only speak HTTPS; an ALB says which listener answered.
    secure: proto === undefined ? !invocation.frontDoor.startsWith('alb') : proto === 'https',
    raw: invocation,
    requestId: invocation.requestId,
  })
}

function reader(body: string, isBase64Encoded: boolean | undefined): BodyReader {
  return (limit) => {
    const bytes = isBase64Encoded === true ? decodeBase64(body) : encoder.encode(body)
    if (bytes.byteLength > limit) {
      return Promise.reject(new ContentTooLarge(`Request body exceeds the limit of ${limit} bytes`))
    }
    return Promise.resolve(bytes)
  }
}

/**
 * The field lines a front door delivered, as a flat `[name, value, …]` list like Node's
 * `rawHeaders`, each line once. Names keep the client's casing; they compare case-insensitively
 * (RFC 9110 §5.1).
 *
 * - API Gateway REST APIs and HTTP APIs on payload 1.0 send both maps, with the names as the client
 *   wrote them: `multiValueHeaders` holds every line, and `headers` repeats the last value of each
 *   name ("Set up Lambda proxy integrations", multi-value headers). The multi-value map is the
 *   request; `headers` is read only for a name the multi-value map does not have.
 * - An ALB sends exactly one of the two maps: `multiValueHeaders` when the target group enables
 *   them, otherwise `headers` with the last value of a repeated field.
 * - HTTP APIs on payload 2.0 and Function URLs send only `headers`, repeated fields already joined
 *   with commas, which is an equivalent list (RFC 9110 §5.3).
 */
function flatHeaders(
  single: Record<string, string | undefined> | null | undefined,
  multi: Record<string, string[] | undefined> | null | undefined,
): Flat {
  const flat: Flat = []
  const fromMulti = new Set<string>()
  if (multi !== null && multi !== undefined) {
    for (const name of Object.keys(multi)) {
      const values = multi[name]
      if (!Array.isArray(values) || values.length === 0) continue
      fromMulti.add(name.toLowerCase())
      for (const value of values) if (typeof value === 'string') flat.push(name, value)
    }
  }
  if (single !== null && single !== undefined) {
    for (const name of Object.keys(single)) {
      const value = single[name]
      if (typeof value === 'string' && !fromMulti.has(name.toLowerCase())) flat.push(name, value)
    }
  }
  return flat
}

function queryFrom(
  single: Record<string, string | undefined> | null | undefined,
  multi: Record<string, string[] | undefined> | null | undefined,
  encode: boolean,
): string {
  const pairs: string[] = []
  const add = (name: string, value: string) =>
    pairs.push(encode ? `${encodeURIComponent(name)}=${encodeURIComponent(value)}` : `${name}=${value}`)
  if (multi !== null && multi !== undefined) {
    for (const name of Object.keys(multi)) for (const value of multi[name] ?? []) add(name, value)
  } else if (single !== null && single !== undefined) {
    for (const name of Object.keys(single)) {
      const value = single[name]
      if (value !== undefined) add(name, value)
    }
  }
  return pairs.join('&')
}

function stripStage(path: string, stage: string | undefined): string {
  // A named HTTP API stage appears in the path; `$default` does not.
  return stage === undefined || stage === '$default' ? path : stripPrefix(path, `/${stage}`)
}

function ensureHost(flat: Flat, domainName: string | undefined): void {
  if (domainName !== undefined && !has(flat, 'host')) flat.push('host', domainName)
}

function has(flat: Flat, name: string): boolean {
  for (let i = 0; i < flat.length; i += 2) if ((flat[i] as string).toLowerCase() === name) return true
  return false
}

function lastValue(flat: Flat, name: string): string | undefined {
  for (let i = flat.length - 2; i >= 0; i -= 2) {
    if ((flat[i] as string).toLowerCase() === name) return flat[i + 1]
  }
  return undefined
}
