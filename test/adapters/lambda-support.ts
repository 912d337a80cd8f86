import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RestApplication, type RestApplicationOptions, type RestRequest, respond } from 'restmachine'
import { lambdaInvocationOf } from 'restmachine/lambda'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'lambda')

/** A fresh copy of one of the AWS sample events in test/fixtures/lambda. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as T
}

/** A Lambda context like the runtime's, with only what the adapter reads. */
export const CONTEXT = { awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678', functionName: 'echo' }

/** An application that answers with what it saw of the request, plus a few content shapes. */
export function echoApp(options: RestApplicationOptions = {}) {
  const counters = { startups: 0, shutdowns: 0 }
  const app = new RestApplication(options).onStartup('bootedAt', () => {
    counters.startups++
    return Date.now()
  })
  const echo = async (r: RestRequest, queryParams: unknown, cookies: unknown) => {
    const invocation = lambdaInvocationOf(r)
    return {
      method: r.method,
      path: r.path,
      rawQuery: r.rawQuery,
      query: queryParams,
      cookies,
      cookieHeader: r.headers.get('cookie'),
      host: r.headers.get('host'),
      header2: r.headers.get('header2'),
      secure: r.secure,
      remoteAddress: r.remoteAddress,
      body: await r.text(),
      frontDoor: invocation?.frontDoor,
      requestId: invocation?.requestId,
      stage: invocation?.stage,
      clientSubject: invocation?.clientCertificate?.subject,
    }
  }
  for (const path of ['/', '/lambda', '/my/path', '/users/{id}', '/a/b', '/files/{name}']) {
    app.get(path, ({ request, queryParams, cookies }) => echo(request, queryParams, cookies))
    app.post(path, ({ request, queryParams, cookies }) => echo(request, queryParams, cookies))
  }
  app.post('/json', ({ jsonBody }) => ({ received: jsonBody }))
  app.get('/cookies', () =>
    respond(
      { ok: true },
      { headers: { 'set-cookie': ['a=1; Path=/', 'b=2; Path=/; HttpOnly'], vary: 'accept' } },
    ),
  )
  app.get('/png', () =>
    respond(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]), {
      headers: { 'content-type': 'image/png' },
    }),
  )
  app.get('/gzipped', () =>
    respond('pretend-gzip', { headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' } }),
  )
  app.get('/stream', () =>
    (async function* () {
      yield 'chunk-1 '
      yield new TextEncoder().encode('chunk-2')
    })(),
  )
  app.delete('/users/{id}', () => respond(null, { status: 204 }))
  app.onShutdown(() => {
    counters.shutdowns++
  })
  return { app, counters }
}
