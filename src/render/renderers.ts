import { renderCsv } from './csv.js'
import { escapeHtml, HtmlFragment } from './html.js'

/**
 * What a {@link Renderer} knows besides the value: the negotiated media type and the request context.
 *
 * @example
 * const info: RenderInfo = { mediaType: 'text/html', context: { currentUser } }
 */
export interface RenderInfo {
  /** The media type being produced, as the route declared it (e.g. `'text/csv'`). */
  mediaType: string
  /** The request's resolved dependencies, for renderers that need more than the value. */
  context: Readonly<Record<string, unknown>>
}

/**
 * Turns a handler's value into content of one media type. Renderers run once per response, so they
 * should be synchronous and cheap; they throw only on programmer mistakes (a 500).
 *
 * @example
 * const renderYaml: Renderer = (value) => stringifyYaml(value)
 */
export type Renderer = (value: unknown, info: RenderInfo) => string | Uint8Array

/**
 * Renders `application/json` (RFC 8259) with `JSON.stringify`; a value JSON cannot represent
 * (`undefined`, a function, a symbol) gives empty content. A `bigint` throws, as it does in
 * `JSON.stringify`, because silently turning it into a string or a lossy number would hide a bug.
 *
 * @example
 * renderJson({ id: 1 }, info) // '{"id":1}'
 */
export const renderJson: Renderer = (value) => JSON.stringify(value) ?? ''

/**
 * Renders `text/plain`: strings and bytes as they are, `null`/`undefined` and functions as empty
 * content (a function's source is never sent), dates as ISO 8601, objects with their own `toString`
 * (URL, Error…) through it, other objects and arrays as indented JSON, other primitives via `String`.
 *
 * @example
 * renderText('hello', info) // 'hello'
 * renderText({ a: 1 }, info) // '{\n  "a": 1\n}'
 */
export const renderText: Renderer = (value) => {
  if (typeof value === 'string' || value instanceof Uint8Array) return value
  if (value === null || value === undefined || typeof value === 'function') return ''
  if (typeof value !== 'object') return String(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (!Array.isArray(value) && hasOwnToString(value)) return String(value)
  return JSON.stringify(value, null, 2) ?? ''
}

function hasOwnToString(value: object): boolean {
  const method = (value as { toString?: unknown }).toString
  return typeof method === 'function' && method !== Object.prototype.toString
}

const PAGE_START =
  '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Response</title></head><body><pre>'
const PAGE_END = '</pre></body></html>\n'

/**
 * Renders `text/html`, safe by default: an {@link HtmlFragment} (built with the `html` template) is
 * sent as is; any other value becomes a minimal HTML5 document (WHATWG HTML §13.1) showing the value
 * escaped inside `<pre>` — a string as its text, anything else as indented JSON. A handler can
 * therefore never inject markup by accident, for instance by returning a user's input.
 *
 * @example
 * renderHtml(html`<h1>${title}</h1>`, info) // '<h1>…</h1>'
 * renderHtml({ name: '<b>' }, info) // '<!DOCTYPE html>…<pre>{\n  &quot;name&quot;: &quot;&lt;b&gt;&quot;\n}</pre>…'
 */
export const renderHtml: Renderer = (value) => {
  if (value instanceof HtmlFragment) return value.html
  const text = typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? '')
  return PAGE_START + escapeHtml(text) + PAGE_END
}

/**
 * The built-in renderers by media type, in the server's order of preference (JSON first, so it wins
 * ties in negotiation, RFC 9110 §12.5.1). Frozen; spread it to extend.
 *
 * @example
 * const renderers = { ...defaultRenderers, 'application/yaml': renderYaml }
 */
export const defaultRenderers: Readonly<Record<string, Renderer>> = Object.freeze({
  'application/json': renderJson,
  'text/plain': renderText,
  'text/html': renderHtml,
  'text/csv': renderCsv,
})
