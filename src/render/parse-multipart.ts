import { BadRequest, ContentTooLarge } from '../errors/index.js'
import type { BodyParser } from './body-parsers.js'
import { type PartHead, parsePartHead } from './multipart-part-head.js'
import { MultipartReader } from './multipart-reader.js'
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
 * Limits of {@link multipartBodyParser}; each one exceeded → 413, found while reading, so parsing
 * stops there.
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
  /** The largest text field accepted, in bytes. Default 1 MiB. */
  maxFieldSize?: number
  /** The largest header section of one part, in bytes. Default 8 KiB. */
  maxPartHeaderSize?: number
}

// RFC 2046 §5.1.1: boundary := 0*69<bchars> bcharsnospace.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/
const decoder = new TextDecoder()
// A leading U+FEFF in a field value is content, not a byte-order mark to drop.
const fieldDecoder = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * Parses `multipart/form-data` content (RFC 7578, RFC 2046 §5.1) in one linear pass. The content is
 * already in memory, bounded by the route's content limit; the limits here are about shape: too
 * many files or fields (counted as they are read; every part, empty file inputs included, counts
 * towards `maxFiles + maxFields`), a file, field or part header too large → 413, at the first part
 * over the limit. A long parse yields to the event loop every few milliseconds. A missing or
 * invalid boundary, or content that does not parse → 400. A file input left empty by the browser
 * (no file name, no bytes) is skipped.
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
  const {
    maxFiles = 10,
    maxFields = 1000,
    maxFileSize = Number.POSITIVE_INFINITY,
    maxFieldSize = 1024 * 1024,
    maxPartHeaderSize = 8 * 1024,
  } = options
  const fields: FormFields = Object.create(null)
  const files: UploadedFile[] = []
  const reader = await MultipartReader.open(bytes, boundary)
  let fieldCount = 0
  let parts = 0
  while (!reader.closed) {
    if (++parts > maxFiles + maxFields) {
      throw new ContentTooLarge(`Form content has more than ${maxFiles + maxFields} parts`)
    }
    const head = parsePartHead(reader.readHeaders(maxPartHeaderSize))
    if (head.filename === undefined) {
      if (++fieldCount > maxFields)
        throw new ContentTooLarge(`Form content has more than ${maxFields} fields`)
      const value = fieldDecoder.decode(await reader.readBody(maxFieldSize))
      const existing = fields[head.name]
      if (existing === undefined) fields[head.name] = value
      else if (typeof existing === 'string') fields[head.name] = [existing, value]
      else existing.push(value)
      continue
    }
    const content = await reader.readBody(maxFileSize)
    if (head.filename === '' && content.byteLength === 0) continue // an <input type=file> with nothing chosen
    if (files.length === maxFiles) throw new ContentTooLarge(`Form content has more than ${maxFiles} files`)
    files.push(uploadedFile(head, content))
  }
  return { fields, files }
}

function uploadedFile(head: PartHead, content: Uint8Array): UploadedFile {
  const name = head.filename as string
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'))
  return {
    field: head.name,
    filename: name.slice(slash + 1),
    type: head.type || 'text/plain',
    size: content.byteLength,
    bytes: async () => content.slice(),
    text: async () => decoder.decode(content),
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
