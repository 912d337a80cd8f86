import { createReadStream } from 'node:fs'
import type { SliceableContent } from '../../http/index.js'

// 64 KiB reads: few system calls, and at most a few of them in memory per response (back-pressure).
const CHUNK = 64 * 1024

/**
 * A file's content as {@link SliceableContent}: opened only when read (a HEAD, a 304 or a client
 * that went away never opens it), each range read from disk at its offset in 64 KiB chunks with
 * back-pressure, so memory stays flat whatever the file's size. A file that shrank since its stat
 * fails the read (the response was promised `size` bytes), and one that grew is read to `size`.
 *
 * @example
 * const content = fileContent('/srv/public/video.mp4', 104_857_600)
 * for await (const chunk of content.read(0, 1023)) socket.write(chunk)
 */
export function fileContent(path: string, size: number): SliceableContent {
  return {
    byteLength: size,
    read: (start, end) => readRange(path, start, end),
    [Symbol.asyncIterator]: () => readRange(path, 0, size - 1)[Symbol.asyncIterator](),
  }
}

async function* readRange(path: string, start: number, end: number): AsyncGenerator<Uint8Array> {
  if (end < start) return
  let read = 0
  for await (const chunk of createReadStream(path, { start, end, highWaterMark: CHUNK })) {
    read += (chunk as Buffer).byteLength
    yield chunk as Buffer
  }
  if (read !== end - start + 1) throw new Error(`${path} changed while it was read`)
}
