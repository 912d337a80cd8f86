/**
 * A small site for the browser session tests: an HTML page and a JSON API on one origin, signed in
 * with the `cookieSessions` building block, plus a page on another origin holding a form that posts
 * to it.
 */
import { html, RestApplication, renderHtml } from 'restmachine'
import { cookieSessions } from 'restmachine/auth'
import { MemoryStore } from '../../../src/stores/index.js'

/** Settings of {@link sessionSite}. */
export interface SessionSiteOptions {
  /** The session cookie's name (default `session_id`). */
  cookieName?: string
  /** `SameSite` of the cookie (default `Lax`). */
  sameSite?: 'Lax' | 'Strict'
}

/** Notes written by signed-in users, so a test can see whether a refused request changed anything. */
export type Notes = string[]

/**
 * The site: `GET /` (a page), `POST /login?user=…`, `GET /me`, `POST /notes` (any
 * body), `GET /notes`, `POST /logout`.
 *
 * @example
 * const { app, notes } = sessionSite({ cookieName: '__Host-session' })
 */
export function sessionSite(options: SessionSiteOptions = {}) {
  const notes: Notes = []
  const sessions = cookieSessions<{ user: string }>({
    store: new MemoryStore(),
    cookieName: options.cookieName ?? 'session_id',
    sameSite: options.sameSite ?? 'Lax',
    absoluteTimeout: 3600,
  })
  const app = new RestApplication()
    .dependency('startSession', sessions.starter())
    .authorized('session', sessions.authenticate())
  app.get('/', () => html`<!doctype html><title>Notes</title><h1>Notes</h1>`, {
    provides: { 'text/html': renderHtml },
  })
  // The user comes in the query, so a form post reaches the CSRF check whatever its content type.
  app.post('/login', async ({ queryParams, startSession }) => {
    await startSession({ user: queryParams.user ?? 'anonymous' })
    return { message: 'Logged in' }
  })
  app.get('/me', ({ session }) => ({ user: session.data.user }))
  app.post('/notes', ({ session }) => {
    notes.push(`note by ${session.data.user}`)
    return { notes: notes.length }
  })
  app.post('/logout', async ({ session }) => {
    await session.destroy()
    return { message: 'Logged out' }
  })
  return { app, notes }
}

/**
 * Another site's page with a form that posts to `action` as soon as its button is clicked — what a
 * CSRF attack looks like.
 *
 * @example
 * attackerSite('http://localhost:8000/notes')
 */
export function attackerSite(action: string) {
  const app = new RestApplication()
  app.get(
    '/',
    () =>
      html`<!doctype html><title>Win a prize</title>
        <form method="post" action="${action}"><input type="hidden" name="text" value="pwned" /><button>Claim</button></form>`,
    { provides: { 'text/html': renderHtml } },
  )
  return app
}
