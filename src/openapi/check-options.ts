import { ConfigurationError } from '../errors/index.js'
import type { ApplicationView } from './application-view.js'
import type { GenerateOpenApiOptions, OperationDoc } from './generate-options.js'

/**
 * Refuses documentation for things the application does not have, so a misspelt route key or
 * dependency name is an error rather than silently missing from the document.
 *
 * @example
 * checkOptions(app.describe(), { title: 't', version: '1', operations: { 'GET /nope': {} } }) // throws
 */
export function checkOptions(view: ApplicationView, options: GenerateOpenApiOptions): void {
  const keys = new Set<string>()
  for (const route of view.routes) {
    keys.add(`${route.method} ${route.template.source}`)
    keys.add(`OPTIONS ${route.template.source}`)
    if (route.method === 'GET') keys.add(`HEAD ${route.template.source}`)
  }
  for (const key of Object.keys(options.operations ?? {})) {
    if (!keys.has(key)) {
      throw new ConfigurationError(
        `generateOpenApi(): operations['${key}'] matches no route; keys are 'METHOD /template' as registered, e.g. 'GET /posts/{post_id}'`,
      )
    }
  }
  checkOperationIds(view, options)
  for (const status of Object.keys(options.errorBodies ?? {}).map(Number)) {
    if (view.customErrors !== 'all' && !view.customErrors.has(status)) {
      throw new ConfigurationError(
        `generateOpenApi(): errorBodies[${status}] documents a status no errorHandler answers`,
      )
    }
  }
  if (options.tags !== undefined) checkTags(view, options)
  for (const name of Object.keys(options.dependencies ?? {})) {
    if (!view.providers.has(name)) {
      throw new ConfigurationError(
        `generateOpenApi(): dependencies['${name}'] names no registered dependency`,
      )
    }
  }
}

// Two operations with one operationId would give a generated client two methods of one name.
function checkOperationIds(view: ApplicationView, options: GenerateOpenApiOptions): void {
  const owners = new Map<string, string>()
  const docs = authorDocs(view, options)
  for (const [key, doc] of docs) {
    const id = doc?.operationId
    if (id === undefined) continue
    const owner = owners.get(id)
    if (owner !== undefined && owner !== key) {
      throw new ConfigurationError(
        `generateOpenApi(): operationId '${id}' is given to both ${owner} and ${key}`,
      )
    }
    owners.set(id, key)
  }
}

// Once the author lists the tags, a tag an operation names must be one of them (a misspelling otherwise
// becomes a new group). Tags derived from paths need not be listed.
function checkTags(view: ApplicationView, options: GenerateOpenApiOptions): void {
  const declared = new Set((options.tags ?? []).map((tag) => tag.name))
  const docs = authorDocs(view, options)
  for (const [key, doc] of docs) {
    for (const tag of doc?.tags ?? []) {
      if (!declared.has(tag)) {
        throw new ConfigurationError(
          `generateOpenApi(): ${key} has the tag '${tag}', which is not in tags (${[...declared].join(', ')})`,
        )
      }
    }
  }
}

// Every piece of operation documentation the author wrote, keyed 'METHOD /template': the routes' own
// `openapi` options and the generator's `operations`.
function authorDocs(
  view: ApplicationView,
  options: GenerateOpenApiOptions,
): (readonly [string, OperationDoc | undefined])[] {
  return [
    ...view.routes.map((r) => [`${r.method} ${r.template.source}`, r.options.openapi] as const),
    ...Object.entries(options.operations ?? {}),
  ]
}
