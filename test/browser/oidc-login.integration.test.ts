import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OidcWorld, startOidcWorld } from '../auth/support/oidc.js'
import { launchChromium, STEP_TIMEOUT_MS } from './support/chromium.js'

// The whole OpenID Connect login as a user does it, in headless Chromium: the app redirects to the
// provider (oidc-provider, in this process), the user fills in its login form and accepts its
// consent page, the provider redirects back, and the app's callback starts the session.
describe('OpenID Connect login in headless Chromium', { timeout: 60_000 }, () => {
  let world: OidcWorld
  let browser: Browser | undefined
  beforeAll(async () => {
    world = await startOidcWorld()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await world.close()
  })

  it('logs in through the provider’s pages, lands on return_to with an HttpOnly session cookie, and logs out', async () => {
    if (browser === undefined) throw new Error('no browser')
    const context = await browser.newContext()
    const page = await context.newPage()
    page.setDefaultTimeout(STEP_TIMEOUT_MS)

    await page.goto(`${world.appUrl}/auth/login?return_to=/profile`)
    expect(page.url().startsWith(`${world.op.issuer}/interaction/`)).toBe(true)
    await page.fill('input[name="login"]', 'alice')
    await page.fill('input[name="password"]', 'any password')
    await page.click('button[type="submit"]')
    await page.waitForSelector('input[value="consent"]', { state: 'attached' })
    await Promise.all([page.waitForURL(`${world.appUrl}/profile`), page.click('button[type="submit"]')])
    expect(page.url()).toBe(`${world.appUrl}/profile`)
    expect(JSON.parse((await page.textContent('body')) ?? '')).toEqual({
      sub: 'alice',
      email: 'alice@example.com',
    })

    const cookies = await context.cookies(world.appUrl)
    const session = cookies.find((cookie) => cookie.name === 'session_id')
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    // The login state cookie served once and is gone.
    const everyCookie = await context.cookies() // any path, any port of 127.0.0.1
    expect(everyCookie.find((cookie) => cookie.name === 'oidc_login')).toBeUndefined()

    // Logout from the app's own page: a form POST (Chromium sends Origin), then the provider asks.
    await page.goto(`${world.appUrl}/profile`) // a page of the app's origin to post from
    await page.evaluate((action) => {
      const form = document.createElement('form')
      form.method = 'post'
      form.action = action
      document.body.append(form)
      form.submit()
    }, `${world.appUrl}/auth/logout`)
    await page.waitForURL((url) => url.href.startsWith(`${world.op.issuer}/session/end`))
    await Promise.all([page.waitForURL(`${world.appUrl}/`), page.click('button[value="yes"]')])
    const after = await page.goto(`${world.appUrl}/profile`)
    expect(after?.status()).toBe(401)
    await context.close()
  })
})
