import { ConfigurationError, PROBLEM_JSON, type ProblemDetails } from '../errors/index.js'
import { negotiateMediaType, parseMediaType, type RestRequest } from '../http/index.js'
import { escapeHtml } from '../render/index.js'
import type { Registrations } from './registrations.js'

/**
 * Writes an error response's content in one media type. It receives the error as a client may see
 * it, as RFC 9457 problem details (`detail` is never the text of an unexpected error), and the
 * request; it returns the content.
 *
 * @example
 * const renderer: ErrorRenderer = (problem) => `${problem.status} ${problem.title}: ${problem.detail}`
 */
export type ErrorRenderer = (problem: ProblemDetails, request: RestRequest) => string | Uint8Array

/** The built-in error renderers besides JSON and problem+json, which keep their object bodies. */
const HTML = 'text/html'
const TEXT = 'text/plain'
const JSON_TYPE = 'application/json'

/** A small HTML page for a browser that asks for one; every value escaped. */
export function renderHtmlError(problem: ProblemDetails): string {
  const heading = `${problem.status} ${escapeHtml(problem.title)}`
  const id =
    problem.request_id === undefined
      ? ''
      : `<p>Request id: <code>${escapeHtml(problem.request_id)}</code></p>`
  return `<!doctype html><html><head><meta charset="utf-8"><title>${heading}</title></head><body><h1>${heading}</h1><p>${escapeHtml(problem.detail)}</p>${id}</body></html>`
}

/** Plain text: the status line's words, then what happened. */
export function renderTextError(problem: ProblemDetails): string {
  const id = problem.request_id === undefined ? '' : `\nRequest id: ${problem.request_id}`
  return `${problem.status} ${problem.title}\n${problem.detail}${id}\n`
}

/** What errors are written in for one application: the media types in preference order, and renderers. */
export interface ErrorRendering {
  /** Offered media types, the default first (problem+json, and no plain JSON, with `problemDetails`). */
  readonly types: readonly string[]
  /** Renderers by media type; JSON and problem+json are absent unless replaced (their bodies are objects). */
  readonly renderers: ReadonlyMap<string, ErrorRenderer>
  /** The type chosen for each recent Accept value (bounded): clients repeat theirs. */
  readonly chosen: Map<string, string>
}

/** How many Accept values an application remembers the error type of. */
const CHOSEN_CACHE_SIZE = 256

/**
 * Compiles an application's error rendering once at start: the built-in HTML and text renderers,
 * replaced or added to by its `errorRenderer` registrations.
 *
 * @example
 * errorRendering(registrations, false).types // ['application/json', 'application/problem+json', 'text/html', 'text/plain']
 */
export function errorRendering(registrations: Registrations, problemDetails: boolean): ErrorRendering {
  const renderers = new Map<string, ErrorRenderer>([
    [HTML, renderHtmlError],
    [TEXT, renderTextError],
  ])
  for (const [type, render] of registrations.errorRenderers) renderers.set(type, render)
  // With `problemDetails`, every JSON error is problem details: the plain JSON body is not offered.
  const first = problemDetails ? [PROBLEM_JSON] : [JSON_TYPE, PROBLEM_JSON]
  const types = [...new Set([...first, HTML, TEXT, ...registrations.errorRenderers.keys()])]
  return { types, renderers, chosen: new Map() }
}

/**
 * The media type an error is written in: Accept negotiated against the offered types exactly as C4
 * does for a success (RFC 9110 §12.5.1). When nothing offered is acceptable the first is sent anyway,
 * as RFC 9110 §15.5.7 allows for a response that is itself an error.
 */
export function errorMediaType(rendering: ErrorRendering, accept: string | null): string {
  const types = rendering.types
  if (accept === null || accept === '*/*') return types[0] as string
  let type = rendering.chosen.get(accept)
  if (type === undefined) {
    type = negotiateMediaType(accept, types) ?? (types[0] as string)
    if (rendering.chosen.size < CHOSEN_CACHE_SIZE) rendering.chosen.set(accept, type)
  }
  return type
}

/** Records `errorRenderer(mediaType, render)`: a concrete media type, lower-cased. */
export function registerErrorRenderer(
  registrations: Registrations,
  mediaType: string,
  render: ErrorRenderer,
): void {
  const parsed = typeof mediaType === 'string' ? parseMediaType(mediaType) : null
  if (parsed === null || parsed.type === '*' || parsed.subtype === '*' || typeof render !== 'function') {
    throw new ConfigurationError(
      `errorRenderer(${JSON.stringify(mediaType)}): expected a concrete media type and a function`,
    )
  }
  registrations.errorRenderers.set(`${parsed.type}/${parsed.subtype}`, render)
}
