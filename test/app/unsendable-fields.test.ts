import pino from 'pino'
import { HttpError, RestApplication, RestResponse, respond } from 'restmachine'
import { describe, expect, it } from 'vitest'

// CR LF would end the field and start another one (RFC 9110 §5.5): response splitting.
const INJECTED = 'a\r\nInjected: yes'
const Q = encodeURIComponent(INJECTED)

/** An application logging JSON lines into an array, with routes that copy client input into fields. */
function echoingApp() {
  const lines: Record<string, unknown>[] = []
  const logger = pino({}, { write: (line: string) => lines.push(JSON.parse(line)) })
  const app = new RestApplication({ logger }).dependency('remembered', ({ queryParams, responseHeaders }) => {
    responseHeaders.append('set-cookie', `last=${queryParams.v ?? ''}`)
    return true
  })
  app.get('/reply', ({ queryParams }) => respond('ok', { headers: { 'x-echo': queryParams.v ?? '' } }))
  app.get('/location', ({ queryParams }) =>
    respond('ok', { status: 201, headers: { location: queryParams.v ?? '' } }),
  )
  app.get('/name', ({ queryParams }) => new RestResponse(200, { [`x-${queryParams.v ?? ''}`]: '1' }, 'ok'))
  app.get('/cookie', ({ remembered }) => ({ remembered }))
  app.get('/thrown', ({ queryParams }) => {
    throw new HttpError(409, 'conflict', { headers: { 'x-echo': queryParams.v ?? '' } })
  })
  app.get('/unicode', () => respond('ok', { headers: { 'x-echo': 'line\u010aend' } }))
  return { app, lines }
}

async function get(app: RestApplication, target: string) {
  const response = await app.fetch(new Request(`http://localhost${target}`))
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  }
}

describe('a response field that cannot be sent, through app.fetch', () => {
  for (const [source, target] of [
    ['a handler’s respond() headers', `/reply?v=${Q}`],
    ['a Location', `/location?v=${Q}`],
    ['a field name built from input', `/name?v=${encodeURIComponent('a b')}`],
    ['a Set-Cookie added by a dependency', `/cookie?v=${Q}`],
    ['an HttpError’s headers', `/thrown?v=${Q}`],
    ['a character above 0xFF (no octet)', '/unicode'],
  ] as const) {
    it(`is answered with the standard 500 when it comes from ${source}`, async () => {
      const { app, lines } = echoingApp()
      const { status, headers, body } = await get(app, target)
      expect(status).toBe(500)
      expect(body).toEqual({
        error: 'Internal Server Error',
        message: 'An unexpected error occurred',
        request_id: headers.get('x-request-id'),
      })
      expect(headers.get('injected')).toBeNull()
      expect(headers.get('set-cookie')).toBeNull()
      const failures = lines.filter((line) => line.level === 50)
      expect(failures).toHaveLength(1)
      expect(failures[0]?.err).toMatchObject({ type: 'UnsendableFieldError' })
      expect(JSON.stringify(lines)).not.toContain('Injected')
    })
  }

  it('logs the field name and never the value', async () => {
    const { app, lines } = echoingApp()
    await get(app, `/reply?v=${Q}`)
    const err = lines.find((line) => line.level === 50)?.err as { message: string; field: string }
    expect(err.field).toBe('x-echo')
    expect(err.message).toContain('"x-echo"')
    expect(err.message).not.toContain('Injected')
  })

  it('sends the same fields when they can be sent', async () => {
    const { app } = echoingApp()
    const response = await app.fetch(new Request('http://localhost/reply?v=plain'))
    expect(response.status).toBe(200)
    expect(response.headers.get('x-echo')).toBe('plain')
  })

  it('releases streamed content that will not be sent', async () => {
    const { app } = echoingApp()
    let closed = false
    app.get('/stream', ({ queryParams }) => {
      async function* chunks() {
        try {
          yield 'never sent'
        } finally {
          closed = true
        }
      }
      const body = chunks()
      void body.next() // started, so return() runs its finally block
      return new RestResponse(200, { 'x-echo': queryParams.v ?? '' }, body)
    })
    const response = await app.fetch(new Request(`http://localhost/stream?v=${Q}`))
    expect(response.status).toBe(500)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(closed).toBe(true)
  })

  it('goes through the application’s error handler for 500, async or not', async () => {
    const { app } = echoingApp()
    app.errorHandler(500, async ({ message }) => ({ failed: message }))
    const { status, body } = await get(app, `/reply?v=${Q}`)
    expect(status).toBe(500)
    expect(body).toEqual({ failed: 'An unexpected error occurred' })
  })
})
