import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RestRequest, RestResponse } from '../../http/index.js'
import { isThenable } from '../../machine/index.js'
import { fromIncomingMessage } from './node-request.js'
import { writeResponse } from './write-response.js'

/** Anything that serves core requests (a `RestApplication`). */
export interface RequestHandlerApp {
  handle(request: RestRequest): RestResponse | Promise<RestResponse>
}

/**
 * Adapts an application to Node's `(req, res)` listener, for an existing `http.Server` or
 * `https.Server`. Synchronous routes are answered without allocating a promise.
 *
 * @example
 * http.createServer(toNodeHandler(app)).listen(8000)
 */
export function toNodeHandler(app: RequestHandlerApp): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let result: RestResponse | Promise<RestResponse>
    try {
      result = app.handle(fromIncomingMessage(req))
    } catch (error) {
      fail(res, error)
      return
    }
    if (isThenable(result)) {
      result.then(
        (response) => write(response, req, res),
        (error: unknown) => fail(res, error),
      )
    } else write(result, req, res)
  }
}

/**
 * Writes the response; if Node refuses it anyway, the client gets a 500 instead of the process
 * crashing (a throw here is outside any promise) or the request hanging. A last resort: the core
 * already answers a response with an unsendable field (RFC 9110 §5.5) with its own logged 500
 * (`unsendableField` in handleRequest, docs/decisions/0517), so this is reached only by a bug.
 */
function write(response: RestResponse, req: IncomingMessage, res: ServerResponse): void {
  try {
    writeResponse(response, res, req.method ?? 'GET')
  } catch (error) {
    fail(res, error)
  }
}

// Only reached if the core itself fails (it turns every handler error into a response).
function fail(res: ServerResponse, error: unknown): void {
  console.error('[restmachine] internal failure while serving a request', error)
  if (res.headersSent) {
    res.destroy()
    return
  }
  const body = '{"error":"Internal Server Error","message":"An unexpected error occurred"}'
  res.writeHead(500, { 'content-type': 'application/json', 'content-length': String(body.length) })
  res.end(body)
}
