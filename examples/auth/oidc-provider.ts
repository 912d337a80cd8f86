/**
 * A local OpenID Provider for development and tests: `oidc-provider` (a certified implementation)
 * on 127.0.0.1 with one test client and a few users, its login and consent pages the package's
 * development ones ("devInteractions": any password is accepted — never for production).
 *
 *   npx tsx examples/auth/oidc-provider.ts      # OIDC_PORT (default 9000)
 *   curl http://127.0.0.1:9000/.well-known/openid-configuration
 *
 * `examples/auth/oidc.ts` logs in against it; the tests start one per suite on a free port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { exportJWK, generateKeyPair } from 'jose'
import Provider, { type Configuration, type JWKS } from 'oidc-provider'

/** The test client's id and secret (a confidential web client). */
export const OIDC_CLIENT = { clientId: 'restmachine-example', clientSecret: 'example-client-secret' } as const

/** The users the provider knows, by login. */
export const OIDC_USERS: Readonly<Record<string, { email: string; name: string }>> = {
  alice: { email: 'alice@example.com', name: 'Alice' },
  bob: { email: 'bob@example.com', name: 'Bob' },
}

/** Settings of {@link startOidcProvider}. */
export interface OidcProviderOptions {
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number
  /** Redirect URIs registered for the test client (the app's callback). */
  redirectUris: readonly string[]
  /** Where the provider may send the browser after logout. */
  postLogoutRedirectUris?: readonly string[]
  /** Extra provider configuration (token lifetimes, routes…), merged over the defaults. */
  configuration?: Partial<Configuration>
  /** Sees each request before the provider does (tests use it to hold back a response). */
  intercept?: (request: IncomingMessage, response: ServerResponse) => void
}

/** A running provider. */
export interface RunningOidcProvider {
  /** The issuer identifier, e.g. `http://127.0.0.1:9000`. */
  readonly issuer: string
  /** The provider serving requests now. */
  readonly provider: Provider
  /** Replaces the signing keys with a new one (the old ones are gone from the JWK Set). */
  rotateKeys(): Promise<string>
  /** Stops the server. */
  close(): Promise<void>
}

/** A fresh ES256 signing key as a private JWK with a `kid`. */
async function signingKeys(): Promise<{ jwks: JWKS; kid: string }> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true })
  const kid = crypto.randomUUID()
  const jwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' }
  return { jwks: { keys: [jwk] } as JWKS, kid }
}

function configure(options: OidcProviderOptions, jwks: JWKS): Configuration {
  return {
    clients: [
      {
        client_id: OIDC_CLIENT.clientId,
        client_secret: OIDC_CLIENT.clientSecret,
        redirect_uris: [...options.redirectUris],
        post_logout_redirect_uris: [...(options.postLogoutRedirectUris ?? [])],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks,
    cookies: { keys: ['example-provider-cookie-key'] },
    // The scopes' claims (email, profile) go into the ID token too, not only to the userinfo endpoint.
    conformIdTokenClaims: false,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    claims: { openid: ['sub'], email: ['email'], profile: ['name'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: (_context: unknown, id: string) => {
      const user = OIDC_USERS[id]
      if (user === undefined) return undefined
      return { accountId: id, claims: () => ({ sub: id, ...user }) }
    },
    ...options.configuration,
  }
}

/**
 * Starts the provider on 127.0.0.1. The issuer is plain `http`: a relying party must be told that
 * insecure requests are allowed (`allowInsecureRequests: true`, local development only).
 *
 * @example
 * const op = await startOidcProvider({ redirectUris: ['http://127.0.0.1:8000/auth/callback'] })
 */
export async function startOidcProvider(options: OidcProviderOptions): Promise<RunningOidcProvider> {
  let current: Provider | undefined
  const server: Server = createServer((request, response) => {
    options.intercept?.(request, response)
    if (current === undefined) response.writeHead(503).end()
    else current.callback()(request, response)
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const make = async () => {
    const keys = await signingKeys()
    current = new Provider(issuer, configure(options, keys.jwks))
    return keys.kid
  }
  await make()
  return {
    issuer,
    get provider() {
      return current as Provider
    },
    rotateKeys: make,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const entry = process.argv[1]
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  const port = Number(process.env.OIDC_PORT ?? 9000)
  const app = process.env.APP_URL ?? 'http://127.0.0.1:8000'
  const running = await startOidcProvider({
    port,
    redirectUris: [`${app}/auth/callback`],
    postLogoutRedirectUris: [`${app}/`],
  })
  console.log(`OpenID Provider at ${running.issuer} (client ${OIDC_CLIENT.clientId}; users: alice, bob)`)
}
