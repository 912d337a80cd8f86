import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../examples/auth-complete.js'
import { app as documentsApp } from '../../examples/http-features-app.js'
import { type ClientOf, createClient, type FetchFunction } from '../../src/client/index.js'
import { type RunningServer, serve } from '../../src/entries/node.js'
import { captureConsole } from '../support/console.js'

// The typed client against the two example applications, each in the same process (app.fetch)
// and over real HTTP (serve on port 0). Writes use ids of their own per way in.
const WAYS = ['in process', 'over HTTP'] as const
type Way = (typeof WAYS)[number]

interface Opened<App> {
  /** A client with the given client-wide header fields. */
  clientWith(headers?: HeadersInit): ClientOf<App>
  close(): Promise<void>
}

/** Clients of `app` the given way in, and how to stop what was started. */
async function open<App extends Parameters<typeof serve>[0] & { fetch: FetchFunction }>(
  way: Way,
  app: App,
): Promise<Opened<App>> {
  if (way === 'in process')
    return { clientWith: (headers) => createClient<App>(app.fetch, { headers }), close: async () => {} }
  const server: RunningServer = await serve(app, { port: 0, handleSignals: false })
  return { clientWith: (headers) => createClient<App>(server.url, { headers }), close: () => server.close() }
}

describe.each(WAYS)('the typed client of examples/http-features.ts %s', (way) => {
  let opened: Opened<typeof documentsApp>
  let documents: ClientOf<typeof documentsApp>
  const id = `client-${way.replace(' ', '-')}`

  beforeAll(async () => {
    opened = await open(way, documentsApp)
    documents = opened.clientWith()
  })
  afterAll(() => opened.close())

  it('reads a document typed, then answers 304 to its ETag', async () => {
    const res = await documents.get('/documents/{id}', { params: { id: '2' } })
    expect(res.status).toBe(200)
    if (res.status !== 200) return
    expect(res.body.title).toBe('Second')
    const etag = res.headers.get('etag') ?? ''
    const again = await documents.get('/documents/{id}', {
      params: { id: '2' },
      headers: { 'if-none-match': etag },
    })
    expect([again.status, again.body]).toEqual([304, undefined])
  })

  it('answers 404 for a document that does not exist', async () => {
    const res = await documents.get('/documents/{id}', { params: { id: 'no such' } })
    expect(res.status).toBe(404)
    expect(res.ok).toBe(false)
  })

  it('creates by PUT (201), replaces (200), refuses a stale If-Match (412) and deletes (204)', async () => {
    const made = await documents.put('/documents/{id}', { params: { id }, body: { title: 'Made' } })
    expect(made.status).toBe(201)
    const replaced = await documents.put('/documents/{id}', {
      params: { id },
      body: { title: 'Again', body: 'x' },
    })
    expect(replaced.status).toBe(200)
    if (replaced.status === 200) expect([replaced.body.title, replaced.body.version]).toEqual(['Again', 2])
    const stale = await documents.put('/documents/{id}', {
      params: { id },
      body: { title: 'Late' },
      headers: { 'if-match': '"stale"' },
    })
    expect(stale.status).toBe(412)
    const removed = await documents.delete('/documents/{id}', { params: { id } })
    expect([removed.status, removed.body]).toEqual([204, undefined])
  })

  it('posts a validated document (201 with Location) and gets 422 for an invalid one', async () => {
    const res = await documents.post('/documents', { body: { title: 'Posted' } })
    expect(res.status).toBe(201)
    if (res.status === 201) expect(res.headers.get('location')).toBe(`/documents/${res.body.id}`)
    const invalid = await documents.post('/documents', { body: { title: '' } })
    expect(invalid.status).toBe(422)
  })

  it('percent-encodes a path parameter so it stays one segment', async () => {
    const odd = 'a b/c'
    const made = await documents.put('/documents/{id}', {
      params: { id: `${id}-${odd}` },
      body: { title: 'Odd' },
    })
    expect(made.status).toBe(201)
    const read = await documents.get('/documents/{id}', { params: { id: `${id}-${odd}` } })
    expect(read.status === 200 && read.body.id).toBe(`${id}-${odd}`)
  })

  it('answers 500 without the error’s text', async () => {
    const logged = captureConsole('error')
    const res = await documents.get('/boom')
    expect(res.status).toBe(500)
    expect(JSON.stringify(res.body)).not.toContain('kaboom')
    expect(JSON.stringify(logged.map(String))).toContain('GET /boom')
  })
})

describe.each(WAYS)('the typed client of examples/auth-complete.ts %s', (way) => {
  const app = createApp({ jwtSecret: 'test-secret-that-is-long-enough-for-hs256!' })
  let opened: Opened<typeof app>
  let auth: ClientOf<typeof app>

  beforeAll(async () => {
    opened = await open(way, app)
    auth = opened.clientWith()
  })
  afterAll(() => opened.close())

  async function tokenOf(email: string): Promise<string> {
    const res = await auth.post('/login', { body: { email, password: 'secret' } })
    if (res.status !== 200) throw new Error(`login of ${email} answered ${res.status}`)
    return res.body.access_token
  }

  it('logs in (200 with a typed token) and refuses a wrong password (401)', async () => {
    expect(await tokenOf('alice@example.com')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    const wrong = await auth.post('/login', { body: { email: 'alice@example.com', password: 'nope' } })
    expect([wrong.status, wrong.body]).toEqual([401, { error: 'Invalid credentials' }])
  })

  it('answers 401 without a token, and the profile with one given per call', async () => {
    expect((await auth.get('/profile')).status).toBe(401)
    const token = await tokenOf('bob@example.com')
    const res = await auth.get('/profile', { headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    if (res.status === 200) expect(res.body.user.email).toBe('bob@example.com')
  })

  it('answers 403 to a user and 200 to an admin, the token given to the client', async () => {
    const bob = opened.clientWith({ authorization: `Bearer ${await tokenOf('bob@example.com')}` })
    expect((await bob.get('/admin/users')).status).toBe(403)
    const alice = opened.clientWith({ authorization: `Bearer ${await tokenOf('alice@example.com')}` })
    const users = await alice.get('/admin/users')
    expect(users.status === 200 && users.body.users.map((user) => user.email)).toEqual([
      'alice@example.com',
      'bob@example.com',
    ])
    expect((await alice.get('/posts/{post_id}', { params: { post_id: '99' } })).status).toBe(404)
  })
})
