import { request as httpRequest } from 'node:http'
import type { RunningServer } from 'restmachine/node'
import type { LambdaFrontDoor } from 'restmachine/testing'
import { vi } from 'vitest'
import { type CallOptions, callJson, type JsonResponse } from '../../auth/support/http.js'
import { FRONT_DOORS } from '../../drivers/drivers.js'
import { fetchThrough } from '../../support/driver-fetch.js'
import { rawHeaderPairs } from '../../support/raw-headers.js'

/** Where an example suite runs: a real Node server, or a simulated AWS front door. */
export type ExampleDoor = 'http' | LambdaFrontDoor

/** Every deployment path an example's suite runs through. */
export const EXAMPLE_DOORS: readonly ExampleDoor[] = ['http', ...FRONT_DOORS]

/** An example application, opened on one door. */
export interface OpenDoor {
  readonly door: ExampleDoor
  /** The base URL requests are written against. */
  readonly url: string
  /** `fetch` itself for `http`; for a front door, a `fetch` that delivers through it. */
  readonly fetch: (input: string, init?: RequestInit) => Promise<Response>
  /** The Node server, for the cases that write raw bytes to a socket (`http` only). */
  readonly server: RunningServer | undefined
  close(): Promise<void>
}

// biome-ignore lint/suspicious/noExplicitAny: any RestApplication
type AnyApp = any

/**
 * Opens a fresh copy of an example on a door: modules are loaded anew, so module-level state (an
 * example's `app` and its startup values) is not shared between doors.
 *
 * @example
 * const open = await openDoor('alb', async () => (await import('../../examples/http-features.js')).app)
 */
export async function openDoor(door: ExampleDoor, load: () => Promise<AnyApp>): Promise<OpenDoor> {
  vi.resetModules()
  const app = await load()
  if (door === 'http') {
    const { serve } = await import('restmachine/node')
    const server = await serve(app, { port: 0, handleSignals: false })
    return {
      door,
      url: server.url,
      fetch: (input, init) => fetch(input, init),
      server,
      close: () => server.close(),
    }
  }
  const { toLambdaHandler } = await import('restmachine/lambda')
  const { simulatedHost, throughLambda } = await import('restmachine/testing')
  const handler = toLambdaHandler(app, { stopOnSigterm: false })
  const driver = throughLambda(handler, door)
  return {
    door,
    url: `https://${simulatedHost(door)}`,
    fetch: fetchThrough(driver),
    server: undefined,
    close: () => handler.stop(),
  }
}

/** Options of one {@link ExampleApi.call}, and the JSON response as the example suites look at it. */
export type { CallOptions }
export type CallResponse = JsonResponse

/** An example opened on a door, with a JSON caller. */
export interface ExampleApi extends OpenDoor {
  call(method: string, path: string, options?: CallOptions): Promise<CallResponse>
}

/**
 * Opens an example on a door (see {@link openDoor}) with a caller that sends JSON and reads JSON.
 *
 * @example
 * const api = await openApi('api-gateway-v1', async () => (await import('../../examples/auth/bearer.js')).createApp())
 * const response = await api.call('GET', '/protected', { token: 'valid_token_123' })
 */
export async function openApi(door: ExampleDoor, load: () => Promise<AnyApp>): Promise<ExampleApi> {
  const open = await openDoor(door, load)
  const call = (method: string, path: string, options: CallOptions = {}): Promise<CallResponse> =>
    callJson(open.url, method, path, options, open.fetch)
  return { ...open, call }
}

/**
 * Sends one field as several lines (`x-api-key: a` then `x-api-key: b`): over a socket for `http`,
 * as separate lines handed to the front door otherwise, which delivers them as AWS does.
 *
 * @example
 * const response = await sendRepeated(api, 'GET', '/protected', 'Authorization', ['Bearer a', 'Bearer b'])
 */
export async function sendRepeated(
  open: OpenDoor,
  method: string,
  path: string,
  name: string,
  values: readonly string[],
): Promise<{ status: number; headers: Headers; text: string }> {
  const lines = values.map((value) => [name, value] as [string, string])
  if (open.server === undefined) {
    const response = await open.fetch(`${open.url}${path}`, { method, headers: lines })
    return { status: response.status, headers: response.headers, text: await response.text() }
  }
  const port = open.server.port
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: [['Host', `127.0.0.1:${port}`], ...lines].flat(),
        agent: false,
        timeout: 5000,
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('error', reject)
        response.on('end', () => {
          const headers = new Headers()
          for (const [name, value] of rawHeaderPairs(response.rawHeaders)) headers.append(name, value)
          resolve({ status: response.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString() })
        })
      },
    )
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 5 s')))
    outgoing.on('error', reject)
    outgoing.end()
  })
}
