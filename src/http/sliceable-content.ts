/**
 * Content of known length whose byte ranges can be read one by one, without reading (or holding)
 * the rest: a file on disk, an object in a store. As an `AsyncIterable` it is the whole content, so
 * every adapter sends it as it sends any stream; the machine's PARTIAL node recognises it and serves
 * `Range` requests from {@link SliceableContent.read} (RFC 9110 §14), never buffering the whole.
 *
 * @example
 * const content: SliceableContent = {
 *   byteLength: 10,
 *   read: async function* (start, end) { yield bytes.subarray(start, end + 1) },
 *   [Symbol.asyncIterator]() { return this.read(0, 9)[Symbol.asyncIterator]() },
 * }
 */
export interface SliceableContent extends AsyncIterable<Uint8Array> {
  /** The complete length in bytes. */
  readonly byteLength: number
  /** Bytes `start` through `end`, inclusive (a byte range, RFC 9110 §14.1.2), read when iterated. */
  read(start: number, end: number): AsyncIterable<Uint8Array>
}

/**
 * Whether a response body is {@link SliceableContent}.
 *
 * @example
 * isSliceableContent(response.body) // true for a file served by serveStatic
 */
export function isSliceableContent(body: unknown): body is SliceableContent {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as SliceableContent).read === 'function' &&
    typeof (body as SliceableContent).byteLength === 'number' &&
    Symbol.asyncIterator in body
  )
}
