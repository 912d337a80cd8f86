import type { SliceableContent } from 'restmachine'
import { RestApplication, RestResponse } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

const TEXT = 'abcdefghijklmnopqrstuvwxyz'

/** Content read range by range, recording each read, so a test can see nothing else was read. */
function recordedContent(reads: string[]): SliceableContent {
  const bytes = new TextEncoder().encode(TEXT)
  const read = async function* (start: number, end: number) {
    reads.push(`${start}-${end}`)
    // In chunks of 4 bytes, as a file would arrive.
    for (let at = start; at <= end; at += 4) yield bytes.subarray(at, Math.min(at + 4, end + 1))
  }
  return {
    byteLength: bytes.byteLength,
    read,
    [Symbol.asyncIterator]: () => read(0, bytes.byteLength - 1)[Symbol.asyncIterator](),
  }
}

describe('byte ranges of content read range by range (SliceableContent)', () => {
  const reads: string[] = []
  const app = new RestApplication().resourceExists('doc', () => ({ id: 1 }), { etag: () => '"v1"' })
  app.get('/doc', () => new RestResponse(200, { 'content-type': 'text/plain' }, recordedContent(reads)), {
    ranges: true,
    requires: ['doc'],
  })
  app.get(
    '/encoded',
    () =>
      new RestResponse(
        200,
        { 'content-type': 'text/plain', 'content-encoding': 'gzip' },
        recordedContent(reads),
      ),
    { ranges: true },
  )
  const client = createTestClient(app)

  it('sends one range with its exact length, reading only that range', async () => {
    reads.length = 0
    const response = await client.get('/doc', { headers: { range: 'bytes=5-14' } })
    expect(response.status).toBe(206)
    expect(response.text).toBe('fghijklmno')
    expect(response.headers.get('content-range')).toBe('bytes 5-14/26')
    expect(response.headers.get('content-length')).toBe('10')
    expect(reads).toEqual(['5-14'])
  })

  it('sends several ranges as multipart/byteranges, each read on its own, with the exact length', async () => {
    reads.length = 0
    const response = await client.get('/doc', { headers: { range: 'bytes=0-2, -3' } })
    expect(response.status).toBe(206)
    const boundary = (response.headers.get('content-type') ?? '').split('boundary=')[1]
    expect(response.text).toBe(
      `--${boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-2/26\r\n\r\nabc` +
        `\r\n--${boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 23-25/26\r\n\r\nxyz` +
        `\r\n--${boundary}--\r\n`,
    )
    expect(Number(response.headers.get('content-length'))).toBe(
      new TextEncoder().encode(response.text).byteLength,
    )
    expect(reads).toEqual(['0-2', '23-25'])
  })

  it('answers 416 with the length, and 200 with everything when If-Range names another tag', async () => {
    const unsatisfiable = await client.get('/doc', { headers: { range: 'bytes=40-' } })
    expect(unsatisfiable.status).toBe(416)
    expect(unsatisfiable.headers.get('content-range')).toBe('bytes */26')
    const stale = await client.get('/doc', { headers: { range: 'bytes=0-1', 'if-range': '"v0"' } })
    expect(stale.status).toBe(200)
    expect(stale.text).toBe(TEXT)
  })

  it('takes no ranges of content that carries a coding, and does not advertise them', async () => {
    const response = await client.get('/encoded', { headers: { range: 'bytes=0-1' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('accept-ranges')).toBeNull()
  })
})
