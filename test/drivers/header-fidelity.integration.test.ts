import { RestApplication } from 'restmachine'
import { toLambdaHandler } from 'restmachine/lambda'
import { createTestClient, type LambdaFrontDoor, type TestResponse, throughLambda } from 'restmachine/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp as createBearerApp } from '../../examples/auth/bearer.js'
import { app as featuresApp } from '../../examples/http-features.js'
import { defined } from '../support/defined.js'
import { overSocket } from '../support/socket-driver.js'
import { FRONT_DOORS } from './drivers.js'

// What a handler is given of the request: every field line by name, the combined values, and the
// injected cookies. Fields each front door adds or replaces itself are left out.
const DOOR_OWNED = /^(host|connection|x-forwarded-(for|port|proto)|x-amzn-.*)$/

type Observation = {
  lines: Record<string, string[]>
  combined: Record<string, string>
  cookies: Record<string, string | undefined>
}

function observingApp() {
  const app = new RestApplication()
  app.post('/observe', ({ headers, cookies, jsonBody }) => {
    const lines: Record<string, string[]> = {}
    const combined: Record<string, string> = {}
    for (const name of headers.keys()) {
      if (DOOR_OWNED.test(name)) continue
      lines[name] = [...headers.getAll(name)]
      combined[name] = headers.get(name) as string
    }
    return { lines, combined, cookies: { ...cookies }, jsonBody }
  })
  return app
}

// Mixed-case names as an HTTP/1.1 client writes them, with Cookie and Accept each sent twice.
const MIXED = {
  Authorization: 'Bearer abc.def.ghi',
  'Content-Type': 'application/json',
  'If-None-Match': '"nope"',
  Range: 'bytes=0-9',
  Origin: 'https://example.com',
  Cookie: ['session=s1; theme=dark', 'lang=en'],
  Accept: ['application/json', 'text/plain;q=0.5'],
  'X-Request-Note': 'Mixed Case Value',
}

/**
 * What AWS documents each front door to deliver of the lines a Node server received: REST APIs,
 * HTTP APIs on payload 1.0 and multi-value ALBs every line; payload 2.0 and Function URLs one
 * comma-joined line per name, with the cookies moved to `cookies[]` and joined back into one
 * `Cookie` field (RFC 6265 §5.4); a single-value ALB the last line of a repeated name.
 */
function asDelivered(door: LambdaFrontDoor, node: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [name, values] of Object.entries(node)) {
    if (door === 'api-gateway-v2' || door === 'function-url') {
      out[name] = [name === 'cookie' ? values.join('; ') : values.join(',')]
    } else if (door === 'alb') out[name] = [values.at(-1) as string]
    else out[name] = values
  }
  return out
}

const sameList = (value: string) => value.split(/\s*,\s*/)

describe('a request with mixed-case and repeated headers', () => {
  const node = createTestClient(overSocket(observingApp()))
  let seen: Observation
  beforeAll(async () => {
    const response = await node.post('/observe', { headers: MIXED, json: { a: 1 } })
    expect(response.status).toBe(200)
    seen = response.json<Observation>()
  })
  afterAll(() => node.close())

  it('reaches a Node server over a socket as separate lines', () => {
    expect(seen.lines.cookie).toEqual(['session=s1; theme=dark', 'lang=en'])
    expect(seen.lines.accept).toEqual(['application/json', 'text/plain;q=0.5'])
    expect(seen.lines.authorization).toEqual(['Bearer abc.def.ghi'])
    expect(seen.cookies).toEqual({ session: 's1', theme: 'dark', lang: 'en' })
  })

  describe.each(FRONT_DOORS)('through %s', (door) => {
    const client = createTestClient(
      throughLambda(toLambdaHandler(observingApp(), { stopOnSigterm: false }), door),
    )
    afterAll(() => client.close())

    it('gives the handler the lines a Node server sees, as this front door delivers them', async () => {
      const response = await client.post('/observe', { headers: MIXED, json: { a: 1 } })
      expect(response.status).toBe(200)
      const got = response.json<Observation & { jsonBody: unknown }>()
      expect(got.jsonBody).toEqual({ a: 1 })
      expect(got.lines).toEqual(asDelivered(door, seen.lines))
      // One Authorization, one Content-Type: nothing is counted twice.
      expect(got.lines.authorization).toEqual(['Bearer abc.def.ghi'])
      expect(got.lines['content-type']).toEqual(['application/json'])
      if (door === 'alb') {
        // Without multi-value headers the ALB passes the last Cookie line only.
        expect(got.cookies).toEqual({ lang: 'en' })
      } else {
        expect(got.cookies).toEqual(seen.cookies)
        expect(got.combined.cookie).toBe(seen.combined.cookie)
        // A comma-joined list is the same list (RFC 9110 §5.3): only optional whitespace differs.
        expect(sameList(got.combined.accept as string)).toEqual(sameList(seen.combined.accept as string))
      }
    })
  })
})

