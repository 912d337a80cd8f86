import { UnsupportedMediaType } from '../errors/index.js'
import { createNonce, parseCookieHeader, ResponseHeaderBag } from '../http/index.js'
import { parseJsonContent, selectBodyParser } from '../render/index.js'
import type { Provider } from './provider.js'
import type { RequestState } from './request-state.js'

function parseQuery(rawQuery: string): Record<string, string> {
  const query: Record<string, string> = Object.create(null)
  if (rawQuery === '') return query
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    // The first occurrence wins, so a repeated parameter cannot override an earlier one.
    if (!(name in query)) query[name] = value
  }
  return query
}

/** Parses the content with the parser registered for its media type (B5 has checked it is accepted). */
function parseByContentType(exchange: RequestState): Promise<unknown> {
  const contentType = exchange.request.headers.get('content-type')
  return exchange.request.bytes().then((bytes) => {
    const plan = exchange.plan
    const parser =
      plan?.parserFor !== undefined
        ? plan.parserFor(contentType)
        : selectBodyParser(plan?.bodyParsers ?? [], contentType)
    if (parser === undefined) throw new UnsupportedMediaType('Unsupported content type')
    return parser.parse(bytes, contentType as string)
  })
}

/** A fresh nonce for this response's Content-Security-Policy (used by `'nonce'` CSP directives). */
const CSP_NONCE: Provider = {
  name: 'cspNonce',
  kind: 'builtin',
  inject: [],
  readsBody: false,
  resolve: (_, s) => {
    s.cspNonce ??= createNonce()
    return s.cspNonce
  },
}

/** The built-in that parses the body by its media type (JSON, forms, multipart, text). */
export const PARSED_BODY: Provider = {
  name: 'parsedBody',
  kind: 'builtin',
  inject: [],
  readsBody: true,
  resolve: (_, s) => parseByContentType(s),
}

/** The built-in injectables every application has (their types: `BuiltInContext` in src/app/context-types.ts). */
export const BUILT_IN_PROVIDERS: readonly Provider[] = [
  PARSED_BODY,
  CSP_NONCE,
  { name: 'request', kind: 'builtin', inject: [], readsBody: false, resolve: (_, s) => s.request },
  {
    name: 'pathParams',
    kind: 'builtin',
    inject: [],
    readsBody: false,
    resolve: (_, s) => s.params,
  },
  {
    name: 'headers',
    kind: 'builtin',
    inject: [],
    readsBody: false,
    resolve: (_, s) => s.request.headers,
  },
  {
    name: 'queryParams',
    kind: 'builtin',
    inject: [],
    readsBody: false,
    resolve: (_, s) => parseQuery(s.request.rawQuery),
  },
  {
    name: 'cookies',
    kind: 'builtin',
    inject: [],
    readsBody: false,
    resolve: (_, s) => parseCookieHeader(s.request.headers.get('cookie')),
  },
  {
    name: 'responseHeaders',
    kind: 'builtin',
    inject: [],
    readsBody: false,
    resolve: (_, s) => {
      s.responseHeaders ??= new ResponseHeaderBag()
      return s.responseHeaders
    },
  },
  { name: 'requestId', kind: 'builtin', inject: [], readsBody: false, resolve: (_, s) => s.requestId },
  { name: 'log', kind: 'builtin', inject: [], readsBody: false, resolve: (_, s) => s.log },
  {
    name: 'body',
    kind: 'builtin',
    inject: [],
    readsBody: true,
    resolve: (_, s) => s.request.bytes(),
  },
  {
    name: 'jsonBody',
    kind: 'builtin',
    inject: [],
    readsBody: true,
    resolve: (_, s) => s.request.bytes().then(parseJsonContent),
  },
]

/** Names bound per route rather than by a provider. */
export const PATH_PARAMS = 'pathParams'
