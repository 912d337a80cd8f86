import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from './pack.js'

// restmachine/auth on workerd (miniflare runs the real runtime): it imports, JWTs work, and password
// hashing — whose argon2 needs native bindings that workerd cannot load — says so and names the
// Web-standard alternative. Bundled from the repository, where @node-rs/argon2 is installed: the
// build must not try to pack its native binary.
describe('restmachine/auth on workerd', () => {
  let worker: Miniflare

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [`${ROOT}test/package/password-worker.ts`],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['module', 'main'],
      alias: { 'restmachine/auth': `${ROOT}src/entries/auth.ts` },
      logLevel: 'silent',
    })
    worker = new Miniflare({
      // Listed explicitly, as wrangler does for a bundle, so miniflare does not trace its imports.
      modules: [{ type: 'ESModule', path: 'worker.mjs', contents: bundle.outputFiles[0]?.text ?? '' }],
      compatibilityDate: '2026-04-01',
    })
    await worker.ready
  }, 60_000)
  afterAll(async () => {
    await worker?.dispose()
  })

  it('signs and verifies a JWT with jose bundled in', async () => {
    const response = await worker.dispatchFetch('http://localhost/jwt')
    expect(await response.json()).toEqual({ role: 'worker', sub: 'worker-1' })
  })

  it('says that the runtime lacks argon2’s native bindings and names PBKDF2 through crypto.subtle', async () => {
    const response = await worker.dispatchFetch('http://localhost/hash')
    expect(response.status).toBe(500)
    const { error } = (await response.json()) as { error: string }
    expect(error).toMatch(
      /^restmachine\/auth: passwordHasher cannot load "@node-rs\/argon2": this runtime lacks the native bindings/,
    )
    expect(error).toContain('PBKDF2-HMAC-SHA256 through crypto.subtle.deriveBits')
  })
})
