import type { PathTemplate } from '../router/index.js'

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

/**
 * The OpenAPI path of a template: `{name}` stays, a trailing `{name:path}` becomes `{name}`.
 *
 * @example
 * openApiPath(parsePathTemplate('/files/{rest:path}')) // '/files/{rest}'
 */
export function openApiPath(template: PathTemplate): string {
  return `/${template.segments.map((s) => (s.kind === 'static' ? s.value : `{${s.name}}`)).join('/')}`
}

/**
 * An operationId from the method and the template, made unique within `taken`.
 *
 * @example
 * operationId('GET', parsePathTemplate('/posts/{post_id}'), new Set()) // 'getPostsByPost_id'
 */
export function operationId(method: string, template: PathTemplate, taken: Set<string>): string {
  const words = template.segments.flatMap((s) =>
    s.kind === 'static'
      ? s.value
          .split(/[^A-Za-z0-9]+/)
          .filter(Boolean)
          .map(capitalise)
      : [`By${capitalise(s.name.replace(/\$/g, '_'))}`],
  )
  const base = `${method.toLowerCase()}${words.join('') || 'Root'}`
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}${n}`
  taken.add(id)
  return id
}

/**
 * The tag of a route: its first static path segment without a file extension, so `/posts` and
 * `/posts/{id}` group together and `/openapi.json` is tagged `openapi`.
 *
 * @example
 * pathTag(parsePathTemplate('/posts/{post_id}')) // 'posts'
 */
export function pathTag(template: PathTemplate): string | undefined {
  const first = template.segments[0]
  const name = first?.kind === 'static' ? first.value.replace(/(.)\.[A-Za-z0-9]+$/, '$1') : ''
  return name === '' ? undefined : name
}
