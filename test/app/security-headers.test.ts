import { RestApplication } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

describe('security headers', () => {
  it('are off unless enabled', async () => {
    const app = new RestApplication()
    app.get('/x', () => 'x')
    expect((await createTestClient(app).get('/x')).headers.has('x-content-type-options')).toBe(false)
  })

  it('send API defaults on every response, errors included', async () => {
    const app = new RestApplication({ securityHeaders: true })
    app.get('/x', () => 'x')
    const client = createTestClient(app)
    for (const response of [await client.get('/x'), await client.get('/missing')]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      )
    }
  })

  it('put a fresh nonce in the CSP and inject the same one into handlers', async () => {
    const app = new RestApplication({
      securityHeaders: { contentSecurityPolicy: { 'default-src': "'self'", 'script-src': ["'nonce'"] } },
    })
    app.get('/page', ({ cspNonce }) => cspNonce)
    const client = createTestClient(app)
    const first = await client.get('/page')
    const second = await client.get('/page')
    expect(first.headers.get('content-security-policy')).toContain(`'nonce-${first.text}'`)
    expect(first.text).not.toBe(second.text)
    expect(first.text).toMatch(/^[A-Za-z0-9+/]{22}==$/)
  })

  it('let a handler set its own value', async () => {
    const app = new RestApplication({ securityHeaders: true })
    app.get('/framed', () => new Response('ok', { headers: { 'x-frame-options': 'SAMEORIGIN' } }))
    expect((await createTestClient(app).get('/framed')).headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })
})

describe('security headers per route', () => {
  it('replace the application settings on that route only', async () => {
    const app = new RestApplication({ securityHeaders: true })
    app.get('/api', () => 'api')
    app.get('/page', () => 'page', {
      securityHeaders: { contentSecurityPolicy: { 'default-src': "'self'" } },
    })
    app.get('/raw', () => 'raw', { securityHeaders: false })
    const client = createTestClient(app)
    expect((await client.get('/api')).headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    )
    expect((await client.get('/page')).headers.get('content-security-policy')).toBe("default-src 'self'")
    expect((await client.get('/raw')).headers.has('x-content-type-options')).toBe(false)
  })
})
