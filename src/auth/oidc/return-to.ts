import { BadRequest } from '../../errors/index.js'

/** The longest return-to path kept (it travels in the transaction cookie). */
export const MAX_RETURN_TO = 512

const BASE = 'http://return-to.invalid'

/**
 * Checks where to send the browser after login: a path on this site only, never another origin
 * (an open redirect would let a link to the login send a signed-in user anywhere). Accepted: an
 * absolute path (`/account?tab=keys`); refused with 400: a scheme (`https://…`, `javascript:`),
 * a network-path reference (`//evil.example`, RFC 3986 §4.2), backslashes (browsers read `/\` as
 * `//`), control characters and anything over {@link MAX_RETURN_TO} characters.
 *
 * @example
 * safeReturnTo('/profile') // '/profile'
 * safeReturnTo('//evil.example') // throws BadRequest
 */
export function safeReturnTo(value: string | undefined, fallback = '/'): string {
  if (value === undefined || value === '') return fallback
  if (
    value.length > MAX_RETURN_TO ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.includes('\\') ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    /[\u0000-\u001f\u007f]/.test(value)
  ) {
    throw refused()
  }
  const url = new URL(value, BASE)
  if (url.origin !== BASE) throw refused()
  return `${url.pathname}${url.search}${url.hash}`
}

function refused(): BadRequest {
  return new BadRequest('return_to must be a path on this site, such as /account', {
    code: 'invalid_return_to',
  })
}
