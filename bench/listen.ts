/**
 * Where a bench server listens and the line it prints once it does. No imports: the scale servers
 * load only this, so their start-up time is the framework's, not the fixtures' (bench/scenarios.ts
 * loads jose, pino and zod, ~170 ms, which neither scale server uses).
 */

export const DEFAULT_PORT = 3000
export const DEFAULT_HOST = '127.0.0.1'

/** Port and host a server listens on: `PORT` / `HOST` from the environment. */
export function listenOptions(): { port: number; host: string } {
  const port = Number(process.env.PORT ?? DEFAULT_PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad PORT: ${process.env.PORT}`)
  return { port, host: process.env.HOST ?? DEFAULT_HOST }
}

/** The line every server prints on stdout once it accepts connections; the harness waits for it. */
export const readyLine = (port: number): string => `listening on ${port}`
