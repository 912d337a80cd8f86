import pino from 'pino'
import { ConfigurationError, RestApplication, type RestApplicationOptions, Unauthorized } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

type Line = Record<string, unknown>

/** A pino logger writing JSON lines into an array (pino writes synchronously to a plain stream). */
function capture(options: pino.LoggerOptions = {}) {
  const lines: Line[] = []
  const raw: string[] = []
  const logger = pino(options, {
    write(chunk: string) {
      raw.push(chunk)
      lines.push(JSON.parse(chunk) as Line)
    },
  })
  return { logger, lines, raw }
}

function loggedApp(options: RestApplicationOptions = {}) {
  const { logger, lines, raw } = capture()
  const app = new RestApplication({ logger, ...options })
    .authorized('user', ({ headers }) => headers.get('authorization') === 'Bearer good' || null)
    .dependency('order', ({ log }) => {
      log.info({ step: 'order' }, 'loading the order')
      return { id: 7 }
    })
  app.get('/hello', () => ({ hello: 'world' }))
  app.get('/private', ({ user }) => ({ user }), { requires: ['user'] })
  app.get('/orders/{id}', ({ order, log, headers }) => {
    log.info(
      { headers: { authorization: headers.get('authorization'), cookie: headers.get('cookie') } },
      'seen',
    )
    log.warn({ res: { headers: { 'set-cookie': ['sid=abc123'] } }, password: 'hunter2' }, 'cookie set')
    return order
  })
  app.get('/boom', () => {
    throw new Error('database password is hunter2')
  })
  app.get('/teapot', () => {
    throw new Unauthorized('no')
  })
  return { client: createTestClient(app), lines, raw }
}

const access = (lines: Line[]) => lines.filter((line) => line.msg === 'request completed')

describe('the access log with a pino logger', () => {
  it('writes one line per request with method, route template, status, duration, bytes, id and client', async () => {
    const { client, lines } = loggedApp()
    const response = await client.get('/orders/7', { remoteAddress: '203.0.113.9' })
    const [line] = access(lines)
    expect(access(lines)).toHaveLength(1)
    expect(line).toMatchObject({
      level: 30,
      method: 'GET',
      route: '/orders/{id}',
      status: 200,
      bytes: response.body.byteLength,
      client: '203.0.113.9',
      requestId: response.headers.get('x-request-id'),
    })
    expect(typeof line?.durationMs).toBe('number')
    expect(line).not.toHaveProperty('node')
  })

  it('names the decision node on a machine answer, and no route on a 404 that matched none', async () => {
    const { client, lines } = loggedApp()
    await client.get('/private')
    await client.get('/nowhere')
    await client.delete('/hello')
    expect(access(lines).map((line) => [line.status, line.node, line.route])).toEqual([
      [401, 'B8', '/private'],
      [404, 'PATH', null],
      [405, 'B10', '/hello'],
    ])
  })

  it('names the node an error was thrown from, and logs the 500 with the same id', async () => {
    const { client, lines } = loggedApp()
    const response = await client.get('/boom')
    const id = response.headers.get('x-request-id')
    expect(response.json()).toMatchObject({ request_id: id })
    const failure = lines.find((line) => line.msg === 'request failed')
    expect(failure).toMatchObject({ level: 50, requestId: id, method: 'GET', path: '/boom' })
    expect(failure?.err).toMatchObject({ message: 'database password is hunter2' })
    expect(access(lines)[0]).toMatchObject({ status: 500, node: 'HANDLER', requestId: id })
    const thrown = await client.get('/teapot')
    expect(access(lines)[1]).toMatchObject({ status: thrown.status, node: 'HANDLER' })
  })

  it('counts bytes of multi-byte content as sent, and none for HEAD', async () => {
    const { logger, lines } = capture()
    const app = new RestApplication({ logger })
    app.get('/text', () => 'héllo 🌍')
    const client = createTestClient(app)
    const sent = await client.get('/text')
    await client.head('/text')
    expect(sent.text).toContain('héllo 🌍')
    expect(sent.body.byteLength).toBeGreaterThan(sent.text.length)
    expect(access(lines).map((line) => line.bytes)).toEqual([sent.body.byteLength, 0])
  })

  it('is off with accessLog: false, while errors are still logged', async () => {
    const { client, lines } = loggedApp({ accessLog: false })
    await client.get('/hello')
    await client.get('/boom')
    expect(access(lines)).toEqual([])
    expect(lines.map((line) => line.msg)).toEqual(['request failed'])
  })

  it('echoes the request id on every response when it logs', async () => {
    const { client } = loggedApp()
    for (const path of ['/hello', '/private', '/nowhere', '/boom']) {
      expect((await client.get(path)).headers.get('x-request-id'), path).toMatch(/^[0-9a-f-]{36}$/)
    }
  })
})

