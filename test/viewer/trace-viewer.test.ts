import { ConfigurationError, RestApplication } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { afterEach, describe, expect, it } from 'vitest'
import type { TraceRecord } from '../../src/viewer/index.js'

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function ordersApp(viewer: Parameters<RestApplication['traceViewer']>[0] = {}) {
  // A silent logger: /boom's 500 is logged, and the test reads it from the viewer instead.
  const app = new RestApplication({ trace: true, logger: { error: () => {} } })
    .authorized('clerk', ({ headers }) =>
      headers.get('authorization') === 'Bearer clerk' ? { id: 'c1' } : null,
    )
    .resourceExists(
      'order',
      async ({ pathParams: { id } }) => {
        await delay(15)
        return id === '1' ? { id: '1', version: 4 } : undefined
      },
      { etag: ({ order }) => `"${order.version}"` },
    )
  app.get('/orders/{id}', ({ order }) => order)
  app.get('/private', ({ clerk }) => clerk)
  app.get('/boom', () => {
    throw new Error('internal detail')
  })
  app.traceViewer(viewer)
  return app
}

const tracesOf = async (client: ReturnType<typeof createTestClient>) =>
  (await client.get('/_restmachine/traces.json')).json<{ limit: number; traces: TraceRecord[] }>()

describe('the trace viewer', () => {
  it('records each request with the nodes of its X-Restmachine-Trace, their answers and its terminal', async () => {
    const client = createTestClient(ordersApp())
    const refused = await client.get('/private')
    const cached = await client.get('/orders/1', { headers: { 'if-none-match': '"4"' } })
    const { traces } = await tracesOf(client)
    expect(traces.map((trace) => trace.status)).toEqual([304, 401]) // newest first
    const [notModified, unauthorized] = traces as [TraceRecord, TraceRecord]
    expect(notModified.steps.map((step) => step.node).join(',')).toBe(
      cached.headers.get('x-restmachine-trace'),
    )
    expect(unauthorized.steps.map((step) => step.node).join(',')).toBe(
      refused.headers.get('x-restmachine-trace'),
    )
    expect(unauthorized.steps.at(-1)).toMatchObject({ node: 'B8', answer: false })
    expect(unauthorized).toMatchObject({
      method: 'GET',
      path: '/private',
      route: '/private',
      terminal: 'S401',
    })
    expect(notModified.steps.slice(-2)).toMatchObject([
      { node: 'K13', answer: true },
      { node: 'J18', answer: true },
    ])
    expect(notModified.terminal).toBe('S304')
    expect(notModified.edges.at(-1)).toBe('J18>S304')
  })

  it('lists each dependency at the node that resolved it, with its duration', async () => {
    const client = createTestClient(ordersApp())
    await client.get('/orders/1')
    const [trace] = (await tracesOf(client)).traces as [TraceRecord]
    const g7 = trace.steps.find((step) => step.node === 'G7')
    expect(g7?.dependencies).toEqual([
      { name: 'order', kind: 'resource', durationMs: expect.any(Number), failed: false },
    ])
    expect(g7?.dependencies[0]?.durationMs).toBeGreaterThanOrEqual(10)
    // Path parameters and built-ins are seeded at B10, when the route is known.
    expect(trace.steps.find((step) => step.node === 'B10')?.dependencies.map((d) => d.kind)).toContain(
      'builtin',
    )
  })

  it('follows the edges through the nodes the route planned away', async () => {
    const client = createTestClient(ordersApp())
    await client.get('/orders/1')
    const [trace] = (await tracesOf(client)).traces as [TraceRecord]
    // /orders/{id} has no authorization: B10 → B9 … → G7 passes planned-away nodes.
    expect(trace.edges).toContain('B9>B8')
    expect(trace.skipped).toEqual(expect.arrayContaining(['B9', 'B8', 'B7', 'B3']))
    expect(trace.steps.map((step) => step.node)).not.toContain('B8')
    expect(trace.terminal).toBe('S200')
  })

  it('records a run that threw as THREW, with the node that threw and the 500 it got', async () => {
    const client = createTestClient(ordersApp())
    const failed = await client.get('/boom')
    expect(failed.status).toBe(500)
    const [trace] = (await tracesOf(client)).traces as [TraceRecord]
    expect(trace).toMatchObject({ status: 500, terminal: 'THREW' })
    expect(trace.steps.at(-1)).toEqual({ node: 'HANDLER', answer: null, dependencies: [] })
    expect(JSON.stringify(trace)).not.toContain('internal detail')
  })

  it('marks a dependency that threw, at the node that was resolving it', async () => {
    const app = new RestApplication({ logger: { error: () => {} } }).resourceExists('broken', () => {
      throw new Error('database down')
    })
    app.get('/broken', ({ broken }) => broken)
    app.traceViewer()
    const client = createTestClient(app)
    expect((await client.get('/broken')).status).toBe(500)
    const [trace] = (await tracesOf(client)).traces as [TraceRecord]
    expect(trace.steps.at(-1)).toMatchObject({
      node: 'G7',
      answer: null,
      dependencies: [{ name: 'broken', kind: 'resource', failed: true }],
    })
  })

  it('keeps only the last `limit` requests', async () => {
    const client = createTestClient(ordersApp({ limit: 3 }))
    for (let i = 0; i < 5; i++) await client.get(`/orders/${i}`)
    const { limit, traces } = await tracesOf(client)
    expect(limit).toBe(3)
    expect(traces.map((trace) => trace.path)).toEqual(['/orders/4', '/orders/3', '/orders/2'])
  })

  it('does not record its own page and JSON, nor the query string of a request', async () => {
    const client = createTestClient(ordersApp())
    await client.get('/_restmachine')
    await client.get('/_restmachine/traces.json')
    await client.get('/orders/1?token=secret')
    const { traces } = await tracesOf(client)
    expect(traces.map((trace) => trace.path)).toEqual(['/orders/1'])
  })

  it('serves one page whose only script and stylesheet carry the nonce of its Content-Security-Policy', async () => {
    const client = createTestClient(ordersApp())
    const page = await client.get('/_restmachine')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('cache-control')).toBe('no-store')
    const csp = page.headers.get('content-security-policy') ?? ''
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1]
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain(`style-src 'nonce-${nonce}'`)
    expect(page.text.match(/<script\b[^>]*>/g)).toEqual([`<script nonce="${nonce}">`])
    expect(page.text.match(/<style\b[^>]*>/g)).toEqual([`<style nonce="${nonce}">`])
    // Nothing loaded from anywhere: no src, no href, no URL but the SVG namespace.
    expect(page.text).not.toMatch(/\s(src|href)=/)
    expect(page.text.match(/https?:\/\/[^\s"')]+/g)).toEqual(['http://www.w3.org/2000/svg'])
    expect(page.text).not.toMatch(/\sstyle=/)
    const again = await client.get('/_restmachine')
    expect(again.headers.get('content-security-policy')).not.toBe(csp) // a new nonce per page
  })

  it('answers only GET and HEAD, and 404 for a path under its own it does not serve', async () => {
    const client = createTestClient(ordersApp())
    const posted = await client.post('/_restmachine/traces.json', { json: {} })
    expect(posted.status).toBe(405)
    expect(posted.headers.get('allow')).toBe('GET, HEAD')
    expect((await client.head('/_restmachine')).status).toBe(200)
    expect((await client.get('/_restmachine/nothing')).status).toBe(404)
    expect((await client.get('/_restmachinery')).status).toBe(404) // not under the path: the app's 404
    expect((await tracesOf(client)).traces.map((trace) => trace.path)).toEqual(['/_restmachinery'])
  })

  it('is served to loopback clients only, as if it did not exist to others', async () => {
    const client = createTestClient(ordersApp())
    expect((await client.get('/_restmachine', { remoteAddress: '::1' })).status).toBe(200)
    expect((await client.get('/_restmachine', { remoteAddress: '::ffff:127.0.0.1' })).status).toBe(200)
    const remote = await client.get('/_restmachine', { remoteAddress: '192.0.2.7' })
    expect(remote.status).toBe(404)
    expect(remote.json()).toMatchObject({ error: 'Not Found' })
    // Relayed by a proxy on this machine: the socket is loopback, the client is not.
    const relayed = await client.get('/_restmachine', { headers: { 'x-forwarded-for': '198.51.100.4' } })
    expect(relayed.status).toBe(404)
    const forwarded = await client.get('/_restmachine', { headers: { forwarded: 'for=198.51.100.4' } })
    expect(forwarded.status).toBe(404)
    // The attempts are ordinary requests of the application, recorded.
    expect((await tracesOf(client)).traces.map((trace) => trace.status)).toEqual([404, 404, 404])
  })

  it.each([
    ['localhost:8000', 200],
    ['127.0.0.1:8000', 200],
    ['[::1]:8000', 200],
    ['app.localhost', 200],
    ['rebound.example:8000', 404],
    ['127.0.0.1.example', 404],
  ])('is served to a loopback client naming Host %s with %i (DNS rebinding)', async (host, status) => {
    const client = createTestClient(ordersApp())
    expect((await client.get('/_restmachine', { headers: { host } })).status).toBe(status)
  })

  it('is served to the addresses allowRemote lists, or to anyone with allowRemote: true', async () => {
    const listed = createTestClient(ordersApp({ allowRemote: ['192.0.2.7'] }))
    expect((await listed.get('/_restmachine', { remoteAddress: '192.0.2.7' })).status).toBe(200)
    expect((await listed.get('/_restmachine', { remoteAddress: '::ffff:192.0.2.7' })).status).toBe(200)
    expect((await listed.get('/_restmachine', { remoteAddress: '192.0.2.8' })).status).toBe(404)
    const open = createTestClient(ordersApp({ allowRemote: true }))
    expect((await open.get('/_restmachine', { remoteAddress: '203.0.113.9' })).status).toBe(200)
  })

  it('is off by default: no page, and the providers are resolved as registered, unwrapped', async () => {
    const app = new RestApplication().dependency('answer', () => 42)
    app.get('/answer', ({ answer }) => answer)
    expect((await createTestClient(app).get('/_restmachine')).status).toBe(404)
    const provider = app.registrations.providers.get('answer')
    const plan = app.describe().paths[0]?.entry.methods.get('GET')
    const steps = Object.values(plan?.steps ?? {}).flat()
    expect(steps).toContain(provider)
    expect(app.lifecycle.ready?.viewer).toBeUndefined()
    expect(app.lifecycle.ready?.config.trace).toBe(false)
  })
})

describe('starting the trace viewer', () => {
  const environment = process.env.NODE_ENV
  afterEach(() => {
    process.env.NODE_ENV = environment
  })

  it('refuses to start with NODE_ENV=production', async () => {
    process.env.NODE_ENV = 'production'
    await expect(ordersApp().start()).rejects.toThrow(ConfigurationError)
    await expect(ordersApp().start()).rejects.toThrow(/NODE_ENV=production.*\{ force: true \}/)
  })

  it('starts with NODE_ENV=production when forced', async () => {
    process.env.NODE_ENV = 'production'
    const client = createTestClient(ordersApp({ force: true }))
    expect((await client.get('/_restmachine')).status).toBe(200)
  })

  it.each([
    [{ path: 'debug' }, /path must be absolute/],
    [{ path: '/debug/' }, /path must be absolute/],
    [{ path: '/de bug' }, /path must be absolute/],
    [{ limit: 0 }, /limit must be an integer from 1 to 1000/],
    [{ limit: 1.5 }, /limit must be an integer/],
    [{ limit: 5000 }, /limit must be an integer/],
    [{ allowRemote: [''] }, /allowRemote must be/],
  ])('rejects %j', async (options, message) => {
    await expect(ordersApp(options).start()).rejects.toThrow(message)
  })

  it('rejects a path a route already uses', async () => {
    await expect(ordersApp({ path: '/orders' }).start()).rejects.toThrow(
      /route GET \/orders\/\{id\} is under the viewer's path \/orders/,
    )
  })

  it('cannot be turned on once the application started', async () => {
    const app = new RestApplication()
    await app.start()
    expect(() => app.traceViewer()).toThrow(/already started/)
  })
})
