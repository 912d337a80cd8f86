/** An application as a Fetch-API host sees it. */
interface Fetches {
  fetch(request: Request): Promise<Response>
}

/** What Cloudflare adds to a request: the client's own Accept-Encoding, before the edge rewrote it. */
interface CloudflareRequest extends Request {
  cf?: { clientAcceptEncoding?: string }
}

/**
 * A Cloudflare Workers `fetch` handler for an application. The edge compresses answers on its way
 * out, and miniflare (`wrangler dev`) marks even answers without content — HEAD, 204, 304 — as
 * `Content-Encoding: gzip`, which a cache would then copy onto its stored response (RFC 9111 §4.3.4).
 * So an answer without content, to a client that accepts an encoding, says `Content-Encoding:
 * identity` ("no encoding", RFC 9110 §12.5.3), which the edge leaves alone. Everything else passes
 * untouched, and bodies are still compressed by the edge.
 *
 * @example
 * export default { fetch: cloudflareFetch(app) }
 */
export function cloudflareFetch(app: Fetches): (request: Request) => Promise<Response> {
  return async (request: CloudflareRequest) => {
    const response = await app.fetch(request)
    const bodyless = request.method === 'HEAD' || response.status === 204 || response.status === 304
    if (!bodyless || response.headers.has('content-encoding')) return response
    // The edge replaces Accept-Encoding; `cf.clientAcceptEncoding` keeps what the client sent.
    const accepted = request.cf?.clientAcceptEncoding ?? request.headers.get('accept-encoding')
    if (accepted === null || accepted === undefined || accepted.trim() === '') return response
    const headers = new Headers(response.headers)
    headers.set('content-encoding', 'identity')
    return new Response(null, { status: response.status, statusText: response.statusText, headers })
  }
}
