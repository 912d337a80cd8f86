import { RestResponse } from '../http/index.js'
import { fromWebResponse, Reply, renderJson, renderValue } from '../render/index.js'
import type { RoutedExchange } from './exchange.js'

const TEXT_TYPES = /^(?:text\/|application\/(?:json|xml|javascript)|[^;]*\+(?:json|xml))/i

/**
 * Renders a handler's result (HANDLER). On a route that declared `provides`, a plain value (or a
 * Reply's value) goes through the renderer of the media type C4 chose; otherwise the value's kind
 * decides (objects → JSON, strings → text, nothing → 204). Web and core responses pass through.
 * A route that declared `returns` writes its JSON with the compiled writer, wherever the value would
 * be written by `JSON.stringify` (the built-in JSON renderer or the default); other renderers as usual.
 */
export function renderResult(exchange: RoutedExchange, result: unknown): RestResponse {
  const { renderers } = exchange.plan.negotiation
  const returns = exchange.plan.returns
  if (result instanceof RestResponse) return result
  if (renderers === undefined) {
    return returns === undefined
      ? renderValue(result)
      : renderValue(result, (value) => returns.write(value, exchange))
  }
  if (typeof Response !== 'undefined' && result instanceof Response) return fromWebResponse(result)
  const reply = result instanceof Reply ? result : undefined
  const value = reply === undefined ? result : reply.value
  if (value === null || value === undefined) return renderValue(result)
  const mediaType = exchange.mediaType as string
  const render = renderers.get(mediaType)
  if (render === undefined) return renderValue(result)
  const body =
    returns !== undefined && render === renderJson
      ? returns.write(value, exchange)
      : render(value, { mediaType, context: exchange.context })
  const headers: Record<string, string | string[]> = {}
  if (reply !== undefined) {
    for (const name of Object.keys(reply.headers)) {
      const field = reply.headers[name] as string | readonly string[]
      headers[name] = typeof field === 'string' ? field : [...field]
    }
  }
  headers['content-type'] ??= contentTypeFor(mediaType, exchange.charset)
  return new RestResponse(reply?.status ?? 200, headers, body)
}

function contentTypeFor(mediaType: string, charset: string | undefined): string {
  if (charset !== undefined) return `${mediaType}; charset=${charset}`
  // JSON is UTF-8 by definition (RFC 8259 §8.1) and takes no charset parameter.
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return mediaType
  return TEXT_TYPES.test(mediaType) ? `${mediaType}; charset=utf-8` : mediaType
}
