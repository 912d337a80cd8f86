import { RestApplication } from 'restmachine'
import { cookieSessions } from 'restmachine/auth'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../examples/auth/sessions.js'
import { MemoryStore } from '../../src/stores/index.js'
import { contentOf, rawRequest, statusOf } from '../support/http.js'
import { LOW_COST } from './support/http.js'

// Regression (issue 9 §6): a cookie-authenticated POST with neither Origin nor Sec-Fetch-Site used
// to pass the CSRF check, and a cross-site Referer alone was not looked at. These requests are
// written byte for byte, so no client adds or drops a header on the way.

const LOGIN_BODY = '{"email":"alice@example.com","password":"secret"}'

function post(port: number, path: string, lines: string[], body = ''): Promise<string> {
  const head = [
    `POST ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Connection: close',
    ...(body === '' ? [] : ['Content-Type: application/json']),
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...lines,
  ]
  return rawRequest(port, `${head.join('\r\n')}\r\n\r\n${body}`)
}

function cookieFrom(raw: string): string {
  const pair = /^set-cookie: ([^;\r\n]+)/im.exec(raw)?.[1]
  if (pair === undefined) throw new Error(`no Set-Cookie in ${raw.slice(0, 200)}`)
  return pair
}

describe('CSRF check of examples/auth/sessions.ts over raw HTTP/1.1', () => {
  let server: RunningServer
  let port: number
  let own: string
  beforeAll(async () => {
    server = await serve(createApp({ passwordCost: LOW_COST, loginRateLimit: 1000 }), {
      port: 0,
      handleSignals: false,
    })
    own = server.url
    port = Number(new URL(own).port)
  })
  afterAll(() => server.close())

  const login = async () => cookieFrom(await post(port, '/login', [`Origin: ${own}`], LOGIN_BODY))
  const logout = async (lines: string[]) => post(port, '/logout', [`Cookie: ${await login()}`, ...lines])

  it('refuses a cookie-authenticated POST with no Origin, Referer or Sec-Fetch-Site with 403', async () => {
    const raw = await logout([])
    expect(statusOf(raw)).toBe(403)
    expect(JSON.parse(contentOf(raw))).toEqual({
      error: 'Forbidden',
      message: 'Cross-site request refused (CSRF protection): no Origin, Referer or Sec-Fetch-Site',
    })
  })

  it('refuses a login with no origin information, and sets no cookie', async () => {
    const raw = await post(port, '/login', [], LOGIN_BODY)
    expect(statusOf(raw)).toBe(403)
    expect(raw).not.toMatch(/^set-cookie:/im)
  })

  it('refuses a cross-site Referer when Origin is absent', async () => {
    for (const referer of ['http://evil.example/attack.html', 'https://127.0.0.1/', '//evil.example/']) {
      expect(statusOf(await logout([`Referer: ${referer}`])), referer).toBe(403)
    }
  })

  it('refuses two Referer lines, even when one is the own origin', async () => {
    const raw = await logout([`Referer: ${own}/`, 'Referer: http://evil.example/'])
    expect(statusOf(raw)).toBe(403)
  })

  it('lets a POST through whose only origin information is the own Referer or Sec-Fetch-Site', async () => {
    for (const line of [`Referer: ${own}/account`, 'Referer: /account', 'Sec-Fetch-Site: same-origin']) {
      expect(statusOf(await logout([line])), line).toBe(200)
    }
  })

  it('judges by Origin first, and refuses Sec-Fetch-Site: cross-site whatever else is sent', async () => {
    expect(statusOf(await logout([`Origin: ${own}`, 'Referer: http://evil.example/']))).toBe(200)
    expect(statusOf(await logout(['Origin: http://evil.example', `Referer: ${own}/`]))).toBe(403)
    expect(statusOf(await logout([`Origin: ${own}`, 'Sec-Fetch-Site: cross-site']))).toBe(403)
  })
})

describe('cookieSessions with csrf: { requireOrigin: false } over raw HTTP/1.1', () => {
  let server: RunningServer
  let port: number
  beforeAll(async () => {
    const sessions = cookieSessions<{ user: string }>({
      store: new MemoryStore(),
      csrf: { requireOrigin: false },
    })
    const app = new RestApplication()
      .dependency('startSession', sessions.starter())
      .authorized('session', sessions.authenticate())
    app.post('/login', async ({ startSession }) => {
      await startSession({ user: 'alice' })
      return { ok: true }
    })
    app.post('/logout', async ({ session }) => {
      await session.destroy()
      return { ok: true }
    })
    server = await serve(app, { port: 0, handleSignals: false })
    port = Number(new URL(server.url).port)
  })
  afterAll(() => server.close())

  it('lets a client that sends no origin information through, and still refuses a foreign Referer', async () => {
    const cookie = cookieFrom(await post(port, '/login', []))
    expect(
      statusOf(await post(port, '/logout', [`Cookie: ${cookie}`, 'Referer: http://evil.example/'])),
    ).toBe(403)
    expect(statusOf(await post(port, '/logout', [`Cookie: ${cookie}`]))).toBe(200)
  })
})
