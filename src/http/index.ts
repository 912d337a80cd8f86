/**
 * The `http` room: pure RFC 9110 / RFC 6265 helpers for headers, media types and content
 * negotiation, entity tags and dates, byte ranges and cookies. Web-standard APIs only, no
 * dependencies; parsers never throw on client input, formatters throw on programmer mistakes.
 */

export { type MediaRange, mediaTypeQuality, negotiateMediaType, parseAccept } from './accept.js'
export { negotiateCharset, tokenQuality } from './accept-charset.js'
export { negotiateEncoding } from './accept-encoding.js'
export { languageQuality, negotiateLanguage } from './accept-language.js'
export {
  type ByteRange,
  coalesceRanges,
  formatContentRange,
  formatUnsatisfiedContentRange,
  type ParseRangeOptions,
  parseRange,
  type RangeResult,
} from './byte-range.js'
export {
  CONTENT_CODINGS,
  type CompressionPolicy,
  type ContentCodingName,
  type ContentEncoder,
  isCompressibleMediaType,
  worthCompressing,
} from './content-coding.js'
export { type ParseCookieOptions, parseCookieHeader } from './cookie.js'
export {
  type CorsOptions,
  isPreflight,
  preflightHeaders,
  responseHeaders,
  validateCorsOptions,
} from './cors.js'
export { discardContent } from './discard-content.js'
export { encodedEntityTag, matchedForm } from './encoded-entity-tag.js'
export {
  type EntityTag,
  type EntityTagComparison,
  formatEntityTag,
  matchesAny,
  parseEntityTag,
  parseEntityTagList,
  strongCompare,
  weakCompare,
} from './entity-tag.js'
export {
  dropUnsendableFields,
  isFieldName,
  isFieldValue,
  SendableStrings,
  unsendableField,
} from './field-syntax.js'
export { formatHttpDate, isModifiedSince, parseHttpDate, toWholeSeconds } from './http-date.js'
export { type CurrentValidators, ifRangeMatches } from './if-range.js'
export { isToken } from './lexer.js'
export {
  formatMediaType,
  isJsonMediaType,
  type MediaType,
  mediaTypeMatches,
  parseMediaType,
} from './media-type.js'
export { malformedRequest } from './message-checks.js'
export {
  buildMultipartByteRanges,
  type MultipartByteRanges,
  type MultipartByteRangesLayout,
  multipartByteRangesLayout,
} from './multipart-byteranges.js'
export { RequestHeaders } from './request-headers.js'
export {
  DEFAULT_REQUEST_ID_HEADER,
  isAcceptableRequestId,
  MAX_REQUEST_ID_LENGTH,
  type RequestIdPolicy,
  type RequestIdTrust,
  requestIdOf,
} from './request-id.js'
export { ResponseHeaderBag } from './response-header-bag.js'
export { type BodyReader, RestRequest, type RestRequestInit } from './rest-request.js'
export { type ResponseBody, type ResponseHeaders, RestResponse } from './rest-response.js'
export { createNonce, type SecurityHeadersOptions, securityHeaders, usesNonce } from './security-headers.js'
export { type CookieOptions, serializeCookie } from './set-cookie.js'
export { isSliceableContent, type SliceableContent } from './sliceable-content.js'
export { isBodylessStatus, reasonPhrase } from './status-codes.js'
export { appendVary } from './vary.js'
export { webEncoder } from './web-encoder.js'
export { parseQValue, parseWeightedList, type WeightedValue } from './weighted-list.js'
