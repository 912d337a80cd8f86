import type { RequestHeaders } from '../../http/index.js'
import { invalidRequest } from '../errors.js'

/**
 * The one value of a credentials header, or `null` when absent. Two field lines, or a
 * comma-separated list in one line (how proxies fold repeated fields, RFC 9110 §5.3), are
 * ambiguous → 400: credentials are never "first one wins", because a proxy and the application
 * could disagree about which one counts.
 *
 * @example
 * const key = singleHeader(headers, 'x-api-key', 'ApiKey')
 */
export function singleHeader(headers: RequestHeaders, name: string, scheme: string): string | null {
  const lines = headers.getAll(name)
  if (lines.length === 0) return null
  if (lines.length > 1 || (lines[0] as string).includes(',')) {
    throw invalidRequest(`Ambiguous credentials: more than one ${name} value`, scheme)
  }
  return (lines[0] as string).trim()
}
