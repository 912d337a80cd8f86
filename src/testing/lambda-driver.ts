import type { Driver, DriverResponse } from './driver.js'
import { type LambdaFrontDoor, lambdaEventFor } from './lambda-events.js'

/** A Lambda handler as AWS calls it. */
export type LambdaFunction = (
  event: unknown,
  context: { awsRequestId: string; functionName: string },
) => unknown

interface LambdaResult {
  statusCode?: number
  headers?: Record<string, string | number | boolean>
  multiValueHeaders?: Record<string, Array<string | number | boolean>>
  cookies?: string[]
  body?: string
  isBase64Encoded?: boolean
}

const encoder = new TextEncoder()
const EMPTY = new Uint8Array(0)
let sequence = 0

/**
 * Delivers requests through a simulated AWS front door: each request becomes the event that
 * front door would send (see {@link lambdaEventFor}), the handler's result becomes the response a
 * client would receive — base64 decoded, `Set-Cookie` gathered from where that front door reads
 * it, `Content-Length` measured, and for HEAD the content dropped after measuring, as AWS does.
 * Header names reach the event exactly as the request wrote them.
 *
 * @example
 * import { handler } from './lambda.js' // your toLambdaHandler(app)
 * const client = createTestClient(throughLambda(handler, 'api-gateway-v2'))
 */
export function throughLambda(handler: LambdaFunction, door: LambdaFrontDoor): Driver {
  return {
    name: `lambda:${door}`,
    close: () => Promise.resolve(),
    async send(request): Promise<DriverResponse> {
      const awsRequestId = `test-${Date.now().toString(36)}-${++sequence}`
      const event = lambdaEventFor(door, request, awsRequestId)
      const result = (await handler(event, {
        awsRequestId,
        functionName: 'restmachine-test',
      })) as LambdaResult
      if (typeof result !== 'object' || result === null || typeof result.statusCode !== 'number') {
        // API Gateway answers 502 when the integration response is malformed.
        return {
          status: 502,
          headers: [['content-type', 'application/json']],
          body: encoder.encode('{"message":"Internal server error"}'),
        }
      }
      const headers = readHeaders(result, door)
      const content =
        result.body === undefined || result.body === ''
          ? EMPTY
          : decodeBody(result.body, result.isBase64Encoded === true)
      const noContent = result.statusCode === 204 || result.statusCode === 304
      const bodyless = request.method === 'HEAD' || noContent
      // The front door buffers the whole result and measures it (RFC 9110 §8.6), for HEAD too (§9.3.2).
      if (!noContent && !headers.some(([n]) => n === 'content-length')) {
        headers.push(['content-length', String(content.byteLength)])
      }
      return { status: result.statusCode, headers, body: bodyless ? EMPTY : content }
    },
  }
}

function readHeaders(result: LambdaResult, door: LambdaFrontDoor): Array<[string, string]> {
  const lines: Array<[string, string]> = []
  const multi = result.multiValueHeaders ?? {}
  const single = result.headers ?? {}
  // ALBs read exactly one of the two maps; API Gateway (REST, and HTTP APIs on payload 1.0)
  // merges them, multi-value winning; payload 2.0 and Function URLs read `headers` and `cookies`.
  const useSingle = door !== 'alb-multi-value'
  const useMulti = door === 'alb-multi-value' || door === 'api-gateway-v1' || door === 'api-gateway-http-v1'
  const seen = new Set<string>()
  if (useMulti) {
    for (const name of Object.keys(multi)) {
      seen.add(name.toLowerCase())
      for (const value of multi[name] ?? []) lines.push([name.toLowerCase(), String(value)])
    }
  }
  if (useSingle) {
    for (const name of Object.keys(single)) {
      if (!seen.has(name.toLowerCase())) lines.push([name.toLowerCase(), String(single[name])])
    }
  }
  if (door === 'api-gateway-v2' || door === 'function-url') {
    for (const cookie of result.cookies ?? []) lines.push(['set-cookie', cookie])
  }
  return lines
}

function decodeBody(body: string, base64: boolean): Uint8Array {
  if (!base64) return encoder.encode(body)
  const binary = atob(body)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
