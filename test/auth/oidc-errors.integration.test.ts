import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defined } from '../support/defined.js'
import { BrowserLike, type OidcWorld, startOidcWorld, throughProvider, type Visit } from './support/oidc.js'

const hasSession = (visit: Visit) => visit.setCookies.some((line) => /^session_id=[^;]/.test(line))

/** A refused callback: the status, the JSON error, and no session (none set, none usable). */
async function expectRefused(browser: BrowserLike, world: OidcWorld, visit: Visit, message: RegExp) {
  expect(visit.status).toBe(400)
  expect(visit.headers.get('content-type')).toMatch(/^application\/json/)
  expect(visit.body.error).toBe('Bad Request')
  expect(visit.body.message).toMatch(message)
  expect(hasSession(visit)).toBe(false)
  expect((await browser.request(`${world.appUrl}/profile`)).status).toBe(401)
}

describe('oidcLogin callbacks that must not log anyone in', () => {
  let world: OidcWorld
  beforeAll(async () => {
    world = await startOidcWorld()
  })
  afterAll(() => world.close())

  it('answers a callback without state with 400 and no session', async () => {
    const browser = new BrowserLike()
    const callback = await throughProvider(browser, world.appUrl)
    callback.searchParams.delete('state')
    await expectRefused(
      browser,
      world,
      await browser.request(callback.href),
      /login state cookie is missing|carries no state/,
    )
  })

  it('answers a callback with another state with 400 and no session', async () => {
    const browser = new BrowserLike()
    const callback = await throughProvider(browser, world.appUrl)
    callback.searchParams.set('state', 'x'.repeat(43))
    await expectRefused(
      browser,
      world,
      await browser.request(callback.href),
      /does not belong to the login in progress/,
    )
  })

  it('answers a callback with two states with 400', async () => {
    const browser = new BrowserLike()
    const callback = await throughProvider(browser, world.appUrl)
    callback.searchParams.append('state', defined(callback.searchParams.get('state') ?? undefined, 'state'))
    await expectRefused(
      browser,
      world,
      await browser.request(callback.href),
      /does not belong to the login in progress/,
    )
  })

  it('answers a callback that reaches another browser (no login state cookie) with 400', async () => {
    const callback = await throughProvider(new BrowserLike(), world.appUrl)
    const other = new BrowserLike()
    await expectRefused(
      other,
      world,
      await other.request(callback.href),
      /login state cookie is missing|carries no state/,
    )
  })

  it('answers a tampered or forged login state cookie with 400', async () => {
    const browser = new BrowserLike()
    const callback = await throughProvider(browser, world.appUrl)
    const genuine = defined(browser.cookie('oidc_login', '/auth/callback'), 'the login state cookie')
    const flipped = `${genuine.slice(0, 10)}${genuine[10] === 'A' ? 'B' : 'A'}${genuine.slice(11)}`
    for (const value of [flipped, `${genuine.slice(0, -43)}${'A'.repeat(43)}`, 'garbage', '%00']) {
      const visit = await browser.request(callback.href, { headers: { cookie: `oidc_login=${value}` } })
      expect(visit.status).toBe(400)
      expect(visit.body.message).toMatch(/login state cookie is (not genuine|malformed)/)
      expect(hasSession(visit)).toBe(false)
    }
  })

  it('refuses a replayed code with 400 and no session, even with the login state cookie kept', async () => {
    const browser = new BrowserLike()
    const callback = await throughProvider(browser, world.appUrl)
    const loginState = defined(browser.cookie('oidc_login', '/auth/callback'), 'the login state cookie')
    const first = await browser.request(callback.href)
    expect(first.status).toBe(303)
    expect(hasSession(first)).toBe(true)
    // The browser dropped the cookie (Max-Age=0), so the replay alone is refused by state…
    const attacker = new BrowserLike()
    await expectRefused(
      attacker,
      world,
      await attacker.request(callback.href),
      /login state cookie is missing|carries no state/,
    )
    // …and one that kept a copy reaches the provider, which refuses the used code.
    const replay = await attacker.request(callback.href, { headers: { cookie: `oidc_login=${loginState}` } })
    await expectRefused(attacker, world, replay, /authorization code was refused/)
  })

  it('refuses an ID token whose nonce is not the login’s (the request was altered on the way) with 400', async () => {
    const browser = new BrowserLike()
    const start = await browser.request(`${world.appUrl}/auth/login`)
    const authorize = new URL(defined(start.headers.get('location') ?? undefined, 'a redirect'))
    authorize.searchParams.set('nonce', 'attacker-chosen-nonce-0123456789')
    const loginPage = await browser.follow(authorize.href)
    if (loginPage instanceof URL) throw new Error('expected the login form')
    const consent = await browser.follow(
      new URL(defined(/action="([^"]+)"/.exec(loginPage.text)?.[1], 'form'), loginPage.url).href,
      { method: 'POST', form: { prompt: 'login', login: 'alice', password: 'any' } },
    )
    if (consent instanceof URL) throw new Error('expected the consent form')
    const callback = await browser.follow(
      new URL(defined(/action="([^"]+)"/.exec(consent.text)?.[1], 'form'), consent.url).href,
      { method: 'POST', form: { prompt: 'consent' } },
      (next) => next.href.startsWith(`${world.appUrl}/auth/callback`),
    )
    if (!(callback instanceof URL)) throw new Error('expected the redirect back')
    await expectRefused(browser, world, await browser.request(callback.href), /not for this login \(nonce\)/)
  })

  it('answers the provider’s error response (access_denied) with 400 naming it', async () => {
    const browser = new BrowserLike()
    const callback = await throughProvider(browser, world.appUrl)
    const denied = new URL(`${world.appUrl}/auth/callback`)
    denied.searchParams.set('error', 'access_denied')
    denied.searchParams.set('state', defined(callback.searchParams.get('state') ?? undefined, 'state'))
    denied.searchParams.set('iss', world.op.issuer)
    const visit = await browser.request(denied.href)
    await expectRefused(browser, world, visit, /did not complete the login \(access_denied\)/)
  })

  it('refuses a return_to that leaves the site with 400, and keeps paths on it', async () => {
    for (const target of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      'profile',
    ]) {
      const visit = await new BrowserLike().request(
        `${world.appUrl}/auth/login?return_to=${encodeURIComponent(target)}`,
      )
      expect(visit.status).toBe(400)
      expect(visit.setCookies).toEqual([])
    }
    const kept = await new BrowserLike().request(
      `${world.appUrl}/auth/login?return_to=${encodeURIComponent('/a/b?c=d#e')}`,
    )
    expect(kept.status).toBe(303)
  })
})

