/**
 * The guide's "API Key Authentication", with the `apiKey` building block: keys in the `x-api-key`
 * header, compared in constant time (the guide's `dict.get(key)` leaks through timing).
 *
 *   npx tsx examples/auth/api-key.ts          # PORT (default 8000), HOST
 *   curl -H 'x-api-key: key_12345' localhost:8000/protected
 */
import { RestApplication } from 'restmachine'
import { apiKey } from 'restmachine/auth'
import { runIfMain } from './shared/run.js'

/** The guide's key table. Real keys are long random strings, stored as SHA-256 digests. */
const API_KEYS = {
  key_12345: { user_id: '1', name: 'Alice' },
  key_67890: { user_id: '2', name: 'Bob' },
}

/** Builds the example application. */
export function createApp() {
  const app = new RestApplication().authorized('currentUser', apiKey({ header: 'x-api-key', keys: API_KEYS }))

  app.get('/protected', ({ currentUser }) => ({
    message: `Hello, ${currentUser.name}!`,
    user_id: currentUser.user_id,
  }))

  app.errorHandler(401, ({ message }) => ({ error: 'Unauthorized', message }))
  return app
}

await runIfMain(import.meta.url, 'api-key', createApp)
