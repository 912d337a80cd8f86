import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { BrowserLike, type OidcWorld, startOidcWorld, throughProvider } from './support/oidc.js'

async function logIn(world: OidcWorld) {
  const browser = new BrowserLike()
  const landed = await browser.request((await throughProvider(browser, world.appUrl)).href)
  const profile = await browser.request(`${world.appUrl}/profile`)
  return { landed, profile }
}

async function publishedKids(issuer: string): Promise<string[]> {
  const response = await fetch(`${issuer}/jwks`)
  return ((await response.json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid)
}

describe('oidcLogin and the provider’s signing keys', () => {
  let world: OidcWorld
  beforeAll(async () => {
    world = await startOidcWorld()
  })
  afterAll(() => world.close())
  afterEach(() => vi.restoreAllMocks())

  it('validates logins after the provider rotates its keys, fetching the new JWK Set', async () => {
    expect((await logIn(world)).profile.status).toBe(200) // the JWK Set is fetched and cached
    const oldKids = await publishedKids(world.op.issuer)
    const newKid = await world.op.rotateKeys()
    expect(await publishedKids(world.op.issuer)).toEqual([newKid])
    expect(oldKids).not.toContain(newKid)

    // openid-client fetches the set again for an unknown kid once its copy is a minute old (it
    // will not refetch more often: a flood of unknown kids cannot make it hammer the provider).
    // Within that minute the new key is unknown, and the login is refused without a session.
    const early = await logIn(world)
    expect(early.landed.status).toBe(400)
    expect(early.landed.body.message).toMatch(/ID token could not be validated/)
    expect(early.profile.status).toBe(401)

    const now = Date.now()
    vi.spyOn(Date, 'now').mockImplementation(() => now + 61_000)
    const later = await logIn(world)
    expect(later.landed.status).toBe(303)
    expect(later.profile.status).toBe(200)
    expect(later.profile.body.sub).toBe('alice')
  })
})

describe('oidcLogin discovery', () => {
  let world: OidcWorld
  beforeAll(async () => {
    // The provider serves its endpoints at paths of its own: only discovery can tell them.
    world = await startOidcWorld({
      provider: {
        routes: { authorization: '/oauth2/authorize-here', token: '/oauth2/token-here', jwks: '/keys' },
      },
    })
  })
  afterAll(() => world.close())

  it('uses the endpoints the provider’s openid-configuration names', async () => {
    const start = await new BrowserLike().request(`${world.appUrl}/auth/login`)
    expect(new URL(start.headers.get('location') ?? '').pathname).toBe('/oauth2/authorize-here')
    const { profile } = await logIn(world)
    expect(profile.status).toBe(200)
  })
})
