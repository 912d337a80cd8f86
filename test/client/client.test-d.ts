import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import type { createApp } from '../../examples/auth-complete.js'
import type { app as httpFeatures } from '../../examples/http-features-app.js'
import { type ApiOf, type ClientOf, createClient, type PathsFor } from '../../src/client/index.js'
import { created, RestApplication, type RouteGroup, respond } from '../../src/index.js'

interface Note {
  id: string
  text: string
}

const NoteInput = z.object({ text: z.string().min(1), pinned: z.boolean().default(false) })
const Search = z.object({ q: z.string(), page: z.string().optional() })

const notes = new RestApplication()
  .onStartup('store', () => new Map<string, Note>())
  .validates('noteInput', NoteInput)
  .validates('search', Search, { source: 'query' })
  .get('/health', () => ({ ok: true }))
  .get('/search', ({ search }) => ({ q: search.q }), { requires: ['search'] })
  .post('/notes', ({ noteInput }) => created({ id: '1', text: noteInput.text }, '/notes/1'), {
    requires: ['noteInput'],
  })
  .resourceExists('note', ({ pathParams, store }) => store.get(pathParams.id ?? ''))
  .get('/notes/{id}', ({ note }) => note)
  .delete('/notes/{id}', ({ note, store }) => void store.delete(note.id))
  .group({ prefix: '/admin' }, (admin) => admin.get('/stats', () => respond({ count: 1 }, { status: 203 })))
  .mount(
    '/v2',
    new RestApplication().get('/ping', () => 'pong'),
  )

declare const client: ClientOf<typeof notes>

describe('the typed client of a chained application', () => {
  it('types a route’s path parameters, and a wrong one does not compile', () => {
    void client.get('/notes/{id}', { params: { id: '1' } })
    // @ts-expect-error: the route's parameter is `id`, not `noteId`
    void client.get('/notes/{id}', { params: { noteId: '1' } })
    // @ts-expect-error: a route with path parameters needs them
    void client.get('/notes/{id}')
  })

  it('types a body from the validator the route names, and a wrong field does not compile', () => {
    void client.post('/notes', { body: { text: 'hello' } })
    void client.post('/notes', { body: { text: 'hello', pinned: true } })
    // @ts-expect-error: `txt` is not a field of the note input
    void client.post('/notes', { body: { txt: 'hello' } })
    // @ts-expect-error: `pinned` is a boolean
    void client.post('/notes', { body: { text: 'hello', pinned: 'yes' } })
    // @ts-expect-error: a GET sends no body
    void client.get('/health', { body: { text: 'hello' } })
  })

  it('types a query from a query validator the route names', () => {
    void client.get('/search', { query: { q: 'rest' } })
    // @ts-expect-error: `q` is required by the query validator
    void client.get('/search', { query: { page: '2' } })
  })

  it('refuses a route that does not exist, or a method the path does not have', () => {
    // @ts-expect-error: no route /nowhere
    void client.get('/nowhere')
    // @ts-expect-error: /health has no POST route
    void client.post('/health')
    // @ts-expect-error: a concrete path is not a route template
    void client.get('/notes/1')
  })

  it('serves HEAD wherever GET is, with no body', async () => {
    const res = await client.head('/health')
    expectTypeOf(res.body).toEqualTypeOf<undefined>()
  })

  it('narrows the success body on `ok`', async () => {
    const res = await client.get('/notes/{id}', { params: { id: '1' } })
    if (res.ok) {
      expectTypeOf(res.status).toEqualTypeOf<200>()
      expectTypeOf(res.body).toEqualTypeOf<Note>()
    } else {
      expectTypeOf(res.body).toEqualTypeOf<unknown>()
    }
  })

  it('narrows the body on the status', async () => {
    const res = await client.post('/notes', { body: { text: 'hi' } })
    if (res.status === 201) expectTypeOf(res.body).toEqualTypeOf<{ id: string; text: string }>()
    const stats = await client.get('/admin/stats')
    if (stats.status === 203) expectTypeOf(stats.body).toEqualTypeOf<{ count: number }>()
    const removed = await client.delete('/notes/{id}', { params: { id: '1' } })
    if (removed.ok) expectTypeOf(removed.body).toEqualTypeOf<undefined>()
  })

  it('lists the statuses the machine can answer from what each route is declared with', async () => {
    const health = await client.get('/health')
    expectTypeOf(health.status).toEqualTypeOf<200 | 400 | 406 | 413 | 415 | 422 | 500>()
    const note = await client.get('/notes/{id}', { params: { id: '1' } })
    expectTypeOf(note.status).toEqualTypeOf<200 | 304 | 400 | 404 | 406 | 412 | 413 | 415 | 422 | 500>()
    const removed = await client.delete('/notes/{id}', { params: { id: '1' } })
    expectTypeOf(removed.status).toEqualTypeOf<204 | 400 | 404 | 406 | 412 | 413 | 415 | 422 | 500>()
  })

  it('lists a route registered before any check without the check’s statuses', async () => {
    const app = new RestApplication()
      .get('/open', () => 'open')
      .authorized('user', () => ({ name: 'ada' }))
      .get('/me', ({ user }) => user)
    const typed = createClient<typeof app>(app.fetch)
    expectTypeOf((await typed.get('/open')).status).toEqualTypeOf<200 | 400 | 406 | 500>()
    expectTypeOf((await typed.get('/me')).status).toEqualTypeOf<200 | 400 | 401 | 406 | 500>()
  })

  it('reads group and mounted routes under their full paths', async () => {
    const ping = await client.get('/v2/ping')
    if (ping.ok) expectTypeOf(ping.body).toEqualTypeOf<string>()
    expectTypeOf<PathsFor<ApiOf<typeof notes>, 'GET'>>().toEqualTypeOf<
      '/health' | '/search' | '/notes/{id}' | '/admin/stats' | '/v2/ping'
    >()
  })
})

