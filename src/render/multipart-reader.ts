import { BadRequest, ContentTooLarge } from '../errors/index.js'
import { Pacer } from './pacer.js'

const CR = 0x0d
const LF = 0x0a
const DASH = 0x2d
const SPACE = 0x20
const TAB = 0x09
/** Bytes searched between two looks at the clock. */
const SLICE = 64 * 1024

/** The generic 400 message for content that does not follow RFC 2046 §5.1.1; it never quotes the content. */
const INVALID_MULTIPART = 'Request body is not valid multipart/form-data'

/**
 * Walks `multipart/*` content (RFC 2046 §5.1.1) part by part, in one pass over the bytes: every
 * search is bounded by a limit and runs in linear time, and a long walk yields to the event loop
 * every few milliseconds (see {@link Pacer}). The caller reads a part's header section, decides
 * on its limits, then reads its body; the walk stops at the first limit exceeded.
 *
 * @example
 * const reader = await MultipartReader.open(bytes, 'x')
 * while (!reader.closed) {
 *   const head = reader.readHeaders(8192)
 *   const body = await reader.readBody(1024 * 1024)
 * }
 */
export class MultipartReader {
  readonly #data: Uint8Array
  /** `CRLF "--" boundary`: the delimiter as it occurs after the first one. */
  readonly #delimiter: Uint8Array
  readonly #pacer = new Pacer()
  /** Where the next unread byte is: the start of a part's header section, or of its body. */
  #position = 0
  /** Whether the close delimiter (`--boundary--`) was read: no more parts. */
  closed = false

  private constructor(data: Uint8Array, boundary: string) {
    this.#data = data
    this.#delimiter = new TextEncoder().encode(`\r\n--${boundary}`)
  }

  /**
   * Finds the first delimiter, skipping any preamble (RFC 2046 §5.1.1: it "is to be ignored").
   * No delimiter at all → 400.
   */
  static async open(data: Uint8Array, boundary: string): Promise<MultipartReader> {
    const reader = new MultipartReader(data, boundary)
    // The first delimiter may open the content, without the CRLF that belongs to later ones.
    const opening = reader.#matchesAt(-2, 2) ? reader.#afterDelimiter(-2) : -1
    if (opening !== -1) reader.#position = opening
    else {
      const found = await reader.#find(0, data.byteLength)
      if (found === -1) throw new BadRequest(INVALID_MULTIPART)
    }
    return reader
  }

  /**
   * Reads the next part's header section (RFC 2046 §5.1.1 "body-part := MIME-part-headers [CRLF
   * *OCTET]"), at most `limit` bytes before its blank line → 413 past it, 400 if the content ends.
   */
  readHeaders(limit: number): Uint8Array {
    const data = this.#data
    const start = this.#position
    if (data[start] === CR && data[start + 1] === LF) {
      this.#position = start + 2 // no header fields at all
      return data.subarray(start, start)
    }
    const end = Math.min(data.byteLength, start + limit + 4)
    const window = data.subarray(0, end)
    for (let i = window.indexOf(CR, start); i !== -1; i = window.indexOf(CR, i + 1)) {
      if (data[i + 1] === LF && data[i + 2] === CR && data[i + 3] === LF && i + 4 <= end) {
        this.#position = i + 4
        return data.subarray(start, i)
      }
    }
    if (end === data.byteLength) throw new BadRequest(INVALID_MULTIPART)
    throw new ContentTooLarge(`A part's header section exceeds the limit of ${limit} bytes`)
  }

  /**
   * Reads the current part's body up to the next delimiter, at most `limit` bytes → 413 past it
   * (found without scanning further), 400 when no delimiter follows. Sets {@link closed} after the
   * last part.
   */
  async readBody(limit: number): Promise<Uint8Array> {
    const data = this.#data
    const start = this.#position
    const end = Math.min(data.byteLength, start + limit + this.#delimiter.byteLength)
    const found = await this.#find(start, end)
    if (found === -1 || found - start > limit) {
      if (found === -1 && end === data.byteLength) throw new BadRequest(INVALID_MULTIPART)
      throw new ContentTooLarge(`A part of the form content exceeds the limit of ${limit} bytes`)
    }
    return data.subarray(start, found)
  }

  /**
   * Finds the next delimiter starting in `[from, to)` and moves past it; returns where it starts, or
   * -1. A match not followed by `--` or by transport padding and CRLF is content, not a delimiter.
   */
  async #find(from: number, to: number): Promise<number> {
    const size = this.#delimiter.byteLength
    for (let sliceStart = from; sliceStart < to; sliceStart += SLICE) {
      if (this.#pacer.due()) await this.#pacer.rest()
      // Candidates start in this slice; the match may run past it, but never past `to`.
      const window = this.#data.subarray(0, Math.min(to, sliceStart + SLICE + size - 1))
      const last = window.byteLength - size
      // The delimiter holds one CR, so each CR is compared at most until the next one: linear.
      for (let i = window.indexOf(CR, sliceStart); i !== -1 && i <= last; i = window.indexOf(CR, i + 1)) {
        if (!this.#matchesAt(i, 1)) continue
        const next = this.#afterDelimiter(i)
        if (next === -1) continue
        this.#position = next
        return i
      }
    }
    return -1
  }

  /** Whether the delimiter's bytes from index `skip` on occur at `at + skip` (`at` may be negative). */
  #matchesAt(at: number, skip: number): boolean {
    const data = this.#data
    const delimiter = this.#delimiter
    if (at + delimiter.byteLength > data.byteLength) return false
    for (let k = skip; k < delimiter.byteLength; k++) if (data[at + k] !== delimiter[k]) return false
    return true
  }

  /**
   * After a delimiter starting at `at`: `--` closes the content (the epilogue is ignored), transport
   * padding (LWSP) then CRLF opens a part. Returns where that part starts, or -1 for neither.
   */
  #afterDelimiter(at: number): number {
    const data = this.#data
    let i = at + this.#delimiter.byteLength
    if (data[i] === DASH && data[i + 1] === DASH) {
      this.closed = true
      return data.byteLength
    }
    while (data[i] === SPACE || data[i] === TAB) i++
    return data[i] === CR && data[i + 1] === LF ? i + 2 : -1
  }
}
