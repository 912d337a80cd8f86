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
  const [line, ...more] = headers.getAll(name)
  if (line === undefined) return null
  if (more.length > 0 || line.includes(',')) {
    throw invalidRequest(`Ambiguous credentials: more than one ${name} value`, scheme)
  }
  return line.trim()
}
