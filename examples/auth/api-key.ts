/**
 * The guide's "API Key Authentication", with the `apiKey` building block: keys in the `x-api-key`
 * header, compared in constant time (the guide's `dict.get(key)` leaks through timing).
 *
 *   npx tsx examples/auth/api-key.ts          # PORT (default 8000), HOST
 *   curl -H 'x-api-key: key_12345' localhost:8000/protected
 */
import { RestApplication, serveOpenApi } from 'restmachine'
import { apiKey } from 'restmachine/auth'
import { z } from 'zod'
import { AuthErrorSchema } from './shared/openapi.js'
import { runIfMain } from './shared/run.js'

/** The guide's key table. Real keys are long random strings, stored as SHA-256 digests. */
const API_KEYS = {
  key_12345: { user_id: '1', name: 'Alice' },
  key_67890: { user_id: '2', name: 'Bob' },
}

/** What `/protected` answers (documented in OpenAPI). */
const GREETING = z.object({ message: z.string(), user_id: z.string() }).meta({ title: 'Greeting' })

/** Builds the example application. */
export function createApp() {
  const app = new RestApplication().authorized(
    'currentUser',
    apiKey({ header: 'x-api-key', keys: API_KEYS }),
    { openapi: { security: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } },
  )

  app.get(
    '/protected',
    ({ currentUser }) => ({
      message: `Hello, ${currentUser.name}!`,
      user_id: currentUser.user_id,
    }),
    {
      openapi: {
        summary: 'Greet the key holder',
        description: 'Answers with the name of the user the API key belongs to.',
        responses: { 200: { schema: GREETING } },
      },
    },
  )

  app.errorHandler(401, ({ message }) => ({ error: 'Unauthorized', message }))
  serveOpenApi(app, {
    title: 'Authentication: API keys',
    version: '1.0.0',
    description: "The guide's API key example: keys in the `X-API-Key` header, compared in constant time.",
    license: { name: 'MIT', identifier: 'MIT' },
    contact: { name: 'RestMachine examples', email: 'examples@example.org' },
    errorBodies: { 401: AuthErrorSchema },
    tags: [
      { name: 'protected', description: 'Resources that need an API key.' },
      { name: 'openapi', description: 'This document.' },
    ],
  })
  return app
}

await runIfMain(import.meta.url, 'api-key', createApp)
