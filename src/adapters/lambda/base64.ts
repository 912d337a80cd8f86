// Web-standard base64 (atob/btoa work on "binary strings", one char per byte), so the adapter
// runs without Node's Buffer. Chunked so large bodies never hit the argument-count limit.
const CHUNK = 0x8000

/**
 * Decodes base64 (padding optional, whitespace ignored) into bytes.
 *
 * @example
 * decodeBase64('aGk=') // Uint8Array [104, 105]
 */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/[\s]/g, ''))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/**
 * Encodes bytes as standard base64 with padding (RFC 4648 §4), as AWS front doors expect.
 *
 * @example
 * encodeBase64(new Uint8Array([104, 105])) // 'aGk='
 */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  }
  return btoa(binary)
}
