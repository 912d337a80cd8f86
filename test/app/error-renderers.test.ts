import { NotFound, RestApplication } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

function build(configure?: (app: RestApplication) => void, problemDetails?: boolean) {
  const app = new RestApplication({ problemDetails, logger: { error: () => {} } })
  app.get('/missing', () => {
    throw new NotFound('No post <b>42</b>')
  })
  app.get('/boom', () => {
    throw new Error('secret database password')
  })
  app.get('/report', () => 'a,b', { provides: { 'text/csv': (value) => String(value) } })
  configure?.(app)
  return createTestClient(app)
}

describe('error responses in the negotiated media type', () => {
  it('are JSON when the client has no preference, with Vary: Accept', async () => {
    const response = await build().get('/missing')
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('vary')).toBe('Accept')
    expect(response.json()).toEqual({ error: 'Not Found', message: 'No post <b>42</b>' })
  })

  it('are an HTML page, every value escaped, for a browser’s Accept', async () => {
    const response = await build().get('/missing', {
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    })
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.text).toContain('<h1>404 Not Found</h1><p>No post &lt;b&gt;42&lt;/b&gt;</p>')
  })

  it('are plain text when asked for, by q-value as for a success', async () => {
    const response = await build().get('/missing', {
      headers: { accept: 'application/json;q=0.5, text/plain' },
    })
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(response.text).toBe('404 Not Found\nNo post <b>42</b>\n')
  })

  it('are problem+json with problemDetails, even for Accept: application/json, and HTML when asked for', async () => {
    const client = build(undefined, true)
    expect((await client.get('/missing')).headers.get('content-type')).toBe('application/problem+json')
    const json = await client.get('/missing', { headers: { accept: 'application/json' } })
    expect(json.headers.get('content-type')).toBe('application/problem+json')
    expect(json.json()).toMatchObject({ type: 'about:blank', status: 404, detail: 'No post <b>42</b>' })
    const page = await client.get('/missing', { headers: { accept: 'text/html' } })
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
  })

  it('never show an unexpected error’s text, in any type, and carry its request id', async () => {
    const client = build()
    for (const accept of ['text/html', 'text/plain', 'application/problem+json', 'application/json']) {
      const response = await client.get('/boom', { headers: { accept } })
      expect(response.status).toBe(500)
      expect(response.text).not.toContain('secret')
      expect(response.text).toContain('An unexpected error occurred')
      expect(response.text).toContain(response.headers.get('x-request-id') as string)
    }
  })

  it('fall back to the first type when nothing offered is acceptable (a 406 included)', async () => {
    const response = await build().get('/report', { headers: { accept: 'image/png' } })
    expect(response.status).toBe(406)
    expect(response.headers.get('content-type')).toBe('application/json')
  })

  it('use a registered renderer for its type, replacing a built-in one or adding a type', async () => {
    const client = build((app) =>
      app
        .errorRenderer('text/html', (problem) => `<p class="error">${problem.status}</p>`)
        .errorRenderer('application/xml', (problem) => `<error status="${problem.status}"/>`),
    )
    const html = await client.get('/missing', { headers: { accept: 'text/html' } })
    expect(html.text).toBe('<p class="error">404</p>')
    const xml = await client.get('/missing', { headers: { accept: 'application/xml' } })
    expect(xml.headers.get('content-type')).toBe('application/xml')
    expect(xml.text).toBe('<error status="404"/>')
  })

  it('refuses a media range or a missing function as an error renderer', () => {
    const app = new RestApplication()
    expect(() => app.errorRenderer('text/*', () => '')).toThrow('expected a concrete media type')
    expect(() => app.errorRenderer('text/html', 'x' as never)).toThrow('expected a concrete media type')
  })

  it('are a mounted application’s own under its prefix, the root’s elsewhere', async () => {
    const client = build((app) =>
      app.mount('/api', (api) =>
        api.errorRenderer('text/plain', (problem) => `api: ${problem.status}`).get('/x', () => 'x'),
      ),
    )
    const text = { headers: { accept: 'text/plain' } }
    expect((await client.get('/api/nothing', text)).text).toBe('api: 404')
    const refused = await client.delete('/api/x', text)
    expect(refused.status).toBe(405)
    expect(refused.text).toBe('api: 405')
    expect((await client.get('/nothing', text)).text).toBe('404 Not Found\nNo resource matches this path\n')
  })

  it('leave error handlers in charge of the statuses they handle', async () => {
    const client = build((app) => app.errorHandler(404, () => ({ custom: true })))
    const response = await client.get('/missing', { headers: { accept: 'text/html' } })
    expect(response.json()).toEqual({ custom: true })
  })
})

describe('the defaultHeaders option', () => {
  it('adds fixed fields without replacing a response’s own', async () => {
    const app = new RestApplication({ defaultHeaders: { 'X-Api-Version': '2', 'cache-control': 'no-store' } })
    app.get('/cached', () => 'x', { cacheControl: 'max-age=60' })
    const client = createTestClient(app)
    const response = await client.get('/cached')
    expect(response.headers.get('x-api-version')).toBe('2')
    expect(response.headers.get('cache-control')).toBe('max-age=60')
    expect((await client.get('/nowhere')).headers.get('x-api-version')).toBe('2')
  })

  it('computes fields from the status, leaving out any that would split the response', async () => {
    const app = new RestApplication({
      defaultHeaders: ({ status }) =>
        status >= 400 ? { 'x-error': 'yes', 'x-bad': 'a\r\nset-cookie: x=1', 'bad name': 'v' } : undefined,
    })
    app.get('/ok', () => 'fine')
    const client = createTestClient(app)
    expect((await client.get('/ok')).headers.get('x-error')).toBeNull()
    const error = await client.get('/nowhere')
    expect(error.headers.get('x-error')).toBe('yes')
    expect(error.headers.get('x-bad')).toBeNull()
    expect(error.headers.get('set-cookie')).toBeNull()
  })

  it('refuses an invalid fixed field at start', async () => {
    const app = new RestApplication({ defaultHeaders: { 'x-ok': 'a\nb' } })
    await expect(app.start()).rejects.toThrow("defaultHeaders: 'x-ok' is not a valid header field")
  })
})
