import { ConfigurationError } from '../../errors/index.js'
import { type Reply, respond } from '../../render/index.js'
import type { AuthContext } from '../context.js'
import type { CookieSessions } from '../sessions/cookie-sessions.js'
import { sessionCookie } from '../sessions/session-cookie.js'
import { callbackError, isNetworkFailure, loginFailed, providerUnavailable } from './oidc-errors.js'
import {
  DEFAULT_ID_TOKEN_ALGORITHMS,
  type OidcClaims,
  type OidcLoginOptions,
  type OidcSession,
} from './oidc-types.js'
import { loadOpenIdClient, type OpenIdClient, type OpenIdConfiguration } from './openid-client.js'
import { safeReturnTo } from './return-to.js'
import { loginStateError, TransactionSigner } from './transaction.js'

/** A route handler made by {@link OidcLogin}: it reads only built-in values. */
export type OidcHandler = (context: AuthContext) => Promise<Reply>

/**
 * OpenID Connect login (Authorization Code flow with PKCE S256) on openid-client, a certified
 * relying party: see {@link oidcLogin}.
 */
export class OidcLogin {
  /** The callback's path, from `redirectUri`. */
  readonly callbackPath: string
  readonly #options: OidcLoginOptions
  readonly #sessions: CookieSessions<OidcSession>
  readonly #signer: TransactionSigner
  readonly #redirectUri: URL
  readonly #scope: string
  readonly #cookieName: string
  readonly #secure: boolean
  readonly #algorithms: ReadonlySet<string>
  #configuration: Promise<{ client: OpenIdClient; config: OpenIdConfiguration }> | undefined

