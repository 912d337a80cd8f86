import { negotiateMediaType } from '../http/accept.js'
import { negotiateCharset } from '../http/accept-charset.js'
import { negotiateLanguage } from '../http/accept-language.js'
import type { Exchange } from './exchange.js'

// Content negotiation, nodes C3–E6 of the webmachine v3 diagram (RFC 9110 §12.5). Each node
// records the request header it consulted in `vary` when the answer could differ by it.

function varies(x: Exchange, field: string): void {
  if (x.vary === undefined) x.vary = [field]
  else if (!x.vary.includes(field)) x.vary.push(field)
}

/** C4 "Acceptable media type?" — q-values, ranges, ties to server order (RFC 9110 §12.5.1 → 406). */
export function c4AcceptableMediaType(x: Exchange): boolean {
  const offered = x.plan?.negotiation.mediaTypes ?? []
  if (offered.length > 1) varies(x, 'Accept')
  const accept = x.request.headers.get('accept')
  const chosen = accept === null ? offered[0] : negotiateMediaType(accept, offered)
  if (chosen === null || chosen === undefined) return false
  x.mediaType = chosen
  return true
}

/** D5 "Acceptable language?" (RFC 9110 §12.5.4 → 406). */
export function d5AcceptableLanguage(x: Exchange): boolean {
  const offered = x.plan?.negotiation.languages ?? []
  if (offered.length > 1) varies(x, 'Accept-Language')
  const header = x.request.headers.get('accept-language')
  const chosen = header === null ? offered[0] : negotiateLanguage(header, offered)
  if (chosen === null || chosen === undefined) return false
  x.language = chosen
  return true
}

/** E6 "Acceptable charset?" (RFC 9110 §12.5.2 → 406). */
export function e6AcceptableCharset(x: Exchange): boolean {
  const offered = x.plan?.negotiation.charsets ?? []
  if (offered.length > 1) varies(x, 'Accept-Charset')
  const header = x.request.headers.get('accept-charset')
  const chosen = header === null ? offered[0] : negotiateCharset(header, offered)
  if (chosen === null || chosen === undefined) return false
  x.charset = chosen
  return true
}
