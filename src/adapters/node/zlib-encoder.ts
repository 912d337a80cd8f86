import { pipeline, Readable, type Transform } from 'node:stream'
import * as zlib from 'node:zlib'
import type { ContentEncoder, ResponseBody } from '../../http/index.js'

// zstd came to node:zlib in Node 22.15 / 23.8; looked up, not imported, so older Nodes load this file.
const createZstdCompress = (zlib as { createZstdCompress?: () => Transform }).createZstdCompress
const zstdCompressSync = (zlib as { zstdCompressSync?: (content: Buffer) => Buffer }).zstdCompressSync

/**
 * Content up to this size is compressed in one synchronous call (decision 0496): for such sizes a
 * streaming compressor's hand-offs to the thread pool cost more than the compression itself
 * (brotli 4 of an 11 KB JSON document: about 65 µs of CPU in one call, about 135–240 µs through a
 * stream), and the response gets a `Content-Length`. The event loop is held for at most a few
 * hundred microseconds.
 */
const WHOLE_LIMIT = 64 * 1024

/** Brotli at quality 4 (of 11): close to gzip's speed, smaller output; 11 is far too slow per request. */
const BROTLI_PARAMS = {
  [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
  [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
}

function compressor(coding: string, size: number | undefined): Transform {
  switch (coding) {
    case 'br':
      return zlib.createBrotliCompress({
        params:
          size === undefined
            ? BROTLI_PARAMS
            : { ...BROTLI_PARAMS, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size },
      })
    case 'gzip':
      return zlib.createGzip()
    case 'deflate':
      return zlib.createDeflate()
    case 'zstd':
      if (createZstdCompress !== undefined) return createZstdCompress()
  }
  throw new TypeError(`No compressor for the content coding '${coding}'`)
}

/**
 * node:zlib's streaming compressors as a {@link ContentEncoder}: `br`, `gzip`, `deflate`, and `zstd`
 * where this Node's zlib has it. The compressed stream is a Node `Readable`, which `writeResponse`
 * pipes to the socket with back-pressure; content in memory up to 64 KiB is compressed in one call.
 */
export const zlibEncoder: ContentEncoder = {
  codings: createZstdCompress === undefined ? ['br', 'gzip', 'deflate'] : ['br', 'zstd', 'gzip', 'deflate'],
  encode(coding, body) {
    if (typeof body === 'string' || body instanceof Uint8Array) {
      const stream = compressor(coding, typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength)
      stream.end(body)
      return stream
    }
    const stream = compressor(coding, undefined)
    // An error of the source destroys the compressor with it, and so the response being written.
    pipeline(toReadable(body), stream, () => {})
    return stream
  },
  encodeWhole: compressWhole,
  wholeLimit: WHOLE_LIMIT,
}

function compressWhole(coding: string, content: string | Uint8Array): Uint8Array {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content
  switch (coding) {
    case 'br':
      return zlib.brotliCompressSync(bytes, {
        params: { ...BROTLI_PARAMS, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength },
      })
    case 'gzip':
      return zlib.gzipSync(bytes)
    case 'deflate':
      return zlib.deflateSync(bytes)
    case 'zstd':
      if (zstdCompressSync !== undefined) return zstdCompressSync(Buffer.from(bytes))
  }
  throw new TypeError(`No compressor for the content coding '${coding}'`)
}

function toReadable(body: Exclude<ResponseBody, string | Uint8Array | null>): Readable {
  return body instanceof ReadableStream ? Readable.fromWeb(body as never) : Readable.from(body)
}
