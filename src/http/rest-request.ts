import type { ContentEncoder } from './content-coding.js'
import type { RequestHeaders } from './request-headers.js'
import { webEncoder } from './web-encoder.js'

/** Reads the request content, failing (with the adapter's 413 error) past `limit` bytes. */
export type BodyReader = (limit: number) => Promise<Uint8Array>

/** What an adapter knows about one incoming request. */
export interface RestRequestInit {
  method: string
  /** The request target's path, still percent-encoded, e.g. `/posts/42`. */
  path: string
  /** The query string without `?`, still encoded; `''` when absent. */
  rawQuery?: string
  headers: RequestHeaders
  /** Reads the content; absent when the request cannot have any. */
  readBody?: BodyReader
  /** The peer's IP address as seen on the socket (never from headers). */
  remoteAddress?: string
  /** Whether the connection is TLS (`https`). */
  secure?: boolean
  /** The adapter's own request object (Node `IncomingMessage`, Web `Request`, Lambda event…). */
  raw?: unknown
  /**
   * Aborted when the client goes away; a function is called on first use of `request.signal` (Deno
   * warns about, and changes, a Web `Request`'s signal once it is read).
   */
  signal?: AbortSignal | (() => AbortSignal | undefined)
  /** An id the platform already gave this request (a Lambda request id), used in error logs. */
  requestId?: string
  /**
   * The HTTP version as received (`'1.1'`, `'1.0'`, `'2.0'`), from an adapter that reads HTTP
   * messages itself. Given, the core applies the message rules of RFC 9112 §3.2 first (request
   * target form; exactly one valid `Host`, required from HTTP/1.1 on) and answers 400 when they fail.
   * Adapters fed by a server that applied them already (a Lambda front door) leave it out.
   */
  httpVersion?: string
  /**
   * The compressors of the runtime serving this request (the Node adapter gives node:zlib's);
   * default: the Web `CompressionStream` one. Used only by routes that compress.
   */
  encoder?: ContentEncoder
}

const EMPTY = new Uint8Array(0)
const noBody: BodyReader = () => Promise.resolve(EMPTY)
const decoder = new TextDecoder()

/**
 * The request as RestMachine's core sees it, independent of where it came from. Everything that
 * costs something (the absolute URL, query parsing, the content) is computed on first use.
 *
 * @example
 * app.get('/whoami', ({ request }) => ({ ip: request.remoteAddress, ua: request.headers.get('user-agent') }))
 */
export class RestRequest {
  /** The method, upper-case as received (methods are case-sensitive, RFC 9110 §9.1). */
  readonly method: string
  /** The path, percent-encoded as received. */
  readonly path: string
  /** The query string without `?`, encoded as received. */
  readonly rawQuery: string
  /** Case-insensitive request header fields. */
  readonly headers: RequestHeaders
  /** The peer's address from the connection, if known. */
  readonly remoteAddress: string | undefined
  /** Whether the request arrived over TLS. */
  readonly secure: boolean
  /** The adapter's native request object. */
  readonly raw: unknown
  /** The platform's id for this request, if it has one; error logs use it (else a fresh UUID). */
  readonly requestId: string | undefined
  /** The HTTP version as received (`'1.1'`, `'2.0'`…), if the adapter knows it. */
  readonly httpVersion: string | undefined
  /** What this runtime can compress a response with (RFC 9110 §8.4), for routes that compress. */
  readonly encoder: ContentEncoder
  /** The content limit in bytes applied by {@link RestRequest.bytes}; set by the application. */
  bodyLimit = 1024 * 1024
  #readBody: BodyReader
  #bytes: Promise<Uint8Array> | undefined
  #url: URL | undefined
  #signal: AbortSignal | (() => AbortSignal | undefined) | undefined

  constructor(init: RestRequestInit) {
    this.method = init.method
    this.path = init.path
    this.rawQuery = init.rawQuery ?? ''
    this.headers = init.headers
    this.remoteAddress = init.remoteAddress
    this.secure = init.secure ?? false
    this.raw = init.raw
    this.#signal = init.signal
    this.requestId = init.requestId
    this.httpVersion = init.httpVersion
    this.encoder = init.encoder ?? webEncoder
    this.#readBody = init.readBody ?? noBody
  }

  /** Aborted when the client disconnects, if the adapter can tell; read from the adapter on first use. */
  get signal(): AbortSignal | undefined {
    if (typeof this.#signal === 'function') this.#signal = this.#signal()
    return this.#signal
  }

  /** The absolute request URL, built from `Host` (or `localhost`) on first use. */
  get url(): URL {
    if (this.#url === undefined) {
      const host = this.headers.get('host') ?? 'localhost'
      const base = `${this.secure ? 'https' : 'http'}://${host}`
      const target = this.rawQuery === '' ? this.path : `${this.path}?${this.rawQuery}`
      try {
        this.#url = new URL(target, base)
      } catch {
        this.#url = new URL(target, `${this.secure ? 'https' : 'http'}://localhost`)
      }
    }
    return this.#url
  }

  /** The content as bytes, read once (later calls share the result). Rejects past `bodyLimit`. */
  bytes(): Promise<Uint8Array> {
    this.#bytes ??= this.#readBody(this.bodyLimit)
    return this.#bytes
  }

  /** The content decoded as UTF-8. */
  async text(): Promise<string> {
    return decoder.decode(await this.bytes())
  }
}
