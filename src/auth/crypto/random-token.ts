/**
 * Random identifiers and SHA-256 digests from Web Crypto only (`crypto.getRandomValues`,
 * `crypto.subtle`), so they run on every Fetch-API runtime.
 */

/**
 * Encodes bytes as base64url without padding (RFC 4648 §5).
 *
 * @example
 * toBase64Url(new Uint8Array([251, 255])) // '-_8'
 */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * A cryptographically random, URL- and cookie-safe identifier of `bytes` random bytes
 * (default 32 = 256 bits; OWASP asks session ids for at least 64 bits of entropy, the issue 128).
 *
 * @example
 * randomToken() // 'kX3…' (43 characters)
 */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 16) throw new RangeError('randomToken needs at least 16 bytes')
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)))
}

/**
 * Whether a string looks like a {@link randomToken} of `bytes` bytes (exact length, base64url).
 *
 * @example
 * isRandomToken(cookies.session_id ?? '') // false for garbage, before any store lookup
 */
export function isRandomToken(value: string, bytes = 32): boolean {
  return value.length === Math.ceil((bytes * 4) / 3) && /^[A-Za-z0-9_-]+$/.test(value)
}

const encoder = new TextEncoder()

/**
 * The SHA-256 digest of a string's UTF-8 bytes (or of bytes), as raw bytes.
 *
 * @example
 * await sha256('abc') // Uint8Array(32) [186, 120, …]
 */
export async function sha256(input: string | Uint8Array): Promise<Uint8Array> {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
}

/**
 * The SHA-256 digest of a string as base64url: how secrets (session ids, opaque tokens, API keys)
 * are stored, so a leaked store does not hand out live credentials.
 *
 * @example
 * await sha256Base64Url('key_12345') // 'Jc2P…'
 */
export async function sha256Base64Url(input: string): Promise<string> {
  return toBase64Url(await sha256(input))
}
