/**
 * The OpenID Connect tests' world: the local provider (`examples/auth/oidc-provider.ts`, the real
 * oidc-provider package), the example app on a real socket, and a browser-style client — `fetch`
 * with manual redirects and a cookie jar that keeps cookies per host and path, as browsers do
 * (one host, 127.0.0.1, for both servers: ports do not separate cookies, RFC 6265 §8.5).
 */
import { createServer } from 'node:net'
import type { Configuration } from 'oidc-provider'
import { MemoryStore, RestApplication } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import {
  OIDC_CLIENT,
  type OidcProviderOptions,
  type RunningOidcProvider,
  startOidcProvider,
} from '../../../examples/auth/oidc-provider.js'
import {
  cookieSessions,
  type OidcLoginOptions,
  type OidcSession,
  oidcLogin,
} from '../../../src/auth/index.js'
import { defined } from '../../support/defined.js'

/** The secret the tests sign login state with. */
export const TEST_SECRET = 'test-login-state-secret-0123456789abcdef'

interface StoredCookie {
  readonly name: string
  readonly value: string
  readonly path: string
}

/** What one request gave: its status, headers, final URL and text. */
export interface Visit {
  readonly url: string
  readonly status: number
  readonly headers: Headers
  readonly text: string
  /** The JSON content, when it is JSON. */
  readonly body: ReturnType<typeof JSON.parse>
  /** Every `Set-Cookie` line of this response. */
  readonly setCookies: readonly string[]
}

/** A cookie jar and `fetch` with manual redirects: what a browser does, minus the page. */
export class BrowserLike {
  readonly #cookies: StoredCookie[] = []

  /** The cookies sent to `url` (path-matched, RFC 6265 §5.1.4), as a `Cookie` header. */
  cookieFor(url: string): string {
    const { pathname } = new URL(url)
    return this.#cookies
      .filter((c) => pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ')
  }

  /** The value of a cookie by name and path. */
  cookie(name: string, path = '/'): string | undefined {
    return this.#cookies.find((c) => c.name === name && c.path === path)?.value
  }

  #store(line: string, url: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim())
    const equals = pair.indexOf('=')
    const name = pair.slice(0, equals)
    const value = pair.slice(equals + 1)
    let path = new URL(url).pathname.replace(/\/[^/]*$/, '') || '/'
    let remove = false
    for (const attribute of attributes) {
      const [key = '', attributeValue = ''] = attribute.split('=')
      if (key.toLowerCase() === 'path') path = attributeValue
      if (key.toLowerCase() === 'max-age' && Number(attributeValue) <= 0) remove = true
      if (key.toLowerCase() === 'expires' && Date.parse(attributeValue) <= Date.now()) remove = true
    }
    const index = this.#cookies.findIndex((c) => c.name === name && c.path === path)
    if (index >= 0) this.#cookies.splice(index, 1)
    if (!remove) this.#cookies.push({ name, value, path })
  }

  /** One request, no redirect followed; the jar is sent and updated. */
  async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Visit> {
    const headers: Record<string, string> = { ...init.headers }
    const cookie = this.cookieFor(url)
    if (cookie !== '' && headers.cookie === undefined) headers.cookie = cookie // a given one replaces the jar's
    let body: string | undefined
    if (init.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(init.form).toString()
    }
    const response = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' })
    const setCookies = response.headers.getSetCookie()
    for (const line of setCookies) this.#store(line, url)
    const text = await response.text()
    let parsed: ReturnType<typeof JSON.parse>
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
    return { url, status: response.status, headers: response.headers, text, body: parsed, setCookies }
  }

  /**
   * Requests `url` and follows redirects (as GETs) until an answer that is not one, or until
   * `stopAt` says the next URL is where to stop (returned without being requested).
   */
  async follow(
    url: string,
    init: Parameters<BrowserLike['request']>[1] = {},
    stopAt?: (next: URL) => boolean,
  ): Promise<Visit | URL> {
    let visit = await this.request(url, init)
    for (let hops = 0; hops < 20; hops++) {
      const location = visit.headers.get('location')
      if (visit.status < 300 || visit.status >= 400 || location === null) return visit
      const next = new URL(location, visit.url)
      if (stopAt?.(next)) return next
      visit = await this.request(next.href)
    }
    throw new Error('too many redirects')
  }
}

/** The action URL of the page's first form. */
export function formAction(visit: Visit): string {
  const action = defined(/<form[^>]*action="([^"]+)"/.exec(visit.text)?.[1], `a form in ${visit.url}`)
  return new URL(action.replace(/&amp;/g, '&'), visit.url).href
}

