import type { CookieSessions } from '../sessions/cookie-sessions.js'

/**
 * The claims of a validated ID token (OpenID Connect Core §2, §5.1): always `iss`, `sub`, `aud`,
 * `exp`, `iat`; the rest depends on the scopes asked for and the provider.
 *
 * @example
 * app.get('/me', ({ user }) => ({ id: user.sub, email: user.email }))
 */
export interface OidcClaims {
  readonly iss: string
  readonly sub: string
  readonly aud: string | readonly string[]
  readonly exp: number
  readonly iat: number
  readonly email?: string
  readonly name?: string
  readonly [claim: string]: unknown
}

/**
 * What an OpenID Connect login keeps in the cookie session: the ID token's claims, and the ID
 * token itself (server-side, for the provider's logout: `id_token_hint`).
 *
 * @example
 * const sessions = cookieSessions<OidcSession>({ store })
 */
export interface OidcSession {
  readonly claims: OidcClaims
  readonly idToken: string
}

/**
 * Settings of {@link oidcLogin}. Durations are in seconds.
 *
 * @example
 * oidcLogin({
 *   issuer: 'https://accounts.example.com', clientId: 'my-app', clientSecret: process.env.OIDC_SECRET,
 *   redirectUri: 'https://app.example.com/auth/callback', scopes: ['openid', 'email'],
 *   sessions, secret: process.env.LOGIN_STATE_SECRET!,
 * })
 */
export interface OidcLoginOptions {
  /** The provider's issuer identifier; its `/.well-known/openid-configuration` is read on first use. */
  issuer: string | URL
  /** This application's client id at the provider. */
  clientId: string
  /** The client secret (`client_secret_basic`); leave it out for a public client (PKCE only). */
  clientSecret?: string
  /** The callback URL registered at the provider; its path is the callback route. */
  redirectUri: string
  /** Scopes to ask for (default `['openid']`); must include `openid`. */
  scopes?: readonly string[]
  /** The cookie sessions the login starts (a new session id at every login). */
  sessions: CookieSessions<OidcSession>
  /** Signs the login state cookie: at least 32 bytes of random data, kept secret. */
  secret: string
  /** Where the provider sends the browser after logout (registered there); default: none. */
  postLogoutRedirectUri?: string
  /** Where to go after logout when the provider has no logout endpoint (default `/`). */
  afterLogout?: string
  /** ID token signature algorithms accepted (default: the asymmetric ones; never `none` or HS*). */
  algorithms?: readonly string[]
  /** How long a login may take from redirect to callback (default 600 s). */
  loginTimeout?: number
  /** The login state cookie's name (default `oidc_login`). */
  cookieName?: string
  /** Clock tolerance for the ID token's `exp`/`iat` (default 30 s, openid-client's). */
  clockTolerance?: number
  /** Timeout of each request to the provider (default 10 s). */
  timeout?: number
  /**
   * Local development and tests only (default `false`): allows a plain `http` issuer and
   * redirect URI, and so a login state cookie without `Secure`. Never in production.
   */
  allowInsecureRequests?: boolean
}

/**
 * The algorithms accepted by default: asymmetric signatures only. `none` would accept an unsigned
 * token, and HS* would take the client secret as the key (RFC 8725 §3.1, §3.2).
 */
export const DEFAULT_ID_TOKEN_ALGORITHMS: readonly string[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]
