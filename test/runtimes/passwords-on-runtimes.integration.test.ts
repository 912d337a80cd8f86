import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendRaw } from './raw-client.js'
import { BUN, bundle, bundleFolder, DENO, runToEnd, startWorkerd } from './runtime-servers.js'

// What docs/deploy.md says about password hashing per runtime, checked on the real runtimes:
// passwordHasher() needs @node-rs/argon2, a native addon, which no bundle can hold: it is marked
// external, and the bundle is written to the checkout's git-ignored tmp/ so the runtime finds it in
// node_modules.
describe('passwordHasher (argon2id through @node-rs/argon2) on the Fetch-API runtimes', () => {
  const folder = bundleFolder(true)
  let file: string

  beforeAll(async () => {
    file = join((await folder).path, 'password-check.js')
    await bundle('test/runtimes/password-check.ts', file, 'neutral', ['@node-rs/argon2'])
  }, 60_000)

  afterAll(async () => {
    await (await folder).remove()
  })

  const lastLine = (output: string) => JSON.parse(output.trim().split('\n').at(-1) ?? '{}')

  it('hashes and verifies on Bun, which loads the native addon as Node does', async () => {
    const { code, output } = await runToEnd(BUN, [file])
    expect(code, output).toBe(0)
    expect(lastLine(output)).toEqual({ scheme: 'argon2id', right: true, wrong: false })
  }, 120_000)

  it('hashes and verifies on Deno given --allow-ffi, --allow-read and --allow-env', async () => {
    const { code, output } = await runToEnd(DENO, ['run', '--allow-ffi', '--allow-read', '--allow-env', file])
    expect(code, output).toBe(0)
    expect(lastLine(output)).toEqual({ scheme: 'argon2id', right: true, wrong: false })
  }, 120_000)

  it('fails on Deno without --allow-ffi, with an error that names @node-rs/argon2', async () => {
    const { output } = await runToEnd(DENO, ['run', '--allow-read', '--allow-env', file])
    expect(lastLine(output).error).toMatch(/@node-rs\/argon2/)
  }, 120_000)

  it('leaves API keys and JWTs of restmachine/auth working on workerd, and names @node-rs/argon2 when a worker hashes', async () => {
    const workerFile = join((await folder).path, 'auth-worker.js')
    await bundle('test/runtimes/auth-worker.ts', workerFile, 'neutral', ['@node-rs/argon2'])
    const worker = await startWorkerd(workerFile, 'auth worker')
    try {
      const me = await sendRaw(worker.url, 'GET', '/me', { 'x-api-key': 'key_12345' })
      expect([me.status, JSON.parse(me.body.toString())]).toEqual([200, { name: 'Alice' }])
      expect((await sendRaw(worker.url, 'GET', '/me')).status).toBe(401)
      const { token } = JSON.parse((await sendRaw(worker.url, 'GET', '/token')).body.toString())
      const whoami = await sendRaw(worker.url, 'GET', '/whoami', { authorization: `Bearer ${token}` })
      expect([whoami.status, JSON.parse(whoami.body.toString())]).toMatchObject([
        200,
        { sub: 'bob', name: 'Bob' },
      ])
      expect(
        (await sendRaw(worker.url, 'GET', '/whoami', { authorization: `Bearer ${token}x` })).status,
      ).toBe(401)
      const hash = await sendRaw(worker.url, 'GET', '/hash')
      expect(JSON.parse(hash.body.toString()).error).toMatch(/@node-rs\/argon2/)
    } finally {
      await worker.close()
    }
  }, 180_000)
})
