import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BrowserLike,
  formAction,
  type OidcWorld,
  startOidcWorld,
  throughProvider,
  type Visit,
} from './support/oidc.js'

const SESSION = /^session_id=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Lax; Path=\/; Max-Age=604800$/
const LOGIN_STATE = /^oidc_login=[A-Za-z0-9_-]+; HttpOnly; SameSite=Lax; Path=\/auth\/callback; Max-Age=600$/
const LOGIN_STATE_CLEARED = 'oidc_login=; HttpOnly; SameSite=Lax; Path=/auth/callback; Max-Age=0'

const sessionCookies = (visit: Visit) => visit.setCookies.filter((line) => line.startsWith('session_id='))

describe('oidcLogin against a real OpenID Provider (oidc-provider on 127.0.0.1)', () => {
  let world: OidcWorld
  beforeAll(async () => {
    world = await startOidcWorld()
  })
  afterAll(() => world.close())

  it('redirects to the discovered authorization endpoint with state, nonce and a PKCE S256 challenge', async () => {
    const browser = new BrowserLike()
    const visit = await browser.request(`${world.appUrl}/auth/login`)
    expect(visit.status).toBe(303)
    expect(visit.headers.get('cache-control')).toBe('no-store')
    const location = new URL(visit.headers.get('location') ?? '')
    const discovered = (await (
      await fetch(`${world.op.issuer}/.well-known/openid-configuration`)
    ).json()) as {
      authorization_endpoint: string
    }
    expect(`${location.origin}${location.pathname}`).toBe(discovered.authorization_endpoint)
    const query = location.searchParams
    expect(query.get('response_type')).toBe('code')
    expect(query.get('client_id')).toBe('restmachine-example')
    expect(query.get('redirect_uri')).toBe(`${world.appUrl}/auth/callback`)
    expect(query.get('scope')).toBe('openid email profile')
    expect(query.get('code_challenge_method')).toBe('S256')
    expect(query.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(query.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(query.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(visit.setCookies).toHaveLength(1)
    expect(visit.setCookies[0]).toMatch(LOGIN_STATE)
  })

  it('gives every login its own state, nonce and verifier', async () => {
    const first = new URL(
      (await new BrowserLike().request(`${world.appUrl}/auth/login`)).headers.get('location') ?? '',
    )
    const second = new URL(
      (await new BrowserLike().request(`${world.appUrl}/auth/login`)).headers.get('location') ?? '',
    )
    for (const name of ['state', 'nonce', 'code_challenge']) {
      expect(first.searchParams.get(name)).not.toBe(second.searchParams.get(name))
    }
  })

  it('logs in through the provider’s login and consent forms, lands on return_to with a session, and serves the protected route', async () => {
    const browser = new BrowserLike()
    expect((await browser.request(`${world.appUrl}/profile`)).status).toBe(401)
    const callback = await throughProvider(browser, world.appUrl, 'alice', '/profile?tab=keys')
    expect(callback.searchParams.get('code')).toBeTruthy()
    const landed = await browser.request(callback.href)
    expect(landed.status).toBe(303)
    expect(landed.headers.get('location')).toBe('/profile?tab=keys')
    expect(sessionCookies(landed)).toHaveLength(1)
    expect(sessionCookies(landed)[0]).toMatch(SESSION)
    expect(landed.setCookies).toContain(LOGIN_STATE_CLEARED)
    const profile = await browser.request(`${world.appUrl}/profile`)
    expect(profile.status).toBe(200)
    expect(profile.body).toEqual({ sub: 'alice', email: 'alice@example.com' })
  })

  it('gives a new session id at each login and ends the one the browser had (rotation)', async () => {
    const browser = new BrowserLike()
    await browser.request((await throughProvider(browser, world.appUrl, 'bob')).href)
    const first = browser.cookie('session_id')
    // The provider remembers bob now: no forms the second time, straight back to the callback.
    const again = await browser.follow(`${world.appUrl}/auth/login`)
    expect(again instanceof URL).toBe(false)
    const second = browser.cookie('session_id')
    expect(second).toBeDefined()
    expect(second).not.toBe(first)
    const old = await fetch(`${world.appUrl}/profile`, { headers: { cookie: `session_id=${first}` } })
    expect(old.status).toBe(401)
    expect((await browser.request(`${world.appUrl}/profile`)).body.sub).toBe('bob')
  })

  it('logs out: ends the session and sends the browser to the provider’s logout, then back to the app', async () => {
    const browser = new BrowserLike()
    await browser.request((await throughProvider(browser, world.appUrl)).href)
    const logout = await browser.request(`${world.appUrl}/auth/logout`, {
      method: 'POST',
      headers: { origin: world.appUrl },
    })
    expect(logout.status).toBe(303)
    expect(logout.setCookies).toContain('session_id=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0')
    const endSession = new URL(logout.headers.get('location') ?? '')
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${world.op.issuer}/session/end`)
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey/)
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${world.appUrl}/`)
    expect((await browser.request(`${world.appUrl}/profile`)).status).toBe(401)
    // The provider asks "sign out?"; yes sends the browser back to the app.
    const confirm = await browser.request(endSession.href)
    expect(confirm.status).toBe(200)
    const back = await browser.follow(formAction(confirm), {
      method: 'POST',
      form: { xsrf: /name="xsrf" value="([^"]+)"/.exec(confirm.text)?.[1] ?? '', logout: 'yes' },
    })
    expect(back instanceof URL ? back.href : back.url).toBe(`${world.appUrl}/`)
  })

  it('refuses a cross-site logout (CSRF) and keeps the session', async () => {
    const browser = new BrowserLike()
    await browser.request((await throughProvider(browser, world.appUrl)).href)
    const refused = await browser.request(`${world.appUrl}/auth/logout`, {
      method: 'POST',
      headers: { origin: 'http://evil.example' },
    })
    expect(refused.status).toBe(403)
    expect((await browser.request(`${world.appUrl}/profile`)).status).toBe(200)
  })
})
