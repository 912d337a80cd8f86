import {
  Conflict,
  HttpError,
  isHttpError,
  RestApplication,
  ServiceUnavailable,
  TooManyRequests,
  Unauthorized,
  UnprocessableEntity,
} from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it, vi } from 'vitest'

function quietApp() {
  const logged: { message: string; details: Record<string, unknown> }[] = []
  const app = new RestApplication({
    logger: { error: (message, details) => logged.push({ message, details }) },
  })
  return { app, logged }
}

describe('HttpError', () => {
  it('carries status, code, expose and headers', () => {
    const error = new TooManyRequests('Slow down', { retryAfter: 60 })
    expect([error.status, error.code, error.expose, error.headers['retry-after']]).toEqual([
      429,
      'too_many_requests',
      true,
      '60',
    ])
    expect(isHttpError(error)).toBe(true)
    expect(new ServiceUnavailable().expose).toBe(true)
    expect(new HttpError(500, 'db password is hunter2').expose).toBe(false)
  })

  it('refuses statuses that are not errors', () => {
    expect(() => new HttpError(200)).toThrow(RangeError)
  })
})

describe('error responses', () => {
  it('default to {"error": reason, "message": message}', async () => {
    const { app } = quietApp()
    app.get('/conflict', () => {
      throw new Conflict('Email already used')
    })
    const response = await createTestClient(app).get('/conflict')
    expect(response.status).toBe(409)
    expect(response.json()).toEqual({ error: 'Conflict', message: 'Email already used' })
  })

  it('turn unknown errors into a generic 500 that leaks neither message nor stack, and log them with an id', async () => {
    const { app, logged } = quietApp()
    app.get('/boom', () => {
      throw new Error('kaboom-secret-detail')
    })
    const response = await createTestClient(app).get('/boom')
    expect(response.status).toBe(500)
    expect(response.text).not.toContain('kaboom')
    expect(response.text).not.toContain('at ')
    const body = response.json<{ error: string; message: string; request_id: string }>()
    expect(body.error).toBe('Internal Server Error')
    expect(logged).toHaveLength(1)
    expect(logged[0]?.details.requestId).toBe(body.request_id)
    expect(logged[0]?.details.error).toEqual(new Error('kaboom-secret-detail'))
  })

  it('hide the message of an HttpError that is not exposed', async () => {
    const { app } = quietApp()
    app.get('/hidden', () => {
      throw new HttpError(502, 'upstream at 10.0.0.3 failed')
    })
    const response = await createTestClient(app).get('/hidden')
    expect(response.status).toBe(502)
    expect(response.text).not.toContain('10.0.0.3')
  })

  it('are replaced by a registered error handler, which gets request, message and error', async () => {
    const { app } = quietApp()
    const seen = vi.fn()
    app.errorHandler(401, 403, ({ request, message, error }) => {
      seen(request.path, error.status)
      return { error: error.status === 401 ? 'Unauthorized' : 'Forbidden', message, custom: true }
    })
    app.get('/private', () => {
      throw new Unauthorized('Token expired')
    })
    const response = await createTestClient(app).get('/private')
    expect(response.json()).toEqual({ error: 'Unauthorized', message: 'Token expired', custom: true })
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
    expect(seen).toHaveBeenCalledWith('/private', 401)
  })

  it('fall back to the default body when an error handler itself fails', async () => {
    const { app, logged } = quietApp()
    app.errorHandler(() => {
      throw new Error('handler bug')
    })
    app.get('/x', () => {
      throw new Conflict('nope')
    })
    const response = await createTestClient(app).get('/x')
    expect(response.json()).toEqual({ error: 'Conflict', message: 'nope' })
    expect(logged).toHaveLength(1)
  })

  it('include validation details for 422', async () => {
    const { app } = quietApp()
    app.post('/x', () => {
      throw new UnprocessableEntity('Validation failed', [
        { loc: ['title'], msg: 'Required', type: 'missing' },
      ])
    })
    const body = (await createTestClient(app).post('/x')).json()
    expect(body).toEqual({
      error: 'Unprocessable Content',
      message: 'Validation failed',
      details: [{ loc: ['title'], msg: 'Required', type: 'missing' }],
    })
  })

  it('use the configured challenge on 401s, and a custom one when the error names it', async () => {
    const app = new RestApplication({ authenticationChallenge: 'ApiKey realm="api"' })
    app.get('/a', () => {
      throw new Unauthorized()
    })
    app.get('/b', () => {
      throw new Unauthorized('bad token', { challenge: 'Bearer error="invalid_token"' })
    })
    const client = createTestClient(app)
    expect((await client.get('/a')).headers.get('www-authenticate')).toBe('ApiKey realm="api"')
    expect((await client.get('/b')).headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
  })

  it('add a challenge to a 401 a handler built by hand (RFC 9110 §15.5.2)', async () => {
    const app = new RestApplication()
    app.get('/login', () => new Response('{"error":"Invalid credentials"}', { status: 401 }))
    expect((await createTestClient(app).get('/login')).headers.get('www-authenticate')).toBe('Bearer')
  })
})

describe('an unavailable store', () => {
  it('fails closed with 503 and Retry-After, never a 500', async () => {
    const { StoreUnavailableError } = await import('restmachine')
    const { app } = quietApp()
    app.get('/session', () => {
      throw new StoreUnavailableError('redis timed out')
    })
    const response = await createTestClient(app).get('/session')
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('2')
    expect(response.text).not.toContain('redis')
  })
})