describe('the typed clients of the examples', () => {
  it('types http-features: conditional reads, validated writes, creation by PUT', async () => {
    const documents = createClient<typeof httpFeatures>('http://localhost')
    const res = await documents.get('/documents/{id}', { params: { id: '1' } })
    expectTypeOf(res.status).toEqualTypeOf<200 | 304 | 400 | 404 | 406 | 412 | 413 | 415 | 422 | 500>()
    if (res.status === 200) expectTypeOf(res.body.version).toEqualTypeOf<number>()
    const put = await documents.put('/documents/{id}', { params: { id: '9' }, body: { title: 'T' } })
    if (put.ok) expectTypeOf(put.status).toEqualTypeOf<200 | 201>()
    // @ts-expect-error: a document's title is a string
    void documents.post('/documents', { body: { title: 1 } })
  })

  it('types auth-complete: 401, 403 and the documented 429 where they can happen', async () => {
    const typed = {} as ClientOf<ReturnType<typeof createApp>>
    const login = await typed.post('/login', { body: { email: 'a@b.c', password: 'secret' } })
    if (login.status === 200) expectTypeOf(login.body.access_token).toEqualTypeOf<string>()
    expectTypeOf(login.status).extract<429>().toEqualTypeOf<429>()
    const users = await typed.get('/admin/users')
    expectTypeOf(users.status).extract<401 | 403>().toEqualTypeOf<401 | 403>()
  })
})

describe('the types of a chain', () => {
  it('keeps a group a group and an application an application', () => {
    new RestApplication().group({ prefix: '/g' }, (group) => {
      expectTypeOf(group.get('/x', () => 1)).toExtend<RouteGroup<object, '/g', object>>()
      expectTypeOf(group.get('/x', () => 1)).not.toHaveProperty('start')
    })
    expectTypeOf(new RestApplication().get('/x', () => 1)).toHaveProperty('start')
  })

  it('reads the routes an application built by mount’s function registers, under the prefix', async () => {
    const app = new RestApplication().mount('/orgs/{org}', (orgs) =>
      orgs.get('/', ({ org }) => ({ org })).get('/repos/{repo}', ({ org, repo }) => ({ org, repo })),
    )
    const typed = createClient<typeof app>(app.fetch)
    const repo = await typed.get('/orgs/{org}/repos/{repo}', { params: { org: 'o', repo: 'r' } })
    if (repo.ok) expectTypeOf(repo.body).toEqualTypeOf<{ org: string; repo: string }>()
    const org = await typed.get('/orgs/{org}', { params: { org: 'o' } })
    if (org.ok) expectTypeOf(org.body).toEqualTypeOf<{ org: string }>()
  })

  it('leaves routes registered by statements out of the type, and serves them as before', () => {
    const app = new RestApplication()
    app.get('/statement', () => 'still served')
    // @ts-expect-error: a route registered by a statement is not in `typeof app`
    void createClient<typeof app>(app.fetch).get('/statement')
  })
})
