/**
 * The guide's "Bearer Token Authentication", with the `bearerAuth` building block: RFC 6750
 * bearer tokens, `WWW-Authenticate: Bearer` on a missing token and `error="invalid_token"` on a
 * wrong one, a constant-time token check, and 400 for two `Authorization` headers.
 *
 *   npx tsx examples/auth/bearer.ts
 *   curl -H 'authorization: Bearer valid_token_123' localhost:8000/protected
 */
import { RestApplication, serveOpenApi } from 'restmachine'
import { bearerAuth } from 'restmachine/auth'
import { z } from 'zod'
import { AuthErrorSchema } from './shared/openapi.js'
import { runIfMain } from './shared/run.js'

/** The guide's `validate_token`: one opaque token. Real ones are random and stored as digests. */
const TOKENS = {
  valid_token_123: { id: '1', name: 'Alice', role: 'admin' },
}

/** What `/protected` answers (documented in OpenAPI). */
const GREETING = z.object({ message: z.string(), user_id: z.string() }).meta({ title: 'Greeting' })

/** Builds the example application. */
export function createApp() {
  const app = new RestApplication().authorized('currentUser', bearerAuth({ tokens: TOKENS }))

  app.get(
    '/protected',
    ({ currentUser }) => ({
      message: `Hello, ${currentUser.name}!`,
      user_id: currentUser.id,
    }),
    {
      openapi: {
        summary: 'Greet the token holder',
        description: 'Answers with the name of the user the bearer token belongs to.',
        responses: { 200: { schema: GREETING } },
      },
    },
  )

  app.errorHandler(401, ({ message }) => ({ error: 'Unauthorized', message }))
  serveOpenApi(app, {
    title: 'Authentication: bearer tokens',
    version: '1.0.0',
    description: "The guide's bearer token example: RFC 6750 tokens, checked in constant time.",
    license: { name: 'MIT', identifier: 'MIT' },
    contact: { name: 'RestMachine examples', email: 'examples@example.org' },
    errorBodies: { 401: AuthErrorSchema },
    tags: [
      { name: 'protected', description: 'Resources that need a bearer token.' },
      { name: 'openapi', description: 'This document.' },
    ],
  })
  return app
}

await runIfMain(import.meta.url, 'bearer', createApp)
