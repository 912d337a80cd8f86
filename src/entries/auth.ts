/**
 * `restmachine/auth`: authentication and authorization building blocks — API keys, bearer tokens,
 * JWT (sign, verify, remote JWK Sets), rotating refresh tokens, cookie sessions with CSRF checks,
 * argon2id passwords, RBAC and permissions, optional authentication and rate limiting — each a
 * dependency factory. State lives in a `TtlStore` (`MemoryStore`, or `RedisStore` from
 * `restmachine/redis` for several servers).
 *
 * @example
 * import { apiKey } from 'restmachine/auth'
 * app.authorized('currentUser', apiKey({ keys: { key_12345: { name: 'Alice' } } }))
 */
export * from '../auth/index.js'
