import { monitorEventLoopDelay } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { BadRequest, ContentTooLarge } from '../../src/errors/status-errors.js'
import { parseMultipart } from '../../src/render/parse-multipart.js'

const raw = (text: string) => new TextEncoder().encode(text)
const part = (headers: string, body: string) => `--b\r\n${headers}\r\n\r\n${body}\r\n`
const field = (name: string, value: string) => part(`Content-Disposition: form-data; name="${name}"`, value)
const TYPE = 'multipart/form-data; boundary=b'

describe('reading multipart content (RFC 2046 §5.1.1)', () => {
  it('ignores a preamble and an epilogue', async () => {
    const body = `This is the preamble.\r\n${field('a', '1')}--b--\r\nThis is the epilogue.`
    expect({ ...(await parseMultipart(raw(body), TYPE)).fields }).toEqual({ a: '1' })
  })

  it('accepts transport padding after a boundary', async () => {
    const body = `--b \t\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b  \r\n${field('c', '2').slice(5)}--b--`
    expect({ ...(await parseMultipart(raw(body), TYPE)).fields }).toEqual({ a: '1', c: '2' })
  })

  it('keeps a line that merely starts with the boundary as content', async () => {
    const body = `${field('a', 'x\r\n--bc\r\n--b-y')}--b--`
    expect((await parseMultipart(raw(body), TYPE)).fields.a).toBe('x\r\n--bc\r\n--b-y')
  })

  it('reads a part with no header fields as malformed form data (400)', async () => {
    await expect(parseMultipart(raw('--b\r\n\r\nx\r\n--b--'), TYPE)).rejects.toThrow(/Content-Disposition/)
  })

  it('decodes the %22, %0D and %0A that browsers write in names and file names', async () => {
    const form = new FormData()
    form.append('say "hi"\r\n', 'v')
    form.append('f', new File(['x'], 'a"b\nc.txt'))
    const request = new Request('http://localhost/', { method: 'POST', body: form })
    const bytes = new Uint8Array(await request.arrayBuffer())
    const { fields, files } = await parseMultipart(bytes, request.headers.get('content-type') as string)
    expect(Object.keys(fields)).toEqual(['say "hi"\r\n'])
    expect(files[0]?.filename).toBe('a"b\nc.txt')
  })

  it('refuses two Content-Disposition fields or two name parameters in one part with 400', async () => {
    const twice = part(
      'Content-Disposition: form-data; name="a"\r\nContent-Disposition: form-data; name="b"',
      '1',
    )
    const twoNames = part('Content-Disposition: form-data; name="a"; NAME="b"', '1')
    for (const body of [twice, twoNames]) {
      await expect(parseMultipart(raw(`${body}--b--`), TYPE)).rejects.toBeInstanceOf(BadRequest)
    }
  })

  it('refuses a disposition other than form-data, or one without a name, with 400', async () => {
    for (const headers of [
      'Content-Disposition: attachment; name="a"',
      'Content-Disposition: form-data; filename="a"',
    ]) {
      await expect(parseMultipart(raw(`${part(headers, '1')}--b--`), TYPE)).rejects.toBeInstanceOf(BadRequest)
    }
  })
})

describe('multipart limits, checked while reading', () => {
  it('refuses a part header section larger than maxPartHeaderSize with 413', async () => {
    const body = `${part(`Content-Disposition: form-data; name="a"\r\nX-Pad: ${'p'.repeat(200)}`, '1')}--b--`
    await expect(parseMultipart(raw(body), TYPE, { maxPartHeaderSize: 100 })).rejects.toThrow(ContentTooLarge)
    expect((await parseMultipart(raw(body), TYPE, { maxPartHeaderSize: 300 })).fields.a).toBe('1')
  })

  it('refuses a text field larger than maxFieldSize with 413', async () => {
    const body = `${field('a', '12345')}--b--`
    await expect(parseMultipart(raw(body), TYPE, { maxFieldSize: 4 })).rejects.toThrow(ContentTooLarge)
    expect((await parseMultipart(raw(body), TYPE, { maxFieldSize: 5 })).fields.a).toBe('12345')
  })

  it('counts empty file inputs towards maxFiles + maxFields parts', async () => {
    const empty = part('Content-Disposition: form-data; name="f"; filename=""', '')
    const body = raw(`${empty.repeat(4)}--b--`)
    await expect(parseMultipart(body, TYPE, { maxFiles: 1, maxFields: 2 })).rejects.toThrow(
      /more than 3 parts/,
    )
    expect((await parseMultipart(body, TYPE, { maxFiles: 2, maxFields: 2 })).files).toEqual([])
  })

  it('stops at the first file over the part limit without reading the rest', async () => {
    const files = part('Content-Disposition: form-data; name="f"; filename="a"', 'x').repeat(20)
    // Everything after the eleventh file is garbage: a parser that read on would answer 400.
    const body = raw(`${files}${'\u0000garbage'.repeat(1000)}`)
    await expect(parseMultipart(body, TYPE)).rejects.toThrow(/more than 10 files/)
  })

  it('finds a file over maxFileSize without scanning the rest of the content', async () => {
    const body = raw(`${part('Content-Disposition: form-data; name="f"; filename="a"', 'x'.repeat(100))}`)
    await expect(parseMultipart(body, TYPE, { maxFileSize: 10 })).rejects.toThrow(ContentTooLarge)
    // The same content with no size limit is truncated (no close delimiter): 400.
    await expect(parseMultipart(body, TYPE)).rejects.toThrow(BadRequest)
  })
})

describe('multipart parsing time', () => {
  it('stays linear and yields to the event loop on 8 MiB of near-delimiters', async () => {
    const boundary = 'x'.repeat(70)
    // Each CR starts a match that fails one byte before the end: worst case for a naive search.
    const near = `\r\n--${boundary.slice(0, 69)}`.repeat(Math.floor((8 * 1024 * 1024) / 73))
    const body = raw(
      `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\n${near}\r\n--${boundary}--`,
    )
    const delay = monitorEventLoopDelay({ resolution: 10 })
    delay.enable()
    const started = performance.now()
    const { files } = await parseMultipart(body, `multipart/form-data; boundary=${boundary}`)
    const elapsed = performance.now() - started
    delay.disable()
    expect(files[0]?.size).toBe(near.length)
    expect(elapsed, `parsed in ${elapsed.toFixed(0)} ms`).toBeLessThan(2000)
    expect(delay.max / 1e6, 'largest event-loop delay (ms)').toBeLessThan(100)
  })
})

describe('multipart text fields', () => {
  it('keep a leading U+FEFF as content', async () => {
    const body = `${field('a', '\uFEFFx')}--b--`
    expect((await parseMultipart(raw(body), TYPE)).fields.a).toBe('\uFEFFx')
  })
})
