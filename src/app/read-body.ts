import { ContentTooLarge } from '../errors/index.js'

/**
 * Collects a stream of chunks into one buffer, refusing with 413 as soon as it grows past `limit`
 * (RFC 9110 §15.5.14) — the rest is never read or buffered.
 *
 * @example
 * const bytes = await readLimited(request.body, 1024 * 1024)
 */
export async function readLimited(
  chunks: AsyncIterable<Uint8Array | string> | null | undefined,
  limit: number,
): Promise<Uint8Array> {
  if (chunks === null || chunks === undefined) return new Uint8Array(0)
  const parts: Uint8Array[] = []
  let size = 0
  const encoder = new TextEncoder()
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk
    size += bytes.byteLength
    if (size > limit) throw new ContentTooLarge(`Request body exceeds the limit of ${limit} bytes`)
    parts.push(bytes)
  }
  return concat(parts, size)
}

/** Joins chunks into one `Uint8Array`. @internal */
export function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array
  const out = new Uint8Array(size)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.byteLength
  }
  return out
}
