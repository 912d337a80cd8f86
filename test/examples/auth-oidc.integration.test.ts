import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../examples/auth/oidc.js'
import { type RunningOidcProvider, startOidcProvider } from '../../examples/auth/oidc-provider.js'
import { BrowserLike, freePort, TEST_SECRET, throughProvider } from '../auth/support/oidc.js'

// OpenID Connect needs a browser going back and forth between two servers, so this example runs
// over HTTP only (the Lambda front doors have no provider to redirect to).
describe('examples/auth/oidc.ts against examples/auth/oidc-provider.ts', () => {
  let op: RunningOidcProvider
  let server: RunningServer
  let appUrl: string
  beforeAll(async () => {
    const port = await freePort()
    appUrl = `http://127.0.0.1:${port}`
    op = await startOidcProvider({
      redirectUris: [`${appUrl}/auth/callback`],
      postLogoutRedirectUris: [`${appUrl}/`],
    })
    const app = createApp({ issuer: op.issuer, appUrl, secret: TEST_SECRET })
    server = (await serve(app, { port, hostname: '127.0.0.1', handleSignals: false })) as RunningServer
  })
  afterAll(async () => {
    await server.close()
    await op.close()
  })

  it('answers the home page with where to log in, and the profile with 401 before login', async () => {
    const browser = new BrowserLike()
    expect((await browser.request(`${appUrl}/`)).body).toEqual({
      message: 'OpenID Connect example',
      login: '/auth/login?return_to=/profile',
    })
    expect((await browser.request(`${appUrl}/profile`)).status).toBe(401)
  })

  it('logs alice in through the provider’s forms and shows her profile from the ID token’s claims', async () => {
    const browser = new BrowserLike()
    const landed = await browser.request((await throughProvider(browser, appUrl, 'alice')).href)
    expect(landed.status).toBe(303)
    expect(landed.headers.get('location')).toBe('/profile')
    expect(landed.setCookies.find((line) => line.startsWith('session_id='))).toMatch(
      /^session_id=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Lax; Path=\/; Max-Age=28800$/,
    )
    const profile = await browser.request(`${appUrl}/profile`)
    expect(profile.body).toEqual({ user: { id: 'alice', email: 'alice@example.com', name: 'Alice' } })
  })

  it('logs out to the provider’s end-session endpoint', async () => {
    const browser = new BrowserLike()
    await browser.request((await throughProvider(browser, appUrl, 'bob')).href)
    const logout = await browser.request(`${appUrl}/auth/logout`, {
      method: 'POST',
      headers: { origin: appUrl },
    })
    expect(logout.status).toBe(303)
    expect(logout.headers.get('location')).toMatch(new RegExp(`^${op.issuer}/session/end\\?`))
    expect((await browser.request(`${appUrl}/profile`)).status).toBe(401)
  })
})
