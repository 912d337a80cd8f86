/**
 * A small site for the browser session tests: an HTML page and a JSON API on one origin, signed in
 * with the `cookieSessions` building block, plus a page on another origin holding a form that posts
 * to it.
 */
import { html, RestApplication, type RestApplicationOptions, renderHtml } from 'restmachine'
import { cookieSessions } from 'restmachine/auth'
import { MemoryStore } from '../../../src/stores/index.js'

/** Settings of {@link sessionSite}. */
export interface SessionSiteOptions {
  /** The session cookie's name (default `session_id`). */
  cookieName?: string
  /** `SameSite` of the cookie (default `Lax`). */
  sameSite?: 'Lax' | 'Strict'
  /** The application's `securityHeaders` (every setting keeps `Referrer-Policy: no-referrer` unless told). */
  securityHeaders?: RestApplicationOptions['securityHeaders']
}

/** Notes written by signed-in users, so a test can see whether a refused request changed anything. */
export type Notes = string[]

/**
 * The site: `GET /` (a page), `GET /compose` (a page whose form posts to `/notes`),
 * `POST /login?user=…`, `GET /me`, `POST /notes` (any body), `GET /notes`, `POST /logout`.
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
  const app = new RestApplication({ securityHeaders: options.securityHeaders ?? false })
    .dependency('startSession', sessions.starter())
    .authorized('session', sessions.authenticate())
  app.get('/', () => html`<!doctype html><title>Notes</title><h1>Notes</h1>`, {
    provides: { 'text/html': renderHtml },
  })
  app.get('/compose', () => formPage('/notes'), { provides: { 'text/html': renderHtml } })
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
  app.get('/', () => formPage(action), { provides: { 'text/html': renderHtml } })
  return app
}

/** A page whose one button posts a form to `action`. */
function formPage(action: string) {
  return html`<!doctype html><title>Post a note</title>
    <form method="post" action="${action}"><input type="hidden" name="text" value="a note" /><button>Post</button></form>`
}
