import type { OpenApiDocument, TagObject } from './openapi-types.js'

/**
 * The document's top-level `tags`: the declared ones in their order, then every other tag an
 * operation uses, described by the paths it groups (so no tag is used undeclared or undescribed).
 *
 * @example
 * documentTags(document, [{ name: 'posts', description: 'Blog posts.' }])
 * // [{ name: 'posts', description: 'Blog posts.' }, { name: 'login', description: 'Operations on `/login`.' }]
 */
export function documentTags(document: OpenApiDocument, declared: readonly TagObject[] = []): TagObject[] {
  const tags = new Map<string, TagObject>(declared.map((tag) => [tag.name, { ...tag }]))
  const pathsOf = new Map<string, string[]>()
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item)) {
      if (typeof operation !== 'object') continue
      for (const tag of operation.tags ?? []) {
        const paths = pathsOf.get(tag) ?? []
        if (!paths.includes(path)) paths.push(path)
        pathsOf.set(tag, paths)
      }
    }
  }
  for (const [name, paths] of pathsOf) {
    if (!tags.has(name))
      tags.set(name, { name, description: `Operations on ${paths.map((p) => `\`${p}\``).join(', ')}.` })
  }
  return [...tags.values()]
}
