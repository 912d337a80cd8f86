import { parseMediaType } from '../http/index.js'
import { parseJsonContent } from './parse-json.js'
import { multipartBodyParser } from './parse-multipart.js'
import { textBodyParser } from './parse-text.js'
import { urlencodedBodyParser } from './parse-urlencoded.js'

/**
 * Turns request content of some media types into a value. `parse` receives the whole content (the
 * content limit was enforced while reading it) and the request's `Content-Type` value; it throws an
 * `HttpError` (400, 413, 415…) for bad input, never a plain error, and never quotes the input back.
 *
 * @example
 * const yamlParser: BodyParser = { mediaTypes: ['application/yaml'], parse: (bytes) => parseYaml(utf8(bytes)) }
 */
export interface BodyParser {
  /**
   * The media types handled, lower-case: `type/subtype`, `type/*`, the any-type range, or `type/*+suffix` for a
   * structured syntax suffix (RFC 6838 §4.2.8), e.g. `application/*+json`.
   */
  readonly mediaTypes: readonly string[]
  /** Parses the content; may be asynchronous. */
  parse(bytes: Uint8Array, contentType: string): unknown | Promise<unknown>
}

/**
 * A body parser for `application/json` and every `+json` type (RFC 8259, RFC 6839 §3.1) built on
 * `parseJsonContent`: content must be UTF-8 (RFC 8259 §8.1; a `charset` parameter "has no effect",
 * §11), and invalid or empty JSON and prototype-polluting keys → 400.
 *
 * @example
 * await jsonBodyParser().parse(new TextEncoder().encode('{"a":1}'), 'application/json') // { a: 1 }
 */
export function jsonBodyParser(): BodyParser {
  return { mediaTypes: ['application/json', 'application/*+json'], parse: parseJsonContent }
}

/**
 * The built-in body parsers: JSON (and `+json`), URL-encoded forms, multipart forms and plain text,
 * with default limits. Frozen; spread it to add or replace parsers.
 *
 * @example
 * const parsers = [...defaultBodyParsers, yamlParser]
 */
export const defaultBodyParsers: readonly BodyParser[] = Object.freeze([
  jsonBodyParser(),
  urlencodedBodyParser(),
  multipartBodyParser(),
  textBodyParser(),
])

/**
 * Picks the first parser that handles a request's `Content-Type` (compared case-insensitively and
 * without parameters, RFC 9110 §8.3.1), or `undefined` — for a missing or malformed value too — which
 * the caller answers with 415 (RFC 9110 §15.5.16).
 *
 * @example
 * selectBodyParser(defaultBodyParsers, 'application/problem+json')?.mediaTypes // ['application/json', 'application/*+json']
 * @internal
 */
export function selectBodyParser(
  parsers: readonly BodyParser[],
  contentType: string | null | undefined,
): BodyParser | undefined {
  if (!contentType) return undefined
  const parsed = parseMediaType(contentType)
  if (parsed === null) return undefined
  for (const parser of parsers) {
    for (const pattern of parser.mediaTypes) {
      if (matchesPattern(pattern.toLowerCase(), parsed.type, parsed.subtype)) return parser
    }
  }
  return undefined
}

function matchesPattern(pattern: string, type: string, subtype: string): boolean {
  const slash = pattern.indexOf('/')
  const patternType = pattern.slice(0, slash)
  if (patternType !== '*' && patternType !== type) return false
  const patternSubtype = pattern.slice(slash + 1)
  if (patternSubtype === '*') return true
  if (patternSubtype.startsWith('*+')) {
    // RFC 6838 §4.2.8: the suffix is what follows the last "+" of the subtype.
    const plus = subtype.lastIndexOf('+')
    return plus > 0 && subtype.slice(plus) === patternSubtype.slice(1)
  }
  return patternSubtype === subtype
}

/** How many distinct `Content-Type` values a chooser remembers (senders use a handful). */
const CHOICES_REMEMBERED = 32

/**
 * `selectBodyParser` over fixed parsers, remembering its answer per `Content-Type` string so a
 * route parses a media type once, not on every request. The memory belongs to the returned
 * function (one per compiled route, gone with its application) and holds at most a few dozen
 * values, so a client sending ever new content types cannot grow it.
 *
 * @example
 * const parserFor = bodyParserChooser(defaultBodyParsers)
 * parserFor('application/json; charset=utf-8')?.mediaTypes // ['application/json', 'application/*+json']
 * @internal
 */
export function bodyParserChooser(
  parsers: readonly BodyParser[],
): (contentType: string | null | undefined) => BodyParser | undefined {
  const chosen = new Map<string, BodyParser | null>()
  return (contentType) => {
    if (!contentType) return undefined
    const known = chosen.get(contentType)
    if (known !== undefined) return known ?? undefined
    const parser = selectBodyParser(parsers, contentType)
    if (chosen.size < CHOICES_REMEMBERED) chosen.set(contentType, parser ?? null)
    return parser
  }
}
