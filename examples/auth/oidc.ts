/**
 * "Log in with your identity provider": OpenID Connect with the `oidcLogin` building block
 * (openid-client underneath). The login redirects with state, nonce and a PKCE S256 challenge;
 * the callback checks them, validates the ID token and starts a cookie session with a new id;
 * the user's claims are injected as `user`; logout ends the session and the provider's.
 *
 *   npx tsx examples/auth/oidc-provider.ts &   # a local provider on http://127.0.0.1:9000
 *   npx tsx examples/auth/oidc.ts              # this app on http://127.0.0.1:8000
 *   open http://127.0.0.1:8000/auth/login?return_to=/profile   # log in as alice (any password)
 *
 * Settings (environment): `OIDC_ISSUER` (default the local provider), `OIDC_CLIENT_ID`,
 * `OIDC_CLIENT_SECRET`, `APP_URL` (default `http://127.0.0.1:8000`), `LOGIN_STATE_SECRET`
 * (random, with a warning, when unset). Plain `http` is allowed only because both URLs are
 * local (`allowInsecureRequests`): never in production.
 */
import { MemoryStore, RestApplication } from 'restmachine'
import { cookieSessions, type OidcSession, oidcLogin, randomToken } from 'restmachine/auth'
import { OIDC_CLIENT } from './oidc-provider.js'
import { runIfMain } from './shared/run.js'

/** What the example needs to know. */
export interface OidcExampleSettings {
  /** The provider's issuer identifier. */
  issuer: string
  /** This app's own origin, e.g. `http://127.0.0.1:8000` (the callback is `/auth/callback`). */
  appUrl: string
  clientId?: string
  clientSecret?: string
  /** Signs the login state cookie (at least 32 bytes). */
  secret: string
  /** ID token clock tolerance in seconds (default 30). */
  clockTolerance?: number
}

/** Builds the example application. */
export function createApp(settings: OidcExampleSettings) {
  const store = new MemoryStore()
  const local = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/
  const sessions = cookieSessions<OidcSession>({ store, absoluteTimeout: 8 * 3600, idleTimeout: 3600 })
  const oidc = oidcLogin({
    issuer: settings.issuer,
    clientId: settings.clientId ?? OIDC_CLIENT.clientId,
    clientSecret: settings.clientSecret ?? OIDC_CLIENT.clientSecret,
    redirectUri: `${settings.appUrl}/auth/callback`,
    postLogoutRedirectUri: `${settings.appUrl}/`,
    scopes: ['openid', 'email', 'profile'],
    sessions,
    secret: settings.secret,
    clockTolerance: settings.clockTolerance,
    // Both ends on this machine over plain HTTP: development only.
    allowInsecureRequests: local.test(new URL(settings.issuer).origin) && local.test(settings.appUrl),
  })

  const app = new RestApplication().authorized('user', oidc.claims())
  app.get('/', () => ({ message: 'OpenID Connect example', login: '/auth/login?return_to=/profile' }))
  app.get('/auth/login', oidc.login())
  app.get(oidc.callbackPath, oidc.callback())
  app.post('/auth/logout', oidc.logout())
  app.get('/profile', ({ user }) => ({ user: { id: user.sub, email: user.email, name: user.name } }))
  app.onShutdown(() => store.close())
  return app
}

await runIfMain(import.meta.url, 'oidc', () => {
  const secret = process.env.LOGIN_STATE_SECRET ?? randomToken(32)
  if (process.env.LOGIN_STATE_SECRET === undefined) {
    console.warn('LOGIN_STATE_SECRET is not set: using a random one (logins in progress end at restart)')
  }
  return createApp({
    issuer: process.env.OIDC_ISSUER ?? 'http://127.0.0.1:9000',
    appUrl: process.env.APP_URL ?? 'http://127.0.0.1:8000',
    clientId: process.env.OIDC_CLIENT_ID,
    clientSecret: process.env.OIDC_CLIENT_SECRET,
    secret,
  })
})
