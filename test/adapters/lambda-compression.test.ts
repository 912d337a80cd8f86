import { gunzipSync } from 'node:zlib'
import { RestApplication } from 'restmachine'
import { toLambdaHandler } from 'restmachine/lambda'
import { describe, expect, it } from 'vitest'
import { CONTEXT, fixture } from './lambda-support.js'

type Event = Record<string, unknown> & { requestContext: { http: Record<string, unknown> } }

describe('compression through a Lambda front door (CompressionStream)', () => {
  const items = Array.from({ length: 80 }, (_, i) => ({ id: i, title: `Item ${i}` }))
  const app = new RestApplication({ compression: true })
  app.get('/my/path', () => ({ items }))
  const handler = toLambdaHandler(app, { stopOnSigterm: false })

  const invoke = (acceptEncoding: string | undefined) => {
    const event = fixture<Event>('api-gateway-http-v2')
    event.requestContext.http.method = 'GET'
    event.body = undefined
    event.headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }
    return handler(event, CONTEXT)
  }

  it('sends gzip content as base64 with Content-Encoding and Vary', async () => {
    const result = await invoke('br, gzip')
    expect(result.statusCode).toBe(200)
    expect(result.isBase64Encoded).toBe(true)
    const headers = (result as { headers: Record<string, string> }).headers
    expect(headers['content-encoding']).toBe('gzip')
    expect(headers.vary).toMatch(/accept-encoding/i)
    expect(JSON.parse(gunzipSync(Buffer.from(result.body, 'base64')).toString())).toEqual({ items })
  })

  it('sends text without Accept-Encoding', async () => {
    const result = await invoke(undefined)
    expect(result.isBase64Encoded).toBe(false)
    expect(JSON.parse(result.body)).toEqual({ items })
  })
})
