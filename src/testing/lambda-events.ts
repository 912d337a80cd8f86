import type { DriverRequest } from './driver.js'
import {
  grouped,
  joined,
  type Lines,
  lastWins,
  linesNamed,
  splitQuery,
  withoutNamed,
} from './lambda-fields.js'

/**
 * The AWS front doors a Lambda driver can play: the names `restmachine/lambda` reports, plus
 * `api-gateway-http-v1`, an HTTP API on payload format 1.0 (reported as `api-gateway-v1`).
 */
export type LambdaFrontDoor =
  | 'api-gateway-v1'
  | 'api-gateway-http-v1'
  | 'api-gateway-v2'
  | 'function-url'
  | 'alb'
  | 'alb-multi-value'

/** The API Gateway stage the simulated events carry; HTTP APIs put it in the path like AWS's. */
export const SIMULATED_STAGE = 'test'

const ACCOUNT = '123456789012'
const API_HOST = 'abcdefghij.execute-api.us-east-1.amazonaws.com'
const URL_HOST = 'abcdefghij.lambda-url.us-east-1.on.aws'
const ALB_HOST = 'restmachine-test-123456789.us-east-1.elb.amazonaws.com'
const TEXTUAL =
  /^(?:text\/|application\/(?:json|xml|javascript|x-www-form-urlencoded)\b|application\/[\w.+-]+\+(?:json|xml)\b)/i
const decoder = new TextDecoder()

/**
 * The host name a simulated front door serves on: its events carry it as `Host` (and domain), so
 * a browser's `Origin` for the API is `https://` + this name.
 *
 * @example
 * simulatedHost('function-url') // 'abcdefghij.lambda-url.us-east-1.on.aws'
 */
export function simulatedHost(door: LambdaFrontDoor): string {
  if (door === 'function-url') return URL_HOST
  return door === 'alb' || door === 'alb-multi-value' ? ALB_HOST : API_HOST
}

/**
 * Builds the event a front door would send for a request, with the fields and encodings the AWS
 * documentation describes (test/fixtures/lambda holds AWS's published samples these follow).
 * Header names are never normalised: they reach the event as the client wrote them.
 *
 * - REST APIs and HTTP APIs on payload 1.0 send both `multiValueHeaders` (every line) and
 *   `headers` (the last value of each name), decode the query into both query maps and, with
 *   binary media types `*∕*`, base64-encode every body (REST).
 * - HTTP APIs on payload 2.0 and Function URLs join repeated fields with commas, move the cookies
 *   into `cookies[]`, and decode `rawPath`, where an HTTP API's named stage appears.
 * - ALBs leave the query encoded, append the client to `X-Forwarded-For`, and without multi-value
 *   headers keep only the last value of a repeated field or parameter.
 *
 * @example
 * const event = lambdaEventFor('alb', { method: 'GET', target: '/', headers: [], body: undefined, remoteAddress: '192.0.2.1' }, 'id-1')
 */
export function lambdaEventFor(door: LambdaFrontDoor, request: DriverRequest, requestId: string): unknown {
  const query = request.target.indexOf('?')
  const path = query === -1 ? request.target : request.target.slice(0, query)
  const rawQuery = query === -1 ? '' : request.target.slice(query + 1)
  const headers: Array<readonly [string, string]> = [...request.headers]
  if (request.body !== undefined && linesNamed(headers, 'content-length').length === 0) {
    headers.push(['Content-Length', String(request.body.byteLength)])
  }
  const textual = TEXTUAL.test(linesNamed(headers, 'content-type')[0]?.[1] ?? '')
  const shape: Shape = { request, requestId, path, rawQuery, headers, textual, now: Date.now() }
  if (door === 'api-gateway-v2' || door === 'function-url') return v2Event(door, shape)
  if (door === 'api-gateway-v1' || door === 'api-gateway-http-v1') return v1Event(door, shape)
  return albEvent(door, shape)
}

interface Shape {
  request: DriverRequest
  requestId: string
  path: string
  rawQuery: string
  headers: Lines
  textual: boolean
  now: number
}

