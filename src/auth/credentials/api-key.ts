import { Unauthorized } from '../../errors/index.js'
import type { AuthContext } from '../context.js'
import { CredentialsMissing, challenge } from '../errors.js'
import { secretLookup } from './secret-lookup.js'
import { singleHeader } from './single-header.js'

/**
 * Options of {@link apiKey}.
 *
 * @example
 * const options: ApiKeyOptions<{ name: string }> = { header: 'x-api-key', keys: { key_12345: { name: 'Alice' } } }
 */
export interface ApiKeyOptions<U> {
  /** The header carrying the key (default `x-api-key`). */
  header?: string
  /** Known keys and whom they belong to; compared in constant time (see `secretLookup`). */
  keys?: Readonly<Record<string, U>> | ReadonlyMap<string, U>
  /**
   * Or: your own check, for keys kept in a database. Store keys as `sha256Base64Url(key)` and look
   * the digest up, so the lookup's timing and a leaked table reveal nothing usable.
   */
  verify?: (key: string) => U | null | undefined | Promise<U | null | undefined>
  /** 401 message without a key (default `API key required`). */
  missingMessage?: string
  /** 401 message for an unknown key (default `Invalid API key`). */
  invalidMessage?: string
  /** Longest key accepted (default 256 characters). */
  maxLength?: number
}

/**
 * A dependency that authenticates by API key: 401 `API key required` without the header, 401
 * `Invalid API key` for an unknown one, 400 when the header is sent twice. Keys are compared in
 * constant time. The challenge names the scheme and header: `ApiKey header="x-api-key"`.
 *
 * @example
 * app.authorized('currentUser', apiKey({ keys: { key_12345: { user_id: '1', name: 'Alice' } } }))
 * app.get('/protected', ({ currentUser }) => ({ message: `Hello, ${currentUser.name}!` }))
 */
export function apiKey<U>(
  options: ApiKeyOptions<U>,
): ({ headers }: Pick<AuthContext, 'headers'>) => Promise<U> {
  const header = (options.header ?? 'x-api-key').toLowerCase()
  const scheme = 'ApiKey'
  const missing = challenge(scheme, { header })
  const lookup = options.keys !== undefined ? secretLookup(options.keys) : undefined
  const verify = options.verify
  if ((lookup === undefined) === (verify === undefined)) {
    throw new TypeError('apiKey: give exactly one of `keys` or `verify`')
  }
  const maxLength = options.maxLength ?? 256
  const invalidMessage = options.invalidMessage ?? 'Invalid API key'
  const invalid = challenge(scheme, { header, error: 'invalid_token' })
  const refuse = () => new Unauthorized(invalidMessage, { challenge: invalid, code: 'invalid_token' })
  return async ({ headers }) => {
    const key = singleHeader(headers, header, scheme)
    if (key === null || key === '') {
      throw new CredentialsMissing(options.missingMessage ?? 'API key required', missing)
    }
    if (key.length > maxLength) throw refuse()
    const user = lookup !== undefined ? await lookup(key) : await verify?.(key)
    if (user === null || user === undefined) throw refuse()
    return user
  }
}
