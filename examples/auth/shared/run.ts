import { pathToFileURL } from 'node:url'
import { type ServableApp, serve } from 'restmachine/node'

/**
 * Serves the app when its module is the one `tsx` was asked to run (`PORT`, `HOST`), and does
 * nothing when a test imports it.
 *
 * @example
 * await runIfMain(import.meta.url, 'jwt', () => createApp(settingsFromEnvironment()))
 */
export async function runIfMain(moduleUrl: string, name: string, create: () => ServableApp): Promise<void> {
  const entry = process.argv[1]
  if (entry === undefined || moduleUrl !== pathToFileURL(entry).href) return
  const server = await serve(create(), {
    port: Number(process.env.PORT ?? 8000),
    hostname: process.env.HOST ?? '127.0.0.1',
  })
  console.log(`${name} example listening on ${server.url}`)
}
