import type { RunningServer } from 'restmachine/node'
import type { LambdaFrontDoor } from 'restmachine/testing'
import { vi } from 'vitest'
import { FRONT_DOORS } from '../../drivers/drivers.js'
import { fetchThrough } from '../../support/driver-fetch.js'

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
  const { throughLambda } = await import('restmachine/testing')
  const handler = toLambdaHandler(app, { stopOnSigterm: false })
  const driver = throughLambda(handler, door)
  return {
    door,
    url: 'http://localhost',
    fetch: fetchThrough(driver),
    server: undefined,
    close: () => handler.stop(),
  }
}
