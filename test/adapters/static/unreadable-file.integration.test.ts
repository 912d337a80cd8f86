import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { RestApplication } from 'restmachine'
import { type RunningServer, type StaticFileHost, serve, serveStatic } from 'restmachine/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { get } from './raw-get.js'

type Handler = (context: Record<string, unknown>) => unknown

/**
 * The real application, registered through a host that runs `between` after the resource's stat
 * (G7) and before serveStatic's handler: the file changes on disk in the one window the race has.
 */
function hostWithAWindow(app: RestApplication, between: () => Promise<void>): StaticFileHost {
  const host = app as unknown as StaticFileHost & {
    get(path: string, handler: Handler, options: never): unknown
  }
  return {
    resourceExists: (name, fn, options) => host.resourceExists(name, fn, options),
    get: (path, handler, options) =>
      host.get(
        path,
        async (context) => {
          await between()
          return (handler as unknown as Handler)(context)
        },
        options as never,
      ),
    settings: host.settings,
  }
}

describe('serveStatic when the file cannot be read after its stat', () => {
  const root = mkdtempSync(join(tmpdir(), 'restmachine-unreadable-'))
  const file = join(root, 'page.txt')
  const lines: Record<string, unknown>[] = []
  let change: () => Promise<void> = async () => {}
  let server: RunningServer
  let socket: Server | undefined

  beforeAll(async () => {
    const logger = pino({}, { write: (line: string) => lines.push(JSON.parse(line)) })
    const app = new RestApplication({ logger })
    serveStatic(
      hostWithAWindow(app, () => change()),
      '/files',
      { root },
    )
    server = await serve(app, { port: 0, handleSignals: false })
  })
  afterAll(async () => {
    await server.close()
    socket?.close()
    rmSync(root, { recursive: true, force: true })
  })
  beforeEach(() => {
    rmSync(file, { recursive: true, force: true })
    writeFileSync(file, 'the page\n')
    change = async () => {}
    lines.length = 0
  })

  it('answers 404, not a broken 200, for a file removed between its stat and its opening', async () => {
    change = async () => rmSync(file)
    const response = await get(`${server.url}/files/page.txt`)
    expect(response.status).toBe(404)
    expect(response.headers['content-type']).toBe('application/json')
    expect(JSON.parse(response.body.toString())).toMatchObject({ error: 'Not Found' })
  })

  it('answers 404 for a file replaced by a directory, to HEAD as to GET', async () => {
    change = async () => {
      rmSync(file)
      mkdirSync(file)
    }
    expect((await get(`${server.url}/files/page.txt`)).status).toBe(404)
    rmSync(file, { recursive: true })
    writeFileSync(file, 'the page\n')
    const head = await get(`${server.url}/files/page.txt`, {}, 'HEAD')
    expect(head.status).toBe(404)
  })

  it('answers the standard logged 500 for a file that cannot be opened (a socket now: ENXIO)', async () => {
    change = async () => {
      rmSync(file)
      socket = createServer()
      await new Promise<void>((resolve) => socket?.listen(file, resolve))
    }
    const response = await get(`${server.url}/files/page.txt`)
    expect(response.status).toBe(500)
    const body = JSON.parse(response.body.toString()) as Record<string, unknown>
    expect(body).toEqual({
      error: 'Internal Server Error',
      message: 'An unexpected error occurred',
      request_id: response.headers['x-request-id'],
    })
    const failure = lines.find((line) => line.level === 50)
    expect(failure?.err).toMatchObject({ code: 'ENXIO' })
    await new Promise((resolve) => socket?.close(resolve))
    socket = undefined
  })

  it('still sends the file, whole and by range, when nothing changes', async () => {
    const whole = await get(`${server.url}/files/page.txt`)
    expect(whole.status).toBe(200)
    expect(whole.body.toString()).toBe('the page\n')
    const range = await get(`${server.url}/files/page.txt`, { range: 'bytes=4-7' })
    expect(range.status).toBe(206)
    expect(range.body.toString()).toBe('page')
    const ranges = await get(`${server.url}/files/page.txt`, { range: 'bytes=0-2,4-7' })
    expect(ranges.status).toBe(206)
    expect(ranges.body.toString()).toContain('the')
    expect(ranges.body.toString()).toContain('page')
  })
})