describe('redaction', () => {
  it('never writes an Authorization, Cookie or Set-Cookie value, in the access line or a handler’s lines', async () => {
    const { client, lines, raw } = loggedApp()
    await client.get('/orders/7', {
      headers: { authorization: 'Bearer s3cr3t-token', cookie: 'session=c00kie-value' },
    })
    const all = raw.join('')
    for (const secret of ['s3cr3t-token', 'c00kie-value', 'sid=abc123']) expect(all).not.toContain(secret)
    const seen = lines.find((line) => line.msg === 'seen')
    expect(seen?.headers).toEqual({ authorization: '[Redacted]', cookie: '[Redacted]' })
    const set = lines.find((line) => line.msg === 'cookie set')
    expect(set?.res).toEqual({ headers: { 'set-cookie': '[Redacted]' } })
  })

  it('redacts the configured fields too', async () => {
    const { client, raw, lines } = loggedApp({ logRedact: ['password'] })
    await client.get('/orders/7')
    expect(raw.join('')).not.toContain('hunter2')
    expect(lines.find((line) => line.msg === 'cookie set')?.password).toBe('[Redacted]')
  })

  it('leaves configured fields alone when none are configured', async () => {
    const { client, lines } = loggedApp()
    await client.get('/orders/7')
    expect(lines.find((line) => line.msg === 'cookie set')?.password).toBe('hunter2')
  })
})

describe('the log built-in', () => {
  it('is a child of the pino logger that carries the request id on every line', async () => {
    const { client, lines } = loggedApp()
    const response = await client.get('/orders/7')
    const id = response.headers.get('x-request-id')
    const fromHandlers = lines.filter((line) => line.msg !== 'request completed')
    expect(fromHandlers.map((line) => [line.msg, line.requestId])).toEqual([
      ['loading the order', id],
      ['seen', id],
      ['cookie set', id],
    ])
    expect(fromHandlers[0]).toMatchObject({ step: 'order', level: 30 })
  })

  it('works without pino: warn and error reach the plain logger, info is silent', async () => {
    const logged: { message: string; details: Record<string, unknown> }[] = []
    const app = new RestApplication({
      logger: {
        error: (message, details) => logged.push({ message, details }),
        warn: (message, details) => logged.push({ message, details: details ?? {} }),
      },
    })
    app.get('/work', ({ log, requestId }) => {
      log.info('not shown')
      log.child({ job: 'sync' }).warn({ retries: 2 }, 'slow upstream')
      log.error('gave up')
      return { requestId }
    })
    const response = await createTestClient(app).get('/work')
    const requestId = response.json<{ requestId: string }>().requestId
    expect(logged).toEqual([
      { message: 'slow upstream', details: { requestId, job: 'sync', retries: 2 } },
      { message: 'gave up', details: { requestId } },
    ])
  })
})

describe('the logging options', () => {
  it('refuse accessLog: true without a structured logger, at start', async () => {
    const app = new RestApplication({ accessLog: true, logger: { error: () => {} } })
    await expect(app.start()).rejects.toThrow(ConfigurationError)
  })

  it('write nothing by default without pino: no access line reaches a plain logger', async () => {
    const calls: unknown[] = []
    const app = new RestApplication({ logger: { error: (...args) => calls.push(args) } })
    app.get('/hello', () => 'hi')
    await createTestClient(app).get('/hello')
    expect(calls).toEqual([])
  })
})
