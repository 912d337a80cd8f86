import { type FileHandle, open } from 'node:fs/promises'
import { NotFound, ServiceUnavailable } from '../../errors/index.js'

// The file (or a directory on its path) is gone, or its path no longer leads to a file.
const GONE = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EISDIR'])
// The process is out of file descriptors: a passing overload.
const EXHAUSTED = new Set(['EMFILE', 'ENFILE'])

/**
 * Opens a file a static route found, before its response's status is committed, so a file that
 * cannot be read is an error response rather than a 200 whose content breaks off:
 * - gone, or no longer a regular file (removed, or replaced by a directory, since its stat): 404,
 *   RFC 9110 §15.5.5 (no current representation);
 * - out of file descriptors: 503 with Retry-After, §15.6.4 (a temporary overload);
 * - anything else (EACCES, EPERM, EIO): thrown as it is, so the core logs it and answers 500,
 *   §15.6.1. Not 403 (§15.5.4): nothing the client could change would help, the cause is the
 *   server's files, and a 403 would tell the client a file exists there that it may not read.
 *
 * @example
 * const handle = await openStaticFile('/srv/public/site.css') // caller closes it (fileContent does)
 */
export async function openStaticFile(path: string): Promise<FileHandle> {
  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw openFailure(error)
  }
  try {
    // A directory opens too (O_RDONLY): only its reads fail, after the status line.
    if (!(await handle.stat()).isFile()) throw new NotFound()
    return handle
  } catch (error) {
    await handle.close()
    throw error
  }
}

function openFailure(error: unknown): unknown {
  const code = (error as { code?: unknown }).code
  if (typeof code !== 'string') return error
  if (GONE.has(code)) return new NotFound()
  if (EXHAUSTED.has(code))
    return new ServiceUnavailable('Too many files are open; try again', { retryAfter: 1 })
  return error
}
