import type { Registrations } from '../app/registrations.js'
import { ConfigurationError } from '../errors/configuration-error.js'
import type { GenerateOpenApiOptions } from './generate-options.js'

/**
 * Refuses documentation for things the application does not have, so a misspelt route key or
 * dependency name is an error rather than silently missing from the document.
 *
 * @example
 * checkOptions(app.registrations, { title: 't', version: '1', operations: { 'GET /nope': {} } }) // throws
 */
export function checkOptions(registrations: Registrations, options: GenerateOpenApiOptions): void {
  const keys = new Set<string>()
  for (const route of registrations.routes) {
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
  for (const name of Object.keys(options.dependencies ?? {})) {
    if (!registrations.providers.has(name)) {
      throw new ConfigurationError(
        `generateOpenApi(): dependencies['${name}'] names no registered dependency`,
      )
    }
  }
}
