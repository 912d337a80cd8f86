/**
 * ioredis, an optional peer of `restmachine/redis`: loaded when that entry is imported, so that a
 * missing install fails there with the command that fixes it rather than a bare "Cannot find
 * package" from deep inside the library.
 */
import type { Redis as RedisClient } from 'ioredis'

async function loadIoredis(): Promise<typeof RedisClient> {
  try {
    return (await import('ioredis')).Redis
  } catch (error) {
    throw new Error(
      'restmachine/redis needs the optional peer "ioredis", which is not installed — npm install ioredis',
      { cause: error },
    )
  }
}

/**
 * The ioredis client class.
 *
 * @example
 * const client = new Redis('redis://127.0.0.1:6379')
 */
export const Redis: typeof RedisClient = await loadIoredis()