function asVisit(result: Visit | URL): Visit {
  if (result instanceof URL) throw new Error(`stopped at ${result.href}`)
  return result
}

/**
 * Starts a login at the app and goes through the provider's real login and consent forms; stops
 * at the redirect back to the app's callback and returns that URL (not yet requested).
 *
 * @example
 * const callback = await throughProvider(browser, appUrl, 'alice')
 */
export async function throughProvider(
  browser: BrowserLike,
  appUrl: string,
  login = 'alice',
  returnTo = '/profile',
): Promise<URL> {
  const atCallback = (next: URL) => next.href.startsWith(`${appUrl}/auth/callback`)
  const loginPage = asVisit(
    await browser.follow(`${appUrl}/auth/login?return_to=${encodeURIComponent(returnTo)}`),
  )
  if (!loginPage.text.includes('name="login"'))
    throw new Error(`expected the login form, got ${loginPage.status} ${loginPage.text.slice(0, 200)}`)
  const afterLogin = await browser.follow(
    formAction(loginPage),
    { method: 'POST', form: { prompt: 'login', login, password: 'any' } },
    atCallback,
  )
  if (afterLogin instanceof URL) return afterLogin
  if (!afterLogin.text.includes('value="consent"'))
    throw new Error(`expected the consent form, got ${afterLogin.status}`)
  const afterConsent = await browser.follow(
    formAction(afterLogin),
    { method: 'POST', form: { prompt: 'consent' } },
    atCallback,
  )
  if (!(afterConsent instanceof URL))
    throw new Error(`expected a redirect to the callback, got ${afterConsent.status}`)
  return afterConsent
}

/** A port that was free a moment ago (the provider must know the app's redirect URI first). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** The provider and an app logging in against it, both running. */
export interface OidcWorld {
  readonly op: RunningOidcProvider
  readonly app: RunningServer
  readonly appUrl: string
  close(): Promise<void>
}

/** Settings of {@link startOidcWorld}. */
export interface OidcWorldOptions {
  /** Provider configuration merged over the local provider's. */
  provider?: Partial<Configuration>
  /** Sees each provider request first. */
  intercept?: OidcProviderOptions['intercept']
  /** `oidcLogin` options over the test app's. */
  login?: Partial<OidcLoginOptions>
  /** The issuer the app is told (default the provider's). */
  issuer?: string
}

/**
 * The test app: `oidcLogin` with the test client, `/auth/login`, `/auth/callback`,
 * `/auth/logout` and a protected `/profile`.
 */
export function testApp(issuer: string, appUrl: string, login: Partial<OidcLoginOptions> = {}) {
  const sessions = cookieSessions<OidcSession>({ store: new MemoryStore() })
  const oidc = oidcLogin({
    issuer,
    clientId: OIDC_CLIENT.clientId,
    clientSecret: OIDC_CLIENT.clientSecret,
    redirectUri: `${appUrl}/auth/callback`,
    postLogoutRedirectUri: `${appUrl}/`,
    scopes: ['openid', 'email', 'profile'],
    sessions,
    secret: TEST_SECRET,
    allowInsecureRequests: true,
    ...login,
  })
  const app = new RestApplication().authorized('user', oidc.claims())
  app.get('/auth/login', oidc.login())
  app.get(oidc.callbackPath, oidc.callback())
  app.post('/auth/logout', oidc.logout())
  app.get('/profile', ({ user }) => ({ sub: user.sub, email: user.email }))
  return app
}

/**
 * Starts the provider and the test app against it.
 *
 * @example
 * const world = await startOidcWorld({ provider: { ttl: { IdToken: 1 } } })
 */
export async function startOidcWorld(options: OidcWorldOptions = {}): Promise<OidcWorld> {
  const port = await freePort()
  const appUrl = `http://127.0.0.1:${port}`
  const op = await startOidcProvider({
    redirectUris: [`${appUrl}/auth/callback`],
    postLogoutRedirectUris: [`${appUrl}/`],
    configuration: options.provider,
    intercept: options.intercept,
  })
  const app = testApp(options.issuer ?? op.issuer, appUrl, options.login)
  const server = (await serve(app, { port, hostname: '127.0.0.1', handleSignals: false })) as RunningServer
  return {
    op,
    app: server,
    appUrl,
    close: async () => {
      await server.close()
      await op.close()
    },
  }
}
