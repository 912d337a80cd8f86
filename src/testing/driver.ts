import { RequestHeaders } from '../http/index.js'

/** One request as a driver receives it: what the test asked for, already encoded. */
export interface DriverRequest {
  /** Upper-case method. */
  readonly method: string
  /** Path and query, percent-encoded, e.g. `/posts/1?draft=1`. */
  readonly target: string
  /** Header fields as `[name, value]` lines, in order (a name may repeat). */
  readonly headers: ReadonlyArray<readonly [string, string]>
  /** The content, when the request has any. */
  readonly body: Uint8Array | undefined
  /** The client address to present, where the driver can (in-process and Lambda drivers). */
  readonly remoteAddress: string
}

/** A response as a driver hands it back: status, fields, content as received by a client. */
export interface DriverResponse {
  readonly status: number
  /** Header field lines; `set-cookie` may repeat. */
  readonly headers: ReadonlyArray<readonly [string, string]>
  /** The content a client receives (empty for HEAD, 204 and 304). */
  readonly body: Uint8Array
}

/**
 * A way of delivering test requests to an application: in memory, over a socket, or through a
 * simulated AWS front door. The same test cases run through every driver, so an app's tests prove
 * it behaves the same wherever it is deployed.
 *
 * @example
 * const drivers = [inProcess(app), overHttp(() => serve(app, { port: 0, handleSignals: false }))]
 * for (const driver of drivers) {
 *   const client = createTestClient(driver)
 *   expect((await client.get('/health')).status).toBe(200)
 *   await client.close()
 * }
 */
export interface Driver {
  /** Shown in test names, e.g. `in-process`, `http`, `lambda:alb`. */
  readonly name: string
  /** Sends one request; starts whatever the driver needs on first use. */
  send(request: DriverRequest): Promise<DriverResponse>
  /** Releases what the driver started (a server). */
  close(): Promise<void>
}

/** Case-insensitive view of a driver's response fields. */
export function responseHeaders(lines: ReadonlyArray<readonly [string, string]>): RequestHeaders {
  return RequestHeaders.from(lines)
}
