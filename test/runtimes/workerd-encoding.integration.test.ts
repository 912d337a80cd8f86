import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { headerOf, sendRaw } from './raw-client.js'
import { bundle, bundleFolder, type RunningRuntime, startWorkerd } from './runtime-servers.js'

// Under miniflare, requests pass its entry worker, which plays the Cloudflare edge: it compresses
// answers for clients that accept gzip. The deployment of docs/deploy.md (examples/runtimes/worker.ts,
// `cloudflareFetch`) must keep answers without content free of a gzip label.
const gzip = { 'accept-encoding': 'gzip' }

describe('a worker deployed with cloudflareFetch, under miniflare, for a client that accepts gzip', () => {
  const folder = bundleFolder()
  const servers: RunningRuntime[] = []
  let deployed: RunningRuntime
  let bare: RunningRuntime

  beforeAll(async () => {
    const { path } = await folder
    await bundle('examples/runtimes/worker.ts', join(path, 'worker.js'), 'neutral')
    await bundle('test/runtimes/bare-worker.ts', join(path, 'bare.js'), 'neutral')
    const results = await Promise.allSettled([
      startWorkerd(join(path, 'worker.js'), 'deployed worker'),
      startWorkerd(join(path, 'bare.js'), 'bare worker'),
    ])
    for (const result of results) if (result.status === 'fulfilled') servers.push(result.value)
    for (const result of results) if (result.status === 'rejected') throw result.reason
    ;[deployed, bare] = servers as [RunningRuntime, RunningRuntime]
  }, 180_000)

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()))
    await (await folder).remove()
  }, 60_000)

  it('answers a matching If-None-Match with a 304 that claims no gzip, keeps the ETag and has no body', async () => {
    const answer = await sendRaw(deployed.url, 'GET', '/documents/1', { ...gzip, 'if-none-match': '"1-v1"' })
    expect(answer.status).toBe(304)
    expect(headerOf(answer, 'content-encoding')).toBe('identity')
    expect(headerOf(answer, 'etag')).toBe('"1-v1"')
    expect(headerOf(answer, 'content-length')).toBeNull()
    expect(answer.body.byteLength).toBe(0)
  })

  it('answers a DELETE with a 204 that claims no gzip', async () => {
    const created = await sendRaw(
      deployed.url,
      'PUT',
      '/documents/42',
      { 'content-type': 'application/json' },
      '{"title":"Doomed"}',
    )
    expect(created.status).toBe(201)
    const answer = await sendRaw(deployed.url, 'DELETE', '/documents/42', gzip)
    expect(answer.status).toBe(204)
    expect(headerOf(answer, 'content-encoding')).toBe('identity')
    expect(answer.body.byteLength).toBe(0)
  })

  it('answers HEAD with the identity Content-Length and no gzip label', async () => {
    const head = await sendRaw(deployed.url, 'HEAD', '/documents/1', gzip)
    const plain = await sendRaw(deployed.url, 'GET', '/documents/1')
    expect(head.status).toBe(200)
    expect(headerOf(head, 'content-encoding')).toBe('identity')
    expect(headerOf(head, 'content-length')).toBe(String(plain.body.byteLength))
    expect(head.body.byteLength).toBe(0)
  })

  it('still lets the edge gzip a body, which decodes to the same document', async () => {
    const plain = await sendRaw(deployed.url, 'GET', '/documents/1')
    const compressed = await sendRaw(deployed.url, 'GET', '/documents/1', gzip)
    expect(compressed.status).toBe(200)
    expect(headerOf(compressed, 'content-encoding')).toBe('gzip')
    expect(gunzipSync(compressed.body).toString()).toBe(plain.body.toString())
  })

  it('leaves answers to a client that accepts no encoding exactly as the app made them', async () => {
    const answer = await sendRaw(deployed.url, 'GET', '/documents/1', { 'if-none-match': '"1-v1"' })
    expect(answer.status).toBe(304)
    expect(headerOf(answer, 'content-encoding')).toBeNull()
  })

  it('is needed: a bare `{ fetch: app.fetch }` worker gets its 304 and 204 labelled gzip by miniflare', async () => {
    const notModified = await sendRaw(bare.url, 'GET', '/documents/1', { ...gzip, 'if-none-match': '"1-v1"' })
    expect(notModified.status).toBe(304)
    expect(headerOf(notModified, 'content-encoding')).toBe('gzip')
    const options = await sendRaw(bare.url, 'OPTIONS', '/documents', gzip)
    expect(options.status).toBe(204)
    expect(headerOf(options, 'content-encoding')).toBe('gzip')
  })
})
