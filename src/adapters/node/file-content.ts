import type { FileHandle } from 'node:fs/promises'
import { open } from 'node:fs/promises'
import type { SliceableContent } from '../../http/index.js'

// 64 KiB reads: few system calls, and at most a few of them in memory per response (back-pressure).
const CHUNK = 64 * 1024
// An opened file nobody reads (a HEAD, a 416, a response replaced, a client gone before the body)
// is closed after this long; reading starts as soon as the adapter writes the response.
const UNREAD_TIMEOUT_MS = 30_000

/**
 * A file's content as {@link SliceableContent}, each range read at its offset in 64 KiB chunks with
 * back-pressure, so memory stays flat whatever the file's size. Given the file already `opened`
 * (serveStatic opens it before the status is committed), the first read uses that descriptor and
 * closes it when done; a later read (the next range of a multipart answer) opens the path again,
 * as does every read without it. A file that shrank since its stat fails the read (the response
 * was promised `size` bytes), and one that grew is read to `size`.
 *
 * @example
 * const content = fileContent('/srv/public/video.mp4', 104_857_600)
 * for await (const chunk of content.read(0, 1023)) socket.write(chunk)
 */
export function fileContent(path: string, size: number, opened?: FileHandle): SliceableContent {
  let handle = opened
  const timer = handle === undefined ? undefined : setTimeout(() => release(), UNREAD_TIMEOUT_MS)
  timer?.unref()
  const release = (): void => {
    clearTimeout(timer)
    handle?.close().catch(() => {})
    handle = undefined
  }
  const take = (): FileHandle | undefined => {
    const taken = handle
    clearTimeout(timer)
    handle = undefined
    return taken
  }
  return {
    byteLength: size,
    read: (start, end) => readRange(path, start, end, take),
    [Symbol.asyncIterator]: () => readRange(path, 0, size - 1, take)[Symbol.asyncIterator](),
  }
}

async function* readRange(
  path: string,
  start: number,
  end: number,
  take: () => FileHandle | undefined,
): AsyncGenerator<Uint8Array> {
  const taken = take()
  if (end < start) {
    await taken?.close()
    return
  }
  const handle = taken ?? (await open(path, 'r'))
  try {
    for (let position = start; position <= end; ) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, end - position + 1))
      const { bytesRead } = await handle.read(chunk, 0, chunk.byteLength, position)
      if (bytesRead === 0) throw new Error(`${path} changed while it was read`)
      position += bytesRead
      yield bytesRead === chunk.byteLength ? chunk : chunk.subarray(0, bytesRead)
    }
  } finally {
    await handle.close()
  }
}