  constructor(options: OidcLoginOptions) {
    this.#options = options
    this.#sessions = options.sessions
    this.#signer = new TransactionSigner(options.secret)
    const insecure = options.allowInsecureRequests === true
    this.#redirectUri = parseUrl(options.redirectUri, 'redirectUri', insecure)
    parseUrl(String(options.issuer), 'issuer', insecure)
    if (options.postLogoutRedirectUri !== undefined) {
      parseUrl(options.postLogoutRedirectUri, 'postLogoutRedirectUri', insecure)
    }
    if (typeof options.clientId !== 'string' || options.clientId === '') {
      throw new ConfigurationError('oidcLogin: clientId is required')
    }
    const scopes = options.scopes ?? ['openid']
    if (!scopes.includes('openid')) throw new ConfigurationError("oidcLogin: scopes must include 'openid'")
    this.#scope = scopes.join(' ')
    this.#cookieName = options.cookieName ?? 'oidc_login'
    this.#secure = this.#redirectUri.protocol === 'https:'
    this.#algorithms = new Set(options.algorithms ?? DEFAULT_ID_TOKEN_ALGORITHMS)
    if ([...this.#algorithms].some((alg) => alg === 'none' || alg.startsWith('HS'))) {
      throw new ConfigurationError('oidcLogin: algorithms may not include none or HS* (RFC 8725 §3.1)')
    }
    this.callbackPath = this.#redirectUri.pathname
    // Checked now, so a bad value is a start-up error and not a 500 at the first login.
    sessionCookie(this.#cookieName, '', 0, { secure: this.#secure, sameSite: 'Lax', path: this.callbackPath })
  }

  /** Discovery (OpenID Connect Discovery 1.0 §4), once; a failure is retried at the next login. */
  #discover(): Promise<{ client: OpenIdClient; config: OpenIdConfiguration }> {
    this.#configuration ??= this.#runDiscovery().catch((error: unknown) => {
      this.#configuration = undefined
      throw error
    })
    return this.#configuration
  }

  async #runDiscovery(): Promise<{ client: OpenIdClient; config: OpenIdConfiguration }> {
    const client = await loadOpenIdClient() // outside the try: a missing peer is not an outage
    const { clientSecret, clientId, clockTolerance = 30, timeout = 10 } = this.#options
    const execute = [client.enableNonRepudiationChecks] // ID token signatures checked against the JWK Set
    if (this.#options.allowInsecureRequests === true) execute.push(client.allowInsecureRequests)
    try {
      const config = await client.discovery(
        new URL(String(this.#options.issuer)),
        clientId,
        { client_secret: clientSecret, [client.clockTolerance]: clockTolerance },
        clientSecret === undefined ? client.None() : client.ClientSecretBasic(clientSecret),
        { execute, timeout },
      )
      return { client, config }
    } catch (error) {
      const mapped = callbackError(error)
      if (mapped !== error || isNetworkFailure(error)) throw providerUnavailable(error)
      throw error
    }
  }

  /**
   * The login route's handler (GET): sends the browser to the provider (303) with a fresh state,
   * nonce and PKCE S256 challenge, kept in a signed, `HttpOnly`, `SameSite=Lax` cookie limited to
   * the callback's path for `loginTimeout` seconds. `?return_to=/path` says where to land after
   * login (paths on this site only; anything else is a 400).
   *
   * @example
   * app.get('/auth/login', oidc.login())
   */
  login(): OidcHandler {
    return async ({ request, responseHeaders }: AuthContext) => {
      const query = new URLSearchParams(request.rawQuery)
      const returnTo = safeReturnTo(query.get('return_to') ?? undefined)
      const { client, config } = await this.#discover()
      const state = client.randomState()
      const nonce = client.randomNonce()
      const verifier = client.randomPKCECodeVerifier()
      const timeout = this.#options.loginTimeout ?? 600
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: this.#redirectUri.href,
        scope: this.#scope,
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      })
      const expiresAt = Math.floor(Date.now() / 1000) + timeout
      const sealed = await this.#signer.seal({ state, nonce, verifier, returnTo, expiresAt })
      responseHeaders.append('set-cookie', this.#transactionCookie(sealed, timeout))
      return seeOther(url.href)
    }
  }

  /**
   * The callback route's handler (GET, at `redirectUri`'s path): checks the state against the
   * login state cookie, exchanges the code (with the PKCE verifier), validates the ID token
   * (signature against the provider's JWK Set, algorithm, issuer, audience, nonce, expiry), then
   * starts a session with a new id and sends the browser to its `return_to` (303). Any failure is
   * a 400 with a JSON error (503 when the provider cannot be reached), and no session. The login
   * state cookie is cleared either way: state, nonce and verifier serve once.
   *
   * @example
   * app.get(oidc.callbackPath, oidc.callback())
   */
  callback(): OidcHandler {
    return async ({ request, cookies, headers, responseHeaders }: AuthContext) => {
      responseHeaders.append('set-cookie', this.#transactionCookie('', 0))
      const transaction = await this.#signer.open(cookies[this.#cookieName], Math.floor(Date.now() / 1000))
      const query = new URLSearchParams(request.rawQuery)
      // RFC 6749 §10.12 / OIDC Core §3.1.2.7: the state ties the callback to this browser's login.
      const states = query.getAll('state')
      if (states.length === 0) throw loginStateError('The callback carries no state', 'missing')
      if (states.length > 1 || states[0] !== transaction.state) {
        throw loginStateError('The callback does not belong to the login in progress (state)', 'mismatch')
      }
      const { client, config } = await this.#discover()
      const current = new URL(this.#redirectUri.href)
      current.search = request.rawQuery
      let tokens: Awaited<ReturnType<OpenIdClient['authorizationCodeGrant']>>
      try {
        tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: transaction.verifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          idTokenExpected: true,
        })
      } catch (error) {
        throw callbackError(error)
      }
      const idToken = tokens.id_token
      const claims = tokens.claims()
      if (idToken === undefined || claims === undefined) {
        throw loginFailed('The identity provider sent no ID token', 'oidc_id_token_invalid')
      }
      const alg = headerAlgorithm(idToken)
      if (alg === undefined || !this.#algorithms.has(alg)) {
        throw loginFailed(
          'The ID token is signed with an algorithm this application does not accept',
          'oidc_id_token_invalid',
        )
      }
      const start = this.#sessions.starter()({ request, cookies, headers, responseHeaders })
      await start({ claims: claims as unknown as OidcClaims, idToken })
      return seeOther(transaction.returnTo)
    }
  }

  /**
   * The logout route's handler (POST: it changes state, so the session's CSRF check applies):
   * ends the session, then sends the browser (303) to the provider's logout endpoint with
   * `id_token_hint` and `post_logout_redirect_uri` (RP-Initiated Logout 1.0 §2) when the provider
   * has one, else to `afterLogout`. 401 without a session.
   *
   * @example
   * app.post('/auth/logout', oidc.logout())
   */
  logout(): OidcHandler {
    const authenticate = this.#sessions.authenticate()
    return async ({ request, cookies, headers, responseHeaders }: AuthContext) => {
      const session = await authenticate({ request, cookies, headers, responseHeaders })
      await session.destroy()
      const fallback = this.#options.afterLogout ?? '/'
      let discovered: { client: OpenIdClient; config: OpenIdConfiguration }
      try {
        discovered = await this.#discover()
      } catch {
        return seeOther(fallback) // logged out here; the provider's session stays
      }
      const { client, config } = discovered
      if (config.serverMetadata().end_session_endpoint === undefined) return seeOther(fallback)
      const parameters: Record<string, string> = { id_token_hint: session.data.idToken }
      const after = this.#options.postLogoutRedirectUri
      if (after !== undefined) parameters.post_logout_redirect_uri = after
      return seeOther(client.buildEndSessionUrl(config, parameters).href)
    }
  }

  /**
   * A dependency for the signed-in user's ID token claims, through the cookie session: 401
   * without a session, 403 for a cross-site unsafe request (see `cookieSessions`).
   *
   * @example
   * app.authorized('user', oidc.claims())
   * app.get('/me', ({ user }) => ({ id: user.sub, email: user.email }))
   */
  claims(): (context: AuthContext) => Promise<OidcClaims> {
    const authenticate = this.#sessions.authenticate()
    return async ({ request, cookies, headers, responseHeaders }: AuthContext) =>
      (await authenticate({ request, cookies, headers, responseHeaders })).data.claims
  }

  #transactionCookie(value: string, maxAge: number): string {
    return sessionCookie(this.#cookieName, value, maxAge, {
      secure: this.#secure,
      sameSite: 'Lax', // sent on the provider's top-level redirect back (RFC 6265bis §5.6.7.1)
      path: this.callbackPath,
    })
  }
}

