import type { RequestHeaders } from '../../http/index.js'
import { invalidToken } from '../errors.js'
import { singleHeader } from './single-header.js'

/**
 * Options of {@link readBearerToken}.
 *
 * @example
 * readBearerToken(headers, { maxLength: 4096, realm: 'api' })
 */
export interface ReadBearerOptions {
  /** Longest token accepted, in characters (default 8192); longer → 401 `invalid_token`. */
  maxLength?: number
  /** The `realm` sent in challenges. */
  realm?: string
}

// RFC 9110 §11.4: token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/
const DEFAULT_MAX_LENGTH = 8192

/**
 * Reads an RFC 6750 §2.1 bearer token from the `Authorization` field.
 *
 * - no field, or another scheme (`Basic …`), or `Bearer` with nothing after it → `null`
 *   (the caller answers 401 with a plain `Bearer` challenge, RFC 6750 §3.1);
 * - two fields or a comma-separated list → 400 `invalid_request` (ambiguous credentials);
 * - a token that is not token68, or longer than `maxLength` → 401 `invalid_token`.
 * The scheme is matched case-insensitively (RFC 9110 §11.1).
 *
 * @example
 * const token = readBearerToken(headers) // 'eyJhbGciOi…' or null
 */
export function readBearerToken(headers: RequestHeaders, options: ReadBearerOptions = {}): string | null {
  const value = singleHeader(headers, 'authorization', 'Bearer')
  if (value === null) return null
  const space = value.indexOf(' ')
  const scheme = space === -1 ? value : value.slice(0, space)
  if (scheme.toLowerCase() !== 'bearer') return null
  const token = space === -1 ? '' : value.slice(space + 1).trim()
  if (token === '') return null
  if (token.length > (options.maxLength ?? DEFAULT_MAX_LENGTH)) {
    throw invalidToken('Token too long', 'Bearer', options.realm)
  }
  if (!TOKEN68.test(token)) throw invalidToken('Malformed token', 'Bearer', options.realm)
  return token
}
