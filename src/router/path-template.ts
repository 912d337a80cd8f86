import { ConfigurationError } from '../errors/index.js'

type ParamName<S extends string> = S extends `${infer Name}:${string}` ? Name : S

/** The parameter names of a path template, e.g. `'/posts/{post_id}'` → `'post_id'`. */
export type PathParamNames<P extends string> = P extends `${string}{${infer Param}}${infer Rest}`
  ? ParamName<Param> | PathParamNames<Rest>
  : never

/**
 * The typed path parameters of a template.
 *
 * @example
 * type P = PathParams<'/users/{user_id}/files/{rest:path}'> // { user_id: string; rest: string }
 */
export type PathParams<P extends string> = { [K in PathParamNames<P>]: string }

/** One segment of a parsed template. */
export type TemplateSegment =
  | { kind: 'static'; value: string }
  | { kind: 'param'; name: string }
  | { kind: 'wildcard'; name: string }

/** A parsed path template. */
export interface PathTemplate {
  readonly source: string
  readonly segments: readonly TemplateSegment[]
  readonly paramNames: readonly string[]
}

const PARAM = /^\{([A-Za-z_$][\w$]*)(?::(path))?\}$/

/**
 * Parses `/posts/{post_id}` style templates; a trailing `{name:path}` matches the rest of the path.
 * Throws a {@link ConfigurationError} for malformed templates.
 *
 * @example
 * parsePathTemplate('/posts/{post_id}').paramNames // ['post_id']
 */
export function parsePathTemplate(source: string): PathTemplate {
  if (typeof source !== 'string' || !source.startsWith('/')) {
    throw new ConfigurationError(`Path template ${JSON.stringify(source)} must start with '/'`)
  }
  // parts[0] is the empty string before the leading '/'.
  const parts = source.split('/')
  const segments: TemplateSegment[] = []
  const paramNames: string[] = []
  for (let index = 1; index < parts.length; index++) {
    const part = parts[index] as string
    if (!part.includes('{') && !part.includes('}')) {
      segments.push({ kind: 'static', value: part })
      continue
    }
    const match = PARAM.exec(part)
    if (match === null) {
      throw new ConfigurationError(
        `Path template '${source}': segment '${part}' must be a whole '{name}' or '{name:path}' parameter`,
      )
    }
    const name = match[1] as string
    if (paramNames.includes(name)) {
      throw new ConfigurationError(`Path template '${source}' uses the parameter '${name}' twice`)
    }
    paramNames.push(name)
    if (match[2] === 'path') {
      if (index !== parts.length - 1) {
        throw new ConfigurationError(`Path template '${source}': '{${name}:path}' must be the last segment`)
      }
      segments.push({ kind: 'wildcard', name })
    } else segments.push({ kind: 'param', name })
  }
  return { source, segments, paramNames }
}

/** Two templates that match exactly the same paths, e.g. `/a/{x}` and `/a/{y}`, share this key. */
export function templateShapeKey(template: PathTemplate): string {
  const segments = template.segments
  let key = ''
  for (let index = 0; index < segments.length; index++) {
    const s = segments[index] as TemplateSegment
    if (index > 0) key += '/'
    key += s.kind === 'static' ? `s:${s.value}` : s.kind === 'param' ? 'p' : 'w'
  }
  return key
}
