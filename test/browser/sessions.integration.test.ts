import type { Browser, BrowserContext, Page } from 'playwright-core'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { generateCertificates } from '../adapters/tls-certificates.js'
import { defined } from '../support/defined.js'
import { fetchInPage, launchChromium, openPage } from './support/chromium.js'
import { attackerSite, type Notes, sessionSite } from './support/session-site.js'

// Cookie sessions (restmachine/auth `cookieSessions`) as Chromium handles them. The site listens on
// 127.0.0.1 and is addressed as `localhost`; the attacker's page is served from another port of
// `localhost` (another origin of the same site: SameSite lets the cookie through) and from
// `127.0.0.1` (another site). Over HTTPS the browser context is told to accept the test
// certificate with Playwright's `ignoreHTTPSErrors` (for that context only, not a browser flag).

const HOUR = 3600

async function signIn(page: Page, user = 'alice') {
  const result = await fetchInPage(page, `/login?user=${user}`, { method: 'POST' })
  expect(result).toMatchObject({ ok: true, status: 200 })
}

/**
 * Clicks the attacker page's button and returns the API's answer to the form post. A browser's form
 * post accepts text/html first, so the error comes back as an HTML page (docs/errors.md), its
 * message in the page's text.
 */
async function submitForm(page: Page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.click('button'),
  ])
  return {
    status: response.status(),
    contentType: response.headers()['content-type'],
    text: await response.text(),
    sent: await response.request().allHeaders(),
  }
}

describe('cookie sessions in headless Chromium', { timeout: 30_000 }, () => {
  let browser: Browser | undefined
  const servers: RunningServer[] = []
  let site = ''
  let notes: Notes
  let attackerPort = 0
  let loginAttackerPort = 0

  beforeAll(async () => {
    const built = sessionSite()
    notes = built.notes
    const siteServer = await serve(built.app, { port: 0, handleSignals: false })
    servers.push(siteServer)
    site = `http://localhost:${siteServer.port}`
    const attacker = await serve(attackerSite(`${site}/notes`), { port: 0, handleSignals: false })
    servers.push(attacker)
    attackerPort = attacker.port
    const loginAttacker = await serve(attackerSite(`${site}/login?user=mallory`), {
      port: 0,
      handleSignals: false,
    })
    servers.push(loginAttacker)
    loginAttackerPort = loginAttacker.port
    browser = await launchChromium()
  }, 45_000)

  afterAll(async () => {
    await browser?.close()
    await Promise.all(servers.map((server) => server.close()))
  })

  let context: BrowserContext
  beforeEach(async () => {
    context = await (browser as Browser).newContext()
  })
  afterEach(async () => {
    await context.close()
  })

  it('logs in with an HttpOnly, SameSite=Lax, Path=/ cookie, not Secure over plain HTTP, hidden from scripts', async () => {
    const { page } = await openPage(context, `${site}/`)
    const before = Date.now() / 1000
    await signIn(page)
    const cookies = await context.cookies(site)
    expect(cookies).toHaveLength(1)
    const cookie = defined(cookies[0], 'the session cookie')
    expect(cookie).toMatchObject({
      name: 'session_id',
      domain: 'localhost', // host-only: no Domain attribute was sent
      path: '/',
      httpOnly: true,
      secure: false,
      sameSite: 'Lax',
    })
    expect(cookie.value).toMatch(/^[\w-]{43}$/)
    expect(cookie.expires).toBeGreaterThan(before + HOUR - 60)
    expect(cookie.expires).toBeLessThan(before + HOUR + 60)
    expect(await page.evaluate(() => document.cookie)).toBe('')
  })

  it('sends the cookie with same-origin requests, and the CSRF check lets the page’s own POST through', async () => {
    const { page } = await openPage(context, `${site}/`)
    await signIn(page, 'bob')
    const me = await fetchInPage(page, '/me')
    expect(me.ok && JSON.parse(me.text)).toEqual({ user: 'bob' })
    const count = notes.length
    const posted = await fetchInPage(page, '/notes', { method: 'POST', body: 'hello' })
    expect(posted).toMatchObject({ ok: true, status: 200 })
    expect(notes.slice(count)).toEqual(['note by bob'])
  })

  it('lets the site’s own form POST through under Referrer-Policy: no-referrer, where Chromium sends Origin: null', async () => {
    // An HTML site's policy: the API default CSP (`default-src 'none'`) would forbid the page's fetch.
    const strict = sessionSite({ securityHeaders: { contentSecurityPolicy: { defaultSrc: ["'self'"] } } })
    const server = await serve(strict.app, { port: 0, handleSignals: false })
    try {
      const own = `http://localhost:${server.port}`
      const { page } = await openPage(context, `${own}/compose`)
      await signIn(page, 'carol')
      await page.goto(`${own}/compose`)
      const answer = await submitForm(page)
      // Fetch §3.1 (append a request Origin header): a POST whose referrer policy is no-referrer
      // carries `Origin: null` even to its own origin; Sec-Fetch-Site still says same-origin.
      expect(answer.sent.origin).toBe('null')
      expect(answer.sent['sec-fetch-site']).toBe('same-origin')
      expect(answer.status).toBe(200)
      expect(strict.notes).toEqual(['note by carol'])
    } finally {
      await server.close()
    }
  })

  it('refuses a form POST from another site: Chromium withholds the Lax cookie, so 401 and no note', async () => {
    const { page } = await openPage(context, `${site}/`)
    await signIn(page)
    const count = notes.length
    const attacker = await openPage(context, `http://127.0.0.1:${attackerPort}/`)
    const answer = await submitForm(attacker.page)
    expect(answer.sent['sec-fetch-site']).toBe('cross-site')
    expect(answer.sent.cookie).toBeUndefined()
    expect(answer.status).toBe(401)
    expect(notes.length).toBe(count)
  })

  it('refuses with 403 a form POST from another origin of the same site, though the cookie was sent', async () => {
    const { page } = await openPage(context, `${site}/`)
    await signIn(page)
    const count = notes.length
    const attackerOrigin = `http://localhost:${attackerPort}`
    const attacker = await openPage(context, `${attackerOrigin}/`)
    const answer = await submitForm(attacker.page)
    expect(answer.sent.cookie).toMatch(/(^|; )session_id=[\w-]{43}/)
    expect(answer.sent.origin).toBe(attackerOrigin)
    expect(answer.status).toBe(403)
    expect(answer.contentType).toMatch(/^text\/html/)
    expect(answer.text).toContain(
      `<p>Cross-site request refused (CSRF protection): origin ${attackerOrigin} is not allowed</p>`,
    )
    expect(notes.length).toBe(count)
  })

  it('refuses a cross-site form that would sign the visitor in as someone else (login CSRF)', async () => {
    const attacker = await openPage(context, `http://127.0.0.1:${loginAttackerPort}/`)
    const answer = await submitForm(attacker.page)
    expect(answer.status).toBe(403)
    expect(answer.text).toMatch(/<p>Cross-site request refused \(CSRF protection\)/)
    expect(await context.cookies(site)).toEqual([])
  })

  it('logs out: the cookie is gone from the browser and the session from the server', async () => {
    const { page } = await openPage(context, `${site}/`)
    await signIn(page)
    expect(await context.cookies(site)).toHaveLength(1)
    const out = await fetchInPage(page, '/logout', { method: 'POST' })
    expect(out).toMatchObject({ ok: true, status: 200 })
    expect(await context.cookies(site)).toEqual([])
    expect(await fetchInPage(page, '/me')).toMatchObject({ ok: true, status: 401 })
  })
})

