/**
 * The guide's "Bearer Token Authentication", with the `bearerAuth` building block: RFC 6750
 * bearer tokens, `WWW-Authenticate: Bearer` on a missing token and `error="invalid_token"` on a
 * wrong one, a constant-time token check, and 400 for two `Authorization` headers.
 *
 *   npx tsx examples/auth/bearer.ts
 *   curl -H 'authorization: Bearer valid_token_123' localhost:8000/protected
 */
import { RestApplication } from 'restmachine'
import { bearerAuth } from 'restmachine/auth'
import { runIfMain } from './shared/run.js'

/** The guide's `validate_token`: one opaque token. Real ones are random and stored as digests. */
const TOKENS = {
  valid_token_123: { id: '1', name: 'Alice', role: 'admin' },
}

/** Builds the example application. */
export function createApp() {
  const app = new RestApplication().authorized('currentUser', bearerAuth({ tokens: TOKENS }))

  app.get('/protected', ({ currentUser }) => ({
    message: `Hello, ${currentUser.name}!`,
    user_id: currentUser.id,
  }))

  app.errorHandler(401, ({ message }) => ({ error: 'Unauthorized', message }))
  return app
}

await runIfMain(import.meta.url, 'bearer', createApp)
