import { RestApplication } from 'restmachine'
import { type RunningServer, serve, serveStatic } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentOf, rawRequest, statusOf } from '../../support/http.js'
import { type StaticTree, writeStaticTree } from './static-tree.js'

// Raw sockets: a client library would normalise `..` and encodings before the server saw them.
const ATTEMPTS = [
  '/assets/../secret.txt',
  '/assets/../public-secret/secret.txt',
  '/assets/docs/../../secret.txt',
  '/assets/./../secret.txt',
  '/assets/%2e%2e/secret.txt',
  '/assets/%2E%2E/secret.txt',
  '/assets/.%2e/secret.txt',
  '/assets/%2e./secret.txt',
  '/assets/..%2fsecret.txt',
  '/assets/..%2Fsecret.txt',
  '/assets/%2e%2e%2fsecret.txt',
  '/assets/docs%2f..%2f..%2fsecret.txt',
  '/assets/..%5csecret.txt',
  '/assets/..%5Csecret.txt',
  '/assets/..\\secret.txt',
  '/assets/docs\\..\\..\\secret.txt',
  '/assets//etc/passwd',
  '/assets/%2fetc%2fpasswd',
  '/assets/%2Fetc/passwd',
  '/assets/hello.txt%00.png',
  '/assets/%00',
  '/assets/..%00/secret.txt',
  '/assets/link-out.txt',
  '/assets/dir-out/secret.txt',
  '/assets/%252e%252e/secret.txt',
  '/assets/.env',
  '/assets/%2eenv',
]

describe('serveStatic refuses traversal in every form with 404 (raw sockets)', () => {
  let tree: StaticTree
  let server: RunningServer

  beforeAll(async () => {
    tree = writeStaticTree()
    const app = new RestApplication()
    serveStatic(app, '/assets', { root: tree.root })
    server = await serve(app, { port: 0, handleSignals: false })
  })
  afterAll(async () => {
    await server.close()
    tree.remove()
  })

  it('serves a plain file over the same raw socket (the attempts are refused for their path alone)', async () => {
    const raw = await rawRequest(
      server.port,
      'GET /assets/hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    )
    expect(statusOf(raw)).toBe(200)
    expect(contentOf(raw)).toBe(tree.text)
  })

  it.each(ATTEMPTS)('answers 404 to %s and sends nothing from outside the root', async (target) => {
    const raw = await rawRequest(
      server.port,
      `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    )
    expect(statusOf(raw)).toBe(404)
    expect(raw).not.toContain('SECRET')
    expect(raw).not.toContain('root:')
    expect(raw).not.toContain('hunter2')
  })

  it('answers 404 to an absolute-form target that climbs out of the root', async () => {
    const raw = await rawRequest(
      server.port,
      'GET http://x/assets/../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    )
    expect(statusOf(raw)).toBe(404)
    expect(raw).not.toContain('SECRET')
  })
})