describe('a __Host- session cookie in headless Chromium', { timeout: 30_000 }, () => {
  let browser: Browser | undefined
  const servers: RunningServer[] = []
  let https = ''
  let plain = ''

  beforeAll(async () => {
    const certificates = generateCertificates() // CN=localhost, SAN DNS:localhost, IP:127.0.0.1
    const tls = { key: certificates.serverKey, cert: certificates.serverCert }
    const options = { cookieName: '__Host-session', sameSite: 'Strict' } as const
    const secure = await serve(sessionSite(options).app, { port: 0, handleSignals: false, tls })
    servers.push(secure)
    https = `https://localhost:${secure.port}`
    const insecure = await serve(sessionSite(options).app, { port: 0, handleSignals: false })
    servers.push(insecure)
    plain = `http://127.0.0.1:${insecure.port}`
    browser = await launchChromium()
  }, 45_000)

  afterAll(async () => {
    await browser?.close()
    await Promise.all(servers.map((server) => server.close()))
  })

  it('works over HTTPS: Secure, Path=/, host-only, sent back, and cleared at logout', async () => {
    const context = await (browser as Browser).newContext({ ignoreHTTPSErrors: true })
    try {
      const { page } = await openPage(context, `${https}/`)
      await signIn(page)
      const cookies = await context.cookies(https)
      expect(
        cookies.map(({ name, domain, path, secure, httpOnly, sameSite }) => ({
          name,
          domain,
          path,
          secure,
          httpOnly,
          sameSite,
        })),
      ).toEqual([
        {
          name: '__Host-session',
          domain: 'localhost',
          path: '/',
          secure: true,
          httpOnly: true,
          sameSite: 'Strict',
        },
      ])
      const me = await fetchInPage(page, '/me')
      expect(me.ok && JSON.parse(me.text)).toEqual({ user: 'alice' })
      expect(await fetchInPage(page, '/logout', { method: 'POST' })).toMatchObject({ ok: true, status: 200 })
      expect(await context.cookies(https)).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('is Secure even over plain HTTP, which Chromium accepts from loopback, a potentially trustworthy origin', async () => {
    const context = await (browser as Browser).newContext()
    try {
      const { page } = await openPage(context, `${plain}/`)
      const [login] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/login')),
        signIn(page),
      ])
      // RFC 6265bis §4.1.3.2: the prefix demands Secure, so the server sets it whatever the scheme…
      expect(await login.headerValue('set-cookie')).toMatch(
        /^__Host-session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=3600; Secure$/,
      )
      // …and Chromium stores and sends it from http://127.0.0.1 (a loopback origin counts as
      // secure), so development on localhost works; any other plain-HTTP host drops it.
      expect(await context.cookies(plain)).toMatchObject([{ name: '__Host-session', secure: true }])
      expect(await fetchInPage(page, '/me')).toMatchObject({ ok: true, status: 200 })
    } finally {
      await context.close()
    }
  })
})
