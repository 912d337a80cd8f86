import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { RestApplication } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createJwt, jwtBearer, requireScope } from '../../src/auth/index.js'

/** An OAuth 2.0 authorization server's JWKS endpoint, on a real socket, that counts its fetches. */
class JwksServer {
  fetches = 0
  keys: JWK[] = []
  up = true
  #server: Server | undefined
  url = ''

  async start(): Promise<void> {
    this.#server = createServer((request, response) => {
      this.fetches++
      if (!this.up) {
        response.writeHead(503).end()
        return
      }
      response.writeHead(200, { 'content-type': 'application/jwk-set+json' })
      response.end(JSON.stringify({ keys: this.keys }))
      void request
    })
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/.well-known/jwks.json`
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.#server?.closeAllConnections()
      this.#server?.close(() => resolve())
    })
  }
}

describe('jwtBearer with a remote JWK Set (OAuth 2.0 resource server)', () => {
  const issuer = new JwksServer()
  let signingKey: CryptoKey
  let otherKey: CryptoKey

  const token = (claims: Record<string, unknown>, kid = 'k1', key = signingKey) =>
    new SignJWT({ iss: 'https://issuer.example', aud: 'posts-api', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .setExpirationTime('5m')
      .sign(key)

  const makeApp = () => {
    const jwt = createJwt({
      jwksUrl: issuer.url,
      issuer: 'https://issuer.example',
      audience: 'posts-api',
      algorithms: ['ES256'],
      jwksCache: { cooldown: 0, timeout: 500 },
    })
    const app = new RestApplication()
      .authorized('currentUser', jwtBearer(jwt, { type: false, typ: 'at+jwt' }))
      .forbidden('canWrite', requireScope('posts:write'))
      .dependency('strictUser', jwtBearer(jwt, { type: false, requiredScopes: ['admin'] }))
    app.get('/posts', ({ currentUser }) => ({ sub: currentUser.sub }))
    app.post('/posts', () => ({ created: true }), { requires: ['canWrite'] })
    app.get('/admin', () => ({ ok: true }), { requires: ['strictUser'] })
    return app
  }

  beforeAll(async () => {
    const first = await generateKeyPair('ES256', { extractable: true })
    const second = await generateKeyPair('ES256', { extractable: true })
    signingKey = first.privateKey
    otherKey = second.privateKey
    issuer.keys = [{ ...(await exportJWK(first.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }]
    await issuer.start()
  })
  afterAll(() => issuer.stop())

  it('verifies tokens against the fetched keys and caches the key set', async () => {
    const client = createTestClient(makeApp())
    const before = issuer.fetches
    for (let i = 0; i < 5; i++) {
      const response = await client.get('/posts', {
        headers: { authorization: `Bearer ${await token({ sub: 'u1', scope: 'posts:read' })}` },
      })
      expect(response.status).toBe(200)
      expect(response.json()).toEqual({ sub: 'u1' })
    }
    expect(issuer.fetches - before).toBe(1)
  })

  it('refuses a token signed by a key the issuer does not publish, and a wrong audience', async () => {
    const client = createTestClient(makeApp())
    const unknown = await client.get('/posts', {
      headers: { authorization: `Bearer ${await token({}, 'k9', otherKey)}` },
    })
    expect(unknown.status).toBe(401)
    expect(unknown.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
    const forged = await client.get('/posts', {
      headers: { authorization: `Bearer ${await token({}, 'k1', otherKey)}` },
    })
    expect(forged.status).toBe(401)
    const audience = await client.get('/posts', {
      headers: { authorization: `Bearer ${await token({ aud: 'other-api' })}` },
    })
    expect(audience.json<{ message: string }>().message).toBe('Invalid token audience')
  })

  it('answers 403 insufficient_scope naming the scope when the token lacks it', async () => {
    const client = createTestClient(makeApp())
    const reader = `Bearer ${await token({ scope: 'posts:read' })}`
    const refused = await client.post('/posts', { headers: { authorization: reader } })
    expect(refused.status).toBe(403)
    expect(refused.headers.get('www-authenticate')).toBe(
      'Bearer error="insufficient_scope", scope="posts:write"',
    )
    const writer = `Bearer ${await token({ scp: ['posts:read', 'posts:write'] })}`
    expect((await client.post('/posts', { headers: { authorization: writer } })).status).toBe(200)
    const admin = await client.get('/admin', { headers: { authorization: reader } })
    expect(admin.status).toBe(403)
    expect(admin.headers.get('www-authenticate')).toContain('scope="admin"')
  })

  it('answers 503 quickly, not 401 and never 200, when the key set cannot be fetched', async () => {
    issuer.up = false
    try {
      const client = createTestClient(makeApp())
      const started = performance.now()
      const response = await client.get('/posts', { headers: { authorization: `Bearer ${await token({})}` } })
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('5')
      expect(performance.now() - started).toBeLessThan(2000)
    } finally {
      issuer.up = true
    }
    const unreachable = createJwt({ jwksUrl: 'http://127.0.0.1:9/jwks.json', algorithms: ['ES256'] })
    const app = new RestApplication().authorized('currentUser', jwtBearer(unreachable, { type: false }))
    app.get('/', () => ({}), { requires: ['currentUser'] })
    const response = await createTestClient(app).get('/', {
      headers: { authorization: `Bearer ${await token({})}` },
    })
    expect(response.status).toBe(503)
  })
})
