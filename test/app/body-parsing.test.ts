import { type MultipartBody, multipartBodyParser, RestApplication } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

describe('parsedBody', () => {
  const app = new RestApplication().validates(
    'signup',
    z.object({ name: z.string().min(1), age: z.coerce.number() }),
  )
  app.post('/signup', ({ signup }) => signup, {
    accepts: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
  })
  app.post('/json-only', ({ signup }) => signup)
  app.post(
    '/upload',
    ({ parsedBody }) => {
      const { fields, files } = parsedBody as {
        fields: Record<string, string>
        files: { filename: string; size: number }[]
      }
      return { fields, files: files.map(({ filename, size }) => ({ filename, size })) }
    },
    { accepts: ['multipart/form-data'] },
  )
  app.post('/text', ({ parsedBody }) => ({ text: parsedBody }), { accepts: ['text/plain'] })
  const client = createTestClient(app)

  it('validates JSON and forms alike when the route accepts both', async () => {
    const json = await client.post('/signup', { json: { name: 'Ada', age: 36 } })
    const form = await client.post('/signup', {
      body: 'name=Ada&age=36',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(json.json()).toEqual({ name: 'Ada', age: 36 })
    expect(form.json()).toEqual({ name: 'Ada', age: 36 })
  })

  it('answers 415 for media types the route does not accept', async () => {
    const form = await client.post('/json-only', {
      body: 'name=Ada',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(form.status).toBe(415)
    expect((await client.post('/text', { json: {} })).status).toBe(415)
  })

  it('parses multipart uploads into fields and files', async () => {
    const form = new FormData()
    form.append('title', 'Holiday')
    form.append('photo', new Blob([new Uint8Array(1234)], { type: 'image/png' }), 'beach.png')
    const request = new Request('http://x/upload', { method: 'POST', body: form })
    const response = await client.post('/upload', {
      body: new Uint8Array(await request.arrayBuffer()),
      headers: { 'content-type': request.headers.get('content-type') as string },
    })
    expect(response.json()).toEqual({
      fields: { title: 'Holiday' },
      files: [{ filename: 'beach.png', size: 1234 }],
    })
  })

  it('answers 400 for a multipart body without a boundary and for invalid UTF-8 text', async () => {
    expect(
      (await client.post('/upload', { body: 'x', headers: { 'content-type': 'multipart/form-data' } }))
        .status,
    ).toBe(400)
    const text = await client.post('/text', {
      body: new Uint8Array([0xff, 0xfe]),
      headers: { 'content-type': 'text/plain' },
    })
    expect(text.status).toBe(400)
  })
})

describe('multipart limits set by the application', () => {
  it('apply when multipartBodyParser is registered with app.bodyParser', async () => {
    const app = new RestApplication().bodyParser(multipartBodyParser({ maxFiles: 1, maxFieldSize: 3 }))
    app.post('/upload', ({ parsedBody }) => ({ files: (parsedBody as MultipartBody).files.length }), {
      accepts: ['multipart/form-data'],
    })
    const client = createTestClient(app)
    const send = async (form: FormData) => {
      const request = new Request('http://x/upload', { method: 'POST', body: form })
      const body = new Uint8Array(await request.arrayBuffer())
      return client.post('/upload', {
        body,
        headers: { 'content-type': request.headers.get('content-type') as string },
      })
    }
    const one = new FormData()
    one.append('a', new File(['1'], 'a.txt'))
    expect((await send(one)).json()).toEqual({ files: 1 })
    one.append('b', new File(['2'], 'b.txt'))
    expect((await send(one)).status).toBe(413)
    const longField = new FormData()
    longField.append('f', 'four')
    expect((await send(longField)).status).toBe(413)
  })
})