describe('oidcLogin and an ID token that expired on the way', () => {
  let world: OidcWorld
  beforeAll(async () => {
    // The provider's ID tokens live 1 s, and the token response is held back 2.1 s: the relying
    // party receives a token already past its `exp`, and tolerates no clock skew.
    world = await startOidcWorld({
      provider: {
        ttl: {
          IdToken: 1,
          AccessToken: 600,
          AuthorizationCode: 60,
          Interaction: 600,
          Session: 3600,
          Grant: 3600,
        },
      },
      login: { clockTolerance: 0 },
      intercept: (request, response) => {
        if (request.method !== 'POST' || request.url !== '/token') return
        const end = response.end.bind(response) as (...args: unknown[]) => typeof response
        response.end = ((...args: unknown[]) => {
          setTimeout(() => end(...args), 2100)
          return response
        }) as typeof response.end
      },
    })
  })
  afterAll(() => world.close())

  it('answers 400 oidc_id_token_expired and starts no session', async () => {
    const browser = new BrowserLike()
    const callback = await throughProvider(browser, world.appUrl)
    await expectRefused(browser, world, await browser.request(callback.href), /ID token has expired/)
  })
})

describe('oidcLogin settings that refuse a provider’s tokens', () => {
  let world: OidcWorld
  beforeAll(async () => {
    world = await startOidcWorld({ login: { algorithms: ['RS256'] } }) // the provider signs ES256
  })
  afterAll(() => world.close())

  it('refuses an ID token signed with an algorithm outside the allow-list (400, no session)', async () => {
    const browser = new BrowserLike()
    const callback = await throughProvider(browser, world.appUrl)
    await expectRefused(
      browser,
      world,
      await browser.request(callback.href),
      /algorithm this application does not accept/,
    )
  })
})

describe('oidcLogin when the provider cannot be reached', () => {
  let world: OidcWorld
  beforeAll(async () => {
    world = await startOidcWorld({ issuer: 'http://127.0.0.1:9' }) // discard port: nothing listens
  })
  afterAll(() => world.close())

  it('answers the login with 503 and Retry-After, and sets no cookie', async () => {
    const visit = await new BrowserLike().request(`${world.appUrl}/auth/login`)
    expect(visit.status).toBe(503)
    expect(visit.headers.get('retry-after')).toBe('5')
    expect(JSON.stringify(visit.body)).not.toMatch(/ECONNREFUSED|fetch failed/)
    expect(visit.setCookies).toEqual([])
  })
})
