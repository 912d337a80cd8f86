import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

/**
 * A Lua script that Redis runs atomically, sent by its SHA-1 (`EVALSHA`) and, the first time a
 * server has not seen it (a fresh or restarted Redis answers `NOSCRIPT`), by its source (`EVAL`).
 * A `NOSCRIPT` reply means the script did not run, so the fallback can never run it twice.
 *
 * @example
 * const take = new RedisScript("local v = redis.call('GET', KEYS[1]) if v then redis.call('DEL', KEYS[1]) end return v")
 * const value = await take.run(client, ['rm:token'], [])
 */
export class RedisScript {
  /** The Lua source. */
  readonly source: string
  /** The SHA-1 Redis knows the script by. */
  readonly sha: string

  constructor(source: string) {
    this.source = source
    this.sha = createHash('sha1').update(source).digest('hex')
  }

  /** Runs the script with these `KEYS` and `ARGV`. */
  async run(client: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args)
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error
      return await client.eval(this.source, keys.length, ...keys, ...args)
    }
  }
}
