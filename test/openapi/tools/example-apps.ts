/**
 * Every example that builds an application, and how the tests get it: a module's exported `app`,
 * or its `createApp(settings)` with test settings (a fixed secret, cheap password hashing).
 */
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { RestApplication } from '../../../src/index.js'
import type { OpenApiDocument } from '../../../src/openapi/index.js'

/** An application of any context type. */
// biome-ignore lint/suspicious/noExplicitAny: the examples' context types differ; only fetch/stop are used.
export type AnyApp = RestApplication<any, any>

/** Settings every auth example accepts in tests. */
export const TEST_SETTINGS = {
  jwtSecret: 'a-test-secret-that-is-long-enough-for-hs256',
  passwordCost: { timeCost: 1 },
  loginRateLimit: 1000,
}

/** One example application. */
export interface ExampleApp {
  /** The file, relative to the repository root. */
  readonly file: string
  /** A short name for temporary files. */
  readonly name: string
  /** Builds (or imports) the application. */
  readonly load: () => Promise<AnyApp>
}

/** The examples that build an application, each with how to get it. */
export const EXAMPLE_APPS: readonly ExampleApp[] = [
  {
    file: 'examples/quick-start.ts',
    name: 'quick-start',
    load: async () => (await import('../../../examples/quick-start.js')).app,
  },
  {
    file: 'examples/http-features-app.ts',
    name: 'http-features',
    load: async () => (await import('../../../examples/http-features-app.js')).app,
  },
  {
    file: 'examples/auth-complete.ts',
    name: 'auth-complete',
    load: async () => (await import('../../../examples/auth-complete.js')).createApp(TEST_SETTINGS),
  },
  {
    file: 'examples/auth/api-key.ts',
    name: 'api-key',
    load: async () => (await import('../../../examples/auth/api-key.js')).createApp(),
  },
  {
    file: 'examples/auth/bearer.ts',
    name: 'bearer',
    load: async () => (await import('../../../examples/auth/bearer.js')).createApp(),
  },
  {
    file: 'examples/auth/jwt.ts',
    name: 'jwt',
    load: async () => (await import('../../../examples/auth/jwt.js')).createApp(TEST_SETTINGS),
  },
  {
    file: 'examples/auth/rbac.ts',
    name: 'rbac',
    load: async () => (await import('../../../examples/auth/rbac.js')).createApp(TEST_SETTINGS),
  },
  {
    file: 'examples/auth/sessions.ts',
    name: 'sessions',
    load: async () => (await import('../../../examples/auth/sessions.js')).createApp(TEST_SETTINGS),
  },
]

/** Example files that build no application of their own, and why. */
export const NOT_APPS: Readonly<Record<string, string>> = {
  'examples/lambda.ts': 'serves the http-features application behind AWS Lambda',
  'examples/http-features.ts': 'serves the http-features application on Node',
  'examples/api-reference.ts':
    'adds the API reference page to the http-features application; its routes are left out of the document',
  'examples/auth/oidc-provider.ts':
    'the local OpenID provider (oidc-provider on Koa), not a RestMachine application',
  'examples/auth/oidc.ts':
    'a browser login flow (redirects to and from the identity provider); it serves no OpenAPI document',
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** The example files a new example would be added to: `examples/*.ts` and `examples/auth/*.ts`. */
export function exampleFiles(): string[] {
  return ['examples', 'examples/auth'].flatMap((dir) =>
    readdirSync(`${ROOT}${dir}`)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => `${dir}/${file}`),
  )
}

/**
 * The document an example serves at `/openapi.json`, asked for as a client would (through the
 * application's own fetch handler); the application is stopped afterwards.
 *
 * @example
 * const document = await servedDocument(await EXAMPLE_APPS[0]!.load())
 */
export async function servedDocument(app: AnyApp): Promise<OpenApiDocument> {
  try {
    const response = await app.fetch(new Request('http://localhost/openapi.json'))
    if (response.status !== 200) throw new Error(`GET /openapi.json answered ${response.status}`)
    return (await response.json()) as OpenApiDocument
  } finally {
    await app.stop()
  }
}
