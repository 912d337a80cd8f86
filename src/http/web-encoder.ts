import type { ContentEncoder } from './content-coding.js'
import type { ResponseBody } from './rest-response.js'

const textEncoder = new TextEncoder()

/**
 * The content encoder of a Fetch runtime: `CompressionStream` (Compression Streams §5), which has
 * `gzip` and `deflate` (zlib-wrapped, the `deflate` of RFC 9110 §8.4.1.2) but no brotli. Where the
 * runtime has no `CompressionStream` it offers no coding, and responses go out as they are.
 */
export const webEncoder: ContentEncoder = {
  codings: typeof CompressionStream === 'function' ? ['gzip', 'deflate'] : [],
  encode(coding, body) {
    // Typed for BufferSource writes; every chunk written is a Uint8Array.
    const compressor = new CompressionStream(coding as CompressionFormat) as unknown as ReadableWritablePair<
      Uint8Array,
      Uint8Array
    >
    return toByteStream(body).pipeThrough(compressor)
  },
}

/** The content as a stream of bytes. */
function toByteStream(body: NonNullable<ResponseBody>): ReadableStream<Uint8Array> {
  if (body instanceof ReadableStream) return body
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const bytes = typeof body === 'string' ? textEncoder.encode(body) : body
    return new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes)
        controller.close()
      },
    })
  }
  const iterator = body[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next()
      if (done) controller.close()
      else controller.enqueue(typeof value === 'string' ? textEncoder.encode(value) : value)
    },
    async cancel() {
      await iterator.return?.()
    },
  })
}