function v2Event(door: 'api-gateway-v2' | 'function-url', s: Shape): Record<string, unknown> {
  const domain = door === 'function-url' ? URL_HOST : API_HOST
  const stage = door === 'function-url' ? '$default' : SIMULATED_STAGE
  const rawPath = door === 'function-url' ? s.path : `/${stage}${safeDecode(s.path)}`
  // "Format 2.0 includes a new cookies field": every Cookie line's pairs, one element each.
  const cookies = linesNamed(s.headers, 'cookie').flatMap(([, v]) => v.split(/;\s*/).filter((c) => c !== ''))
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: s.rawQuery,
    // "Duplicate headers are combined with commas and included in the headers field."
    headers: joined([['host', domain], ...withoutNamed(s.headers, 'cookie', 'host')]),
    requestContext: {
      accountId: ACCOUNT,
      apiId: 'abcdefghij',
      domainName: domain,
      domainPrefix: 'abcdefghij',
      http: {
        method: s.request.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: s.request.remoteAddress,
        userAgent: linesNamed(s.headers, 'user-agent')[0]?.[1] ?? '',
      },
      requestId: s.requestId,
      routeKey: '$default',
      stage,
      time: new Date(s.now).toUTCString(),
      timeEpoch: s.now,
    },
    isBase64Encoded: false,
  }
  if (cookies.length > 0) event.cookies = cookies
  if (s.rawQuery !== '') event.queryStringParameters = joined(decodedQuery(s.rawQuery), true)
  Object.assign(event, body(s.request.body, s.textual))
  return event
}

function v1Event(door: 'api-gateway-v1' | 'api-gateway-http-v1', s: Shape): Record<string, unknown> {
  const rest = door === 'api-gateway-v1'
  const all: Lines = [['Host', API_HOST], ...withoutNamed(s.headers, 'host')]
  const query = decodedQuery(s.rawQuery)
  // A REST API's `path` is the resource path; an HTTP API's carries a named stage, decoded.
  const path = rest ? s.path : `/${SIMULATED_STAGE}${safeDecode(s.path)}`
  const event: Record<string, unknown> = {
    resource: '/{proxy+}',
    path,
    httpMethod: s.request.method,
    headers: lastWins(all),
    multiValueHeaders: grouped(all),
    queryStringParameters: query.length === 0 ? null : lastWins(query, true),
    multiValueQueryStringParameters: query.length === 0 ? null : grouped(query, true),
    pathParameters: s.path === '/' ? null : { proxy: s.path.slice(1) },
    stageVariables: null,
    requestContext: {
      resourcePath: '/{proxy+}',
      httpMethod: s.request.method,
      path: rest ? `/${SIMULATED_STAGE}${s.path}` : path,
      accountId: ACCOUNT,
      protocol: 'HTTP/1.1',
      stage: SIMULATED_STAGE,
      domainPrefix: 'abcdefghij',
      requestTimeEpoch: s.now,
      requestId: s.requestId,
      identity: { sourceIp: s.request.remoteAddress, userAgent: linesNamed(s.headers, 'user-agent')[0]?.[1] },
      domainName: API_HOST,
      apiId: 'abcdefghij',
    },
    // REST, as with binary media types `*/*`: every body arrives base64-encoded, even JSON.
    ...body(s.request.body, rest ? false : s.textual),
  }
  if (!rest) event.version = '1.0'
  return event
}

function albEvent(door: 'alb' | 'alb-multi-value', s: Shape): Record<string, unknown> {
  const forwarded = linesNamed(s.headers, 'x-forwarded-for')
  const forwardedName = forwarded[0]?.[0] ?? 'x-forwarded-for'
  const chain = forwarded.map(([, v]) => v).join(', ')
  const albHeaders: Lines = [
    ['host', ALB_HOST],
    ...withoutNamed(s.headers, 'host', 'x-forwarded-for', 'x-forwarded-port', 'x-forwarded-proto'),
    [forwardedName, chain === '' ? s.request.remoteAddress : `${chain}, ${s.request.remoteAddress}`],
    ['x-forwarded-port', '443'],
    ['x-forwarded-proto', 'https'],
  ]
  // The ALB hands query parameters over as the client sent them, still percent-encoded.
  const rawPairs = splitQuery(s.rawQuery)
  const event: Record<string, unknown> = {
    requestContext: {
      elb: {
        targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/test/6d0ecf831eec9f09`,
      },
    },
    httpMethod: s.request.method,
    path: s.path,
    ...body(s.request.body, s.textual),
  }
  if (door === 'alb-multi-value') {
    event.multiValueHeaders = grouped(albHeaders)
    event.multiValueQueryStringParameters = grouped(rawPairs, true)
  } else {
    // Without multi-value headers "the load balancer uses the last value sent by the client".
    event.headers = lastWins(albHeaders)
    event.queryStringParameters = lastWins(rawPairs, true)
  }
  return event
}

function body(
  bytes: Uint8Array | undefined,
  asText: boolean,
): { body: string | null; isBase64Encoded: boolean } {
  if (bytes === undefined || bytes.byteLength === 0) return { body: null, isBase64Encoded: false }
  if (asText) return { body: decoder.decode(bytes), isBase64Encoded: false }
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return { body: btoa(binary), isBase64Encoded: true }
}

function decodedQuery(rawQuery: string): Lines {
  return [...new URLSearchParams(rawQuery)]
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}
