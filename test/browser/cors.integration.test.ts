import type { Browser, BrowserContext } from 'playwright-core'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  consoleMessage,
  fetchInPage,
  launchChromium,
  openPage,
  type WatchedPage,
} from './support/chromium.js'
import { corsApi, pageSite } from './support/cors-api.js'

// Headless Chromium loads a page from one origin and calls the API on another. The API listens on
// 127.0.0.1 and is addressed as `localhost`: a page on `127.0.0.1` is another SITE, a page on
// `localhost` with another port is the same site but another ORIGIN (sites ignore ports).
// Every request below is the browser's own fetch from the page's script; nothing is simulated.

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const JSON_PUT = { 'content-type': 'application/json' }

describe('CORS in headless Chromium', { timeout: 30_000 }, () => {
  let browser: Browser | undefined
  const servers: RunningServer[] = []
  let api: ReturnType<typeof corsApi>
  let apiBase = ''
  let allowedSite = 0
  let otherSite = 0

  beforeAll(async () => {
    const siteA = await serve(pageSite(), { port: 0, handleSignals: false })
    servers.push(siteA)
    const siteB = await serve(pageSite(), { port: 0, handleSignals: false })
    servers.push(siteB)
    allowedSite = siteA.port
    otherSite = siteB.port
    api = corsApi([`http://localhost:${allowedSite}`, `http://127.0.0.1:${allowedSite}`])
    const apiServer = await serve(api.app, { port: 0, handleSignals: false })
    servers.push(apiServer)
    apiBase = `http://localhost:${apiServer.port}`
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

  const open = (origin: string): Promise<WatchedPage> => openPage(context, `${origin}/`)
  const crossSite = () => open(`http://127.0.0.1:${allowedSite}`)
  const sameSite = () => open(`http://localhost:${allowedSite}`)
  const notAllowed = () => open(`http://127.0.0.1:${otherSite}`)
  const corsErrors = (watched: WatchedPage) => watched.console.filter((m) => m.includes('CORS policy'))

  /** Chromium's console line for a request the CORS protocol blocked. */
  const blocked = (path: string, origin: string, reason: string) =>
    new RegExp(
      `^error: Access to fetch at '${literal(apiBase + path)}' from origin '${literal(origin)}' has been blocked by CORS policy: ${reason}`,
    )
  const PREFLIGHT_REFUSED =
    "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource\\."

  describe('allowed calls', () => {
    it('reads a simple cross-site GET and its exposed ETag, and no header that was not exposed', async () => {
      const watched = await crossSite()
      const result = await fetchInPage(watched.page, `${apiBase}/documents/1`)
      if (!result.ok) throw new Error(result.error)
      expect(result.status).toBe(200)
      expect(JSON.parse(result.text)).toMatchObject({ id: '1', title: 'First' })
      expect(result.headers.etag).toMatch(/^"1-v\d+"$/)
      expect(result.headers).not.toHaveProperty('vary') // sent (Vary: Origin), but not exposed
      expect(corsErrors(watched)).toEqual([])
    })

    it('sends a preflighted PUT with If-Match: 200 with the current ETag, a readable 412 with a stale one', async () => {
      const watched = await crossSite()
      const first = await fetchInPage(watched.page, `${apiBase}/documents/1`)
      if (!first.ok) throw new Error(first.error)
      const etag = first.headers.etag as string
      const put = (ifMatch: string) =>
        fetchInPage(watched.page, `${apiBase}/documents/1`, {
          method: 'PUT',
          headers: { ...JSON_PUT, 'if-match': ifMatch },
          body: JSON.stringify({ title: 'Edited in the browser' }),
        })
      const before = api.handled.length
      const updated = await put(etag)
      if (!updated.ok) throw new Error(updated.error)
      expect(updated.status).toBe(200)
      expect(JSON.parse(updated.text)).toMatchObject({ title: 'Edited in the browser' })
      const after = await fetchInPage(watched.page, `${apiBase}/documents/1`)
      if (!after.ok) throw new Error(after.error)
      expect(after.headers.etag).toMatch(/^"1-v\d+"$/)
      expect(after.headers.etag).not.toBe(etag)
      // RFC 9110 §13.1.1: the old tag no longer matches; the error carries CORS headers, so it is readable.
      const stale = await put(etag)
      if (!stale.ok) throw new Error(stale.error)
      expect(stale.status).toBe(412)
      expect(api.handled.slice(before)).toEqual(['PUT /documents/1', 'GET /documents/1'])
      expect(corsErrors(watched)).toEqual([])
    })

    it('sends credentialed requests with the cookie the API set, and without it when not asked to', async () => {
      const watched = await sameSite()
      const counted = await fetchInPage(watched.page, `${apiBase}/visits`, {
        method: 'POST',
        credentials: 'include',
      })
      expect(counted).toMatchObject({ ok: true, status: 200 })
      const cookies = await context.cookies(apiBase)
      expect(cookies.map((c) => `${c.name}=${c.value}`)).toEqual(['visitor=v1'])
      const withCookie = await fetchInPage(watched.page, `${apiBase}/visits`, { credentials: 'include' })
      expect(withCookie.ok && JSON.parse(withCookie.text)).toEqual({ visitor: 'v1' })
      const without = await fetchInPage(watched.page, `${apiBase}/visits`, { credentials: 'omit' })
      expect(without.ok && JSON.parse(without.text)).toEqual({ visitor: null })
      expect(corsErrors(watched)).toEqual([])
    })

    it("reads a '*' resource from any origin when no credentials are sent", async () => {
      const watched = await notAllowed()
      const result = await fetchInPage(watched.page, `${apiBase}/public`)
      expect(result.ok && JSON.parse(result.text)).toEqual({ message: 'for everyone' })
    })
  })

  describe('blocked by the browser itself', () => {
    it('refuses a simple GET from an origin that is not allowed (the server answers; the page never sees it)', async () => {
      const watched = await notAllowed()
      const result = await fetchInPage(watched.page, `${apiBase}/documents/1`)
      expect(result).toEqual({ ok: false, error: 'TypeError: Failed to fetch' })
      const origin = `http://127.0.0.1:${otherSite}`
      await consoleMessage(
        watched,
        blocked(
          '/documents/1',
          origin,
          "No 'Access-Control-Allow-Origin' header is present on the requested resource\\.",
        ),
      )
    })

    it('refuses a preflighted PUT from an origin that is not allowed, before it reaches the API', async () => {
      const watched = await notAllowed()
      const before = api.handled.length
      const result = await fetchInPage(watched.page, `${apiBase}/documents/1`, {
        method: 'PUT',
        headers: JSON_PUT,
        body: '{"title":"from a stranger"}',
      })
      expect(result).toEqual({ ok: false, error: 'TypeError: Failed to fetch' })
      await consoleMessage(
        watched,
        blocked('/documents/1', `http://127.0.0.1:${otherSite}`, PREFLIGHT_REFUSED),
      )
      expect(api.handled.slice(before)).toEqual([])
    })

    it('refuses a method the CORS settings do not allow (DELETE), and the API never runs it', async () => {
      // Regression (issue 9 §5): the refused preflight used to carry Allow-Origin and -Credentials,
      // and Chromium then blamed Access-Control-Allow-Methods instead of finding no CORS answer.
      const watched = await crossSite()
      const result = await fetchInPage(watched.page, `${apiBase}/documents/1`, { method: 'DELETE' })
      expect(result).toEqual({ ok: false, error: 'TypeError: Failed to fetch' })
      await consoleMessage(
        watched,
        blocked('/documents/1', `http://127.0.0.1:${allowedSite}`, PREFLIGHT_REFUSED),
      )
      expect(api.handled).not.toContain('DELETE /documents/1')
      expect(api.documents.has('1')).toBe(true)
    })

    it('refuses a request header the CORS settings do not allow, and the API never runs the PUT', async () => {
      const watched = await crossSite()
      const before = api.handled.length
      const result = await fetchInPage(watched.page, `${apiBase}/documents/1`, {
        method: 'PUT',
        headers: { ...JSON_PUT, 'x-secret': 'yes' },
        body: '{"title":"with a secret"}',
      })
      expect(result).toEqual({ ok: false, error: 'TypeError: Failed to fetch' })
      await consoleMessage(
        watched,
        blocked('/documents/1', `http://127.0.0.1:${allowedSite}`, PREFLIGHT_REFUSED),
      )
      expect(api.handled.slice(before)).toEqual([])
    })

    it("refuses to hand a '*' answer to a credentialed request", async () => {
      const watched = await sameSite()
      const result = await fetchInPage(watched.page, `${apiBase}/public`, { credentials: 'include' })
      expect(result).toEqual({ ok: false, error: 'TypeError: Failed to fetch' })
      await consoleMessage(
        watched,
        blocked(
          '/public',
          `http://localhost:${allowedSite}`,
          "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '\\*' when the request's credentials mode is 'include'\\.",
        ),
      )
    })
  })
})
