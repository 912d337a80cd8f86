/**
 * A strong entity tag (RFC 9110 §8.8.3) from a file's content: the first 128 bits of its SHA-256
 * (Web Crypto, so every runtime has it), base64url. Two contents share a tag only if they are the
 * same bytes, which is what "strong" promises (§8.8.1).
 *
 * @example
 * await strongEntityTag('body { margin: 0 }') // '"0kY3…"'
 */
export async function strongEntityTag(content: Uint8Array | string): Promise<string> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
  let binary = ''
  for (let i = 0; i < 16; i++) binary += String.fromCharCode(digest[i] as number)
  // base64url without padding: etagc excludes only DQUOTE, but these characters need no escaping anywhere.
  return `"${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}"`
}
