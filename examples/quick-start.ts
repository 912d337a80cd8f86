// The README's twenty lines, kept compiling and tested (test/examples/quick-start.integration.test.ts).
import { pathToFileURL } from 'node:url'
import { Forbidden, RestApplication, respond, serveOpenApi } from 'restmachine'
import { serve } from 'restmachine/node'
import { z } from 'zod'

export const app = new RestApplication()
  .onStartup('db', () => ({ posts: new Map([['1', { id: '1', title: 'Hello', owner: 'ada' }]]) }))
  .authorized('user', ({ headers }) => {
    const name = headers.get('x-user')
    return name ? { name } : null
  })
  .resourceExists('post', ({ pathParams: { id }, db }) => (id === undefined ? null : db.posts.get(id)))
  .validates('edit', z.object({ title: z.string().min(1).max(200) }))

app.get('/posts/{id}', ({ post }) => post, { requires: ['user'] }) // 401 anonymous, 404 absent, HEAD too
app.put('/posts/{id}', ({ post, user, edit, db }) => {
  if (post.owner !== user.name) throw new Forbidden('Only the owner may edit')
  const updated = { ...post, ...edit } // 415 if not JSON, 400 if malformed, 422 with field errors if invalid
  db.posts.set(post.id, updated)
  return updated
})
app.delete('/posts/{id}', ({ post, db }) => void db.posts.delete(post.id)) // → 204
app.post('/posts', () => respond({ id: '2' }, { status: 201, headers: { location: '/posts/2' } }))

// Beyond the twenty lines: the OpenAPI document at /openapi.json. Summaries, descriptions, tags and
// statuses are derived from the routes; only what the code cannot say is written here.
serveOpenApi(app, {
  title: 'Posts (quick start)',
  version: '1.0.0',
  description:
    "The README's twenty lines: posts that anyone signed in may read and only their owner may edit.",
  license: { name: 'MIT', identifier: 'MIT' },
  contact: { name: 'RestMachine examples', email: 'examples@example.org' },
  tags: [{ name: 'posts', description: 'Blog posts.' }],
  dependencies: { user: { security: { type: 'apiKey', in: 'header', name: 'X-User' } } },
})

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await serve(app, { port: Number(process.env.PORT ?? 8000) }) // `POST /posts/1` → 405 with an Allow header
}