/** Status, fields (less the ones each server sets on its own) and content, for comparison. */
function essence(response: TestResponse) {
  const fields: Record<string, string> = {}
  for (const [name, value] of response.headers) {
    // X-Request-Id differs by design: Lambda echoes the platform's id, a socket has none to echo.
    if (!/^(date|connection|keep-alive|content-length|transfer-encoding|x-request-id)$/.test(name))
      fields[name] = value
  }
  return { status: response.status, fields, body: response.text }
}

describe.each(FRONT_DOORS)('responses through %s', (door) => {
  const lambda = createTestClient(throughLambda(toLambdaHandler(featuresApp, { stopOnSigterm: false }), door))
  const node = createTestClient(overSocket(featuresApp))
  const bearerLambda = createTestClient(
    throughLambda(toLambdaHandler(createBearerApp(), { stopOnSigterm: false }), door),
  )
  const bearerNode = createTestClient(overSocket(createBearerApp()))
  afterAll(() => Promise.all([lambda.close(), node.close(), bearerLambda.close(), bearerNode.close()]))

  // A single-value ALB passes on the last line of a repeated field only: Node is asked the same.
  const delivered = (headers: Record<string, string | string[]>) =>
    door !== 'alb'
      ? headers
      : Object.fromEntries(
          Object.entries(headers).map(([n, v]) => [
            n,
            typeof v === 'string' ? v : defined(v.at(-1), `a line of ${n}`),
          ]),
        )
  const both = async (method: string, path: string, headers: Record<string, string | string[]>) => {
    const viaNode = await node.request(method, path, { headers: delivered(headers) })
    const viaLambda = await lambda.request(method, path, { headers })
    return { viaNode: essence(viaNode), viaLambda: essence(viaLambda) }
  }

  it('answers If-None-Match, Origin, two Accepts and two Cookies in mixed case exactly as Node does', async () => {
    const { viaNode, viaLambda } = await both('GET', '/documents/2', {
      'If-None-Match': '"2-v3"',
      Origin: 'https://example.com',
      Accept: ['application/json', 'text/html;q=0.1'],
      Cookie: ['a=1', 'b=2'],
    })
    expect(viaNode.status).toBe(door === 'alb' ? 406 : 304)
    expect(viaLambda).toEqual(viaNode)
  })

  it('answers Range and If-Range in mixed case exactly as Node does', async () => {
    const { viaNode, viaLambda } = await both('GET', '/files/sample.txt', {
      Range: 'bytes=0-9',
      'If-Range': '"sample-v1"',
    })
    expect(viaNode.status).toBe(206)
    expect(viaLambda).toEqual(viaNode)
  })

  it('answers a mixed-case CORS preflight exactly as Node does', async () => {
    const { viaNode, viaLambda } = await both('OPTIONS', '/documents/1', {
      Origin: 'https://example.com',
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'Content-Type, If-Match',
    })
    expect(viaNode.fields['access-control-allow-origin']).toBe('https://example.com')
    expect(viaLambda).toEqual(viaNode)
  })

  it('accepts a JSON POST sent with Content-Type in mixed case, as Node does', async () => {
    const body = JSON.stringify({ title: `via ${door}` })
    const headers = { 'Content-Type': 'application/json' }
    const viaNode = await node.post('/documents', { headers, body })
    const viaLambda = await lambda.post('/documents', { headers, body })
    expect([viaNode.status, viaLambda.status]).toEqual([201, 201])
    expect(viaLambda.json()).toMatchObject({ title: `via ${door}` })
  })

  it('accepts a Bearer token sent as Authorization in mixed case, as Node does', async () => {
    const headers = { Authorization: 'Bearer valid_token_123' }
    const viaNode = essence(await bearerNode.get('/protected', { headers }))
    const viaLambda = essence(await bearerLambda.get('/protected', { headers }))
    expect(viaNode.status).toBe(200)
    expect(viaLambda).toEqual(viaNode)
  })
})
