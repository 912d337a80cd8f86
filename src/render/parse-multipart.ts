import { BadRequest, ContentTooLarge } from '../errors/status-errors.js'
import type { BodyParser } from './body-parsers.js'
import { parseContentType } from './parse-content-type.js'
import type { FormFields } from './parse-urlencoded.js'

/**
 * A file part of `multipart/form-data` content (RFC 7578 §4.2).
 *
 * @example
 * const [avatar] = (await parseMultipart(bytes, contentType)).files
 * if (avatar?.type === 'image/png') await store(avatar.filename, await avatar.bytes())
 */
export interface UploadedFile {
  /** The form field name the file was sent under. */
  readonly field: string
  /**
   * The client's file name with any directory part removed (RFC 7578 §4.2: a receiver must not trust
   * it as a path). Still untrusted: never build a file-system path from it unchecked.
   */
  readonly filename: string
  /** The part's media type as sent; `text/plain` when absent (RFC 7578 §4.4). Untrusted. */
  readonly type: string
  /** Size in bytes. */
  readonly size: number
  /** The content. */
  bytes(): Promise<Uint8Array>
  /** The content decoded as UTF-8. */
  text(): Promise<string>
}

/**
 * Parsed `multipart/form-data` content.
 *
 * @example
 * const { fields, files }: MultipartBody = await parseMultipart(bytes, contentType)
 */
export interface MultipartBody {
  /** Text fields, like {@link FormFields}: arrays for repeated names, null prototype. */
  readonly fields: FormFields
  /** File parts, in the order they were sent. */
  readonly files: readonly UploadedFile[]
}

/**
 * Limits of {@link multipartBodyParser}; each one exceeded → 413.
 *
 * @example
 * const limits: MultipartOptions = { maxFiles: 1, maxFileSize: 2 * 1024 * 1024, maxFields: 20 }
 */
export interface MultipartOptions {
  /** The most file parts accepted. Default 10. */
  maxFiles?: number
  /** The largest file accepted, in bytes. Default: no limit beyond the route's content limit. */
  maxFileSize?: number
  /** The most text fields accepted. Default 1000. */
  maxFields?: number
}

// RFC 2046 §5.1.1: boundary := 0*69<bchars> bcharsnospace.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/

/**
 * Parses `multipart/form-data` content (RFC 7578) with the runtime's own parser (the Fetch standard's
 * `Response.formData()`, present in Node, Deno, Bun and workers). The content is already in memory,
 * bounded by the route's content limit, so the limits here are about shape: too many files or fields,
 * or a file too large → 413. A missing or invalid boundary, or content that does not parse → 400.
 * A file input left empty by the browser (no file name, no bytes) is skipped.
 *
 * @example
 * const { fields, files } = await parseMultipart(bytes, 'multipart/form-data; boundary=x', { maxFiles: 1 })
 * const avatar = await files[0]?.bytes()
 */
export async function parseMultipart(
  bytes: Uint8Array,
  contentType: string,
  options: MultipartOptions = {},
): Promise<MultipartBody> {
  const boundary = parseContentType(contentType).params.boundary
  if (boundary === undefined) {
    throw new BadRequest('multipart/form-data content needs a boundary parameter (RFC 7578 §4.1)')
  }
  if (!BOUNDARY.test(boundary)) throw new BadRequest('The multipart boundary is invalid (RFC 2046 §5.1.1)')
  const fields: FormFields = Object.create(null)
  const files: UploadedFile[] = []
  if (isEmptyMultipart(bytes, boundary)) return { fields, files }
  const form = await readFormData(bytes, boundary)
  const { maxFiles = 10, maxFields = 1000, maxFileSize = Number.POSITIVE_INFINITY } = options
  let fieldCount = 0
  for (const [name, value] of form) {
    if (typeof value === 'string') {
      if (++fieldCount > maxFields)
        throw new ContentTooLarge(`Form content has more than ${maxFields} fields`)
      const existing = fields[name]
      if (existing === undefined) fields[name] = value
      else if (typeof existing === 'string') fields[name] = [existing, value]
      else existing.push(value)
      continue
    }
    if (value.name === '' && value.size === 0) continue // an <input type=file> with nothing chosen
    if (files.length === maxFiles) throw new ContentTooLarge(`Form content has more than ${maxFiles} files`)
    if (value.size > maxFileSize) {
      throw new ContentTooLarge(`A file in the form content exceeds the limit of ${maxFileSize} bytes`)
    }
    files.push(uploadedFile(name, value))
  }
  return { fields, files }
}

async function readFormData(bytes: Uint8Array, boundary: string): Promise<FormData> {
  const headers = { 'content-type': `multipart/form-data; boundary="${boundary}"` }
  try {
    return await new Response(bytes as Uint8Array<ArrayBuffer>, { headers }).formData()
  } catch {
    // The runtime's TypeError says nothing useful and could, in some runtimes, quote the content.
    throw new BadRequest('Request body is not valid multipart/form-data')
  }
}

// RFC 2046 §5.1.1 allows a body with no parts ("--boundary--"), which some runtimes refuse to parse.
function isEmptyMultipart(bytes: Uint8Array, boundary: string): boolean {
  const closing = '--' + boundary + '--'
  if (bytes.byteLength < closing.length || bytes.byteLength > closing.length + 2) return false
  for (let i = 0; i < closing.length; i++) if (bytes[i] !== closing.charCodeAt(i)) return false
  const rest = bytes.byteLength - closing.length
  return rest === 0 || (rest === 2 && bytes[closing.length] === 0x0d && bytes[closing.length + 1] === 0x0a)
}

function uploadedFile(field: string, file: File): UploadedFile {
  const slash = Math.max(file.name.lastIndexOf('/'), file.name.lastIndexOf('\\'))
  return {
    field,
    filename: file.name.slice(slash + 1),
    type: file.type || 'text/plain',
    size: file.size,
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
    text: () => file.text(),
  }
}

/**
 * A body parser for `multipart/form-data` that yields a {@link MultipartBody}; see
 * {@link parseMultipart}.
 *
 * @example
 * const parser = multipartBodyParser({ maxFiles: 1, maxFileSize: 5 * 1024 * 1024 })
 * const { files } = (await parser.parse(bytes, contentType)) as MultipartBody
 */
export function multipartBodyParser(options: MultipartOptions = {}): BodyParser {
  return {
    mediaTypes: ['multipart/form-data'],
    parse: (bytes, contentType) => parseMultipart(bytes, contentType, options),
  }
}
