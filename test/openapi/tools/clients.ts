/**
 * The openapi-fetch clients the typed-client test compiles against the types openapi-typescript
 * generates from the examples' documents, then runs against the real servers. Each prints one JSON
 * line of what it saw. `misuses()` is never called: each line in it must be a type error, or tsc
 * fails on its `@ts-expect-error` — so the generated types are checked to be tight, not just present.
 */

/** Creates, reads, conditionally reads and conditionally writes a document of examples/http-features.ts. */
export const HTTP_FEATURES_CLIENT = `
import createClient from 'openapi-fetch'
import type { components, paths } from './http-features.js'

const client = createClient<paths>({ baseUrl: process.env.BASE_URL })

/** Error bodies are the JSON \`Error\` or its RFC 9457 form, whichever the client asked for. */
type ApiError = components['schemas']['Error'] | components['schemas']['ProblemDetails']
const messageOf = (error: ApiError | undefined): string | undefined =>
  error === undefined ? undefined : 'error' in error ? error.message : error.detail

const created = await client.POST('/documents', { body: { title: 'Typed', body: 'From openapi-fetch' } })
if (created.data === undefined) throw new Error(\`POST /documents answered \${created.response.status}\`)
const id: string = created.data.id
const version: number = created.data.version

const read = await client.GET('/documents/{id}', { params: { path: { id } } })
const title: string | undefined = read.data?.title
const etag = read.response.headers.get('etag') ?? ''
const unchanged = await client.GET('/documents/{id}', { params: { path: { id }, header: { 'If-None-Match': etag } } })
const stale = await client.PUT('/documents/{id}', {
  params: { path: { id }, header: { 'If-Match': '"stale"' } },
  body: { title: 'Lost update' },
})
const replaced = await client.PUT('/documents/{id}', {
  params: { path: { id }, header: { 'If-Match': etag } },
  body: { title: 'Replaced' },
})
const missing = await client.GET('/documents/{id}', { params: { path: { id: 'absent' } } })
const problem = await client.GET('/documents/{id}', {
  params: { path: { id: 'absent' } },
  // Preferring problem details, but accepting the JSON the route produces (else C4 answers 406 first).
  headers: { Accept: 'application/problem+json, application/json;q=0.5' },
})

// A client that speaks JSON only: \`error\` is then the JSON \`Error\` alone, no narrowing needed.
const jsonOnly = createClient<paths, 'application/json'>({ baseUrl: process.env.BASE_URL })
const missingJson = await jsonOnly.GET('/documents/{id}', { params: { path: { id: 'absent' } } })
const jsonError: components['schemas']['Error'] | undefined = missingJson.error

console.log(JSON.stringify({
  created: [created.response.status, id, version, created.response.headers.get('location')],
  jsonOnly: [missingJson.response.status, jsonError?.error, jsonError?.message],
  read: [read.response.status, title],
  unchanged: unchanged.response.status,
  stale: [stale.response.status, messageOf(stale.error)],
  replaced: [replaced.response.status, replaced.data?.title, replaced.data?.version],
  missing: [missing.response.status, messageOf(missing.error)],
  problem: [problem.response.status, problem.response.headers.get('content-type'), messageOf(problem.error)],
}))

export function misuses() {
  // @ts-expect-error: the API has no such path
  void client.GET('/nowhere')
  // @ts-expect-error: a title is a string
  void client.POST('/documents', { body: { title: 42 } })
  // @ts-expect-error: the path parameter is required
  void client.GET('/documents/{id}', {})
  // @ts-expect-error: /documents/{id} has no POST
  void client.POST('/documents/{id}', { params: { path: { id: '1' } } })
}
`

/** Logs in to examples/auth-complete.ts, then reads and deletes with the bearer token. */
export const AUTH_COMPLETE_CLIENT = `
import createClient from 'openapi-fetch'
import type { components, paths } from './auth-complete.js'

const client = createClient<paths>({ baseUrl: process.env.BASE_URL })

/** 401 and 403 bodies come from the example's error handlers (\`errorBodies\`), the rest are the machine's. */
type ApiError =
  | components['schemas']['AuthError']
  | components['schemas']['Error']
  | components['schemas']['ProblemDetails']
const messageOf = (error: ApiError | undefined): string | undefined =>
  error === undefined ? undefined : 'error' in error ? error.message : error.detail

const wrong = await client.POST('/login', { body: { email: 'bob@example.com', password: 'not it' } })
const login = await client.POST('/login', { body: { email: 'bob@example.com', password: 'secret' } })
if (login.data === undefined) throw new Error(\`POST /login answered \${login.response.status}\`)
const tokenType: 'bearer' = login.data.token_type
const auth = { headers: { Authorization: \`Bearer \${login.data.access_token}\` } }

const profile = await client.GET('/profile', auth)
const role: 'admin' | 'moderator' | 'user' | undefined = profile.data?.user.role
const anonymous = await client.GET('/profile')
const post = await client.GET('/posts/{post_id}', { params: { path: { post_id: '2' } }, ...auth })
const absent = await client.GET('/posts/{post_id}', { params: { path: { post_id: '99' } }, ...auth })
const notMine = await client.DELETE('/posts/{post_id}', { params: { path: { post_id: '1' } }, ...auth })
const mine = await client.DELETE('/posts/{post_id}', { params: { path: { post_id: '2' } }, ...auth })

console.log(JSON.stringify({
  wrong: wrong.response.status,
  login: [login.response.status, tokenType, login.data.expires_in > 0],
  profile: [profile.response.status, profile.data?.user.email, role],
  anonymous: [anonymous.response.status, anonymous.response.headers.get('www-authenticate'), anonymous.error !== undefined && 'error' in anonymous.error ? anonymous.error.error : undefined],
  post: [post.response.status, post.data?.author_id],
  absent: [absent.response.status, messageOf(absent.error)],
  notMine: [notMine.response.status, messageOf(notMine.error)],
  mine: mine.response.status,
}))

export function misuses() {
  // @ts-expect-error: a login needs an email
  void client.POST('/login', { body: { password: 'secret' } })
  // @ts-expect-error: the token answer has no refresh token in this example
  void login.data?.refresh_token
  // @ts-expect-error: posts are read, not replaced, here
  void client.PUT('/posts/{post_id}', { params: { path: { post_id: '1' } } })
}
`