/**
 * Creates an OpenID Connect login: `login()`, `callback()` and `logout()` route handlers and a
 * `claims()` dependency, on openid-client (an optional peer: `npm install openid-client`).
 *
 * @example
 * const oidc = oidcLogin({ issuer, clientId, clientSecret, redirectUri, scopes: ['openid', 'email'], sessions, secret })
 * app.authorized('user', oidc.claims())
 * app.get('/auth/login', oidc.login()).get(oidc.callbackPath, oidc.callback()).post('/auth/logout', oidc.logout())
 */
export function oidcLogin(options: OidcLoginOptions): OidcLogin {
  return new OidcLogin(options)
}

/** RFC 9110 §15.4.4: 303 sends the browser on with a GET, whatever method brought it here. */
function seeOther(location: string): Reply {
  return respond(null, { status: 303, headers: { location, 'cache-control': 'no-store' } })
}

function parseUrl(value: string, name: string, insecure: boolean): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigurationError(`oidcLogin: ${name} must be an absolute URL`)
  }
  if (url.protocol !== 'https:' && !(insecure && url.protocol === 'http:')) {
    throw new ConfigurationError(
      `oidcLogin: ${name} must be https (allowInsecureRequests: true allows http, for local development only)`,
    )
  }
  return url
}

/** The `alg` of a compact JWS's protected header, or `undefined` when it cannot be read. */
function headerAlgorithm(jws: string): string | undefined {
  try {
    const [header = ''] = jws.split('.')
    const json = JSON.parse(atob(header.replace(/-/g, '+').replace(/_/g, '/'))) as { alg?: unknown }
    return typeof json.alg === 'string' ? json.alg : undefined
  } catch {
    return undefined
  }
}
