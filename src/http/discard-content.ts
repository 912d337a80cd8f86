import type { ResponseBody } from './rest-response.js'

/**
 * Releases the content of a response that will not be sent (replaced by another): a Web stream is
 * cancelled, a Node stream (a file's, say) destroyed, an async generator returned, so no file
 * descriptor or producer is left open until garbage collection. Strings and bytes need nothing.
 *
 * @example
 * discardContent(response.body) // before answering with another response instead
 */
export function discardContent(body: ResponseBody): void {
  if (body === null || typeof body === 'string' || body instanceof Uint8Array) return
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) {
    body.cancel().catch(ignore)
    return
  }
  const closable = body as { destroy?: () => void; return?: () => unknown }
  if (typeof closable.destroy === 'function') closable.destroy()
  else if (typeof closable.return === 'function') Promise.resolve(closable.return()).catch(ignore)
}

function ignore(): void {}
