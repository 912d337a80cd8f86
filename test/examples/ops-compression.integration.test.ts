import { request } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../examples/ops/compression.js'

// Raw bytes over node:http: Node's fetch would decompress them before the test could look.
function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      request(url, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        )
      })
        .on('error', reject)
        .end()
    },
  )
}

describe('examples/ops/compression.ts over HTTP', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await serve(createApp(), { port: 0, handleSignals: false })
  })
  afterAll(() => server.close())

  it('sends the articles brotli-compressed with the encoded form’s ETag, and 304 for it', async () => {
    const response = await get(`${server.url}/articles`, { 'accept-encoding': 'br, gzip' })
    expect(response.headers['content-encoding']).toBe('br')
    expect(response.headers.etag).toBe('"articles-v3-br"')
    expect(JSON.parse(brotliDecompressSync(response.body).toString())).toHaveLength(60)
    const cached = await get(`${server.url}/articles`, {
      'accept-encoding': 'br',
      'if-none-match': '"articles-v3-br"',
    })
    expect(cached.status).toBe(304)
  })

  it('answers 406 when identity is refused and no coding is named', async () => {
    expect((await get(`${server.url}/articles`, { 'accept-encoding': 'identity;q=0' })).status).toBe(406)
  })

  it('leaves the PNG alone and sends the report in gzip, the only coding that route offers', async () => {
    const logo = await get(`${server.url}/logo.png`, { 'accept-encoding': 'br, gzip' })
    expect(logo.headers['content-encoding']).toBeUndefined()
    expect(logo.body.byteLength).toBe(2048)
    const report = await get(`${server.url}/report.csv`, { 'accept-encoding': 'br, gzip' })
    expect(report.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(report.body).toString()).toMatch(/^id,title\n1,Article 1\n/)
  })
})
