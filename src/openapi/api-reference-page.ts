/**
 * The API reference page's own text: the HTML shell that loads swagger-ui's files, and the script
 * that starts swagger-ui on the application's OpenAPI document. Both are built once, at
 * registration, from the paths given; neither holds inline script or style, so the page's CSP can
 * forbid both (see docs/decisions/0450-api-reference-page.md).
 */

/** Where the page finds its parts (absolute paths on this server). */
export interface ReferencePagePaths {
  /** The stylesheets, in order. */
  readonly styles: readonly string[]
  /** The favicon (PNG). */
  readonly icon: string
  /** swagger-ui's standalone bundle. */
  readonly bundle: string
  /** The initializer script ({@link referenceInitializer}). */
  readonly initializer: string
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] as string)
}

/**
 * The HTML page: swagger-ui's stylesheet and bundle, then the initializer, all as files of this
 * server (no CDN, no inline code).
 *
 * @example
 * referencePage('API reference', { styles: ['/docs/swagger-ui-5.35.0/swagger-ui.css'], … })
 */
export function referencePage(title: string, paths: ReferencePagePaths): string {
  const styles = paths.styles.map((href) => `    <link rel="stylesheet" href="${escapeText(href)}">`)
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '  <head>',
    '    <meta charset="utf-8">',
    '    <meta name="viewport" content="width=device-width, initial-scale=1">',
    `    <title>${escapeText(title)}</title>`,
    ...styles,
    `    <link rel="icon" type="image/png" href="${escapeText(paths.icon)}">`,
    '  </head>',
    '  <body>',
    '    <div id="swagger-ui"></div>',
    `    <script src="${escapeText(paths.bundle)}"></script>`,
    `    <script src="${escapeText(paths.initializer)}"></script>`,
    '  </body>',
    '</html>',
    '',
  ].join('\n')
}

/**
 * The script that starts swagger-ui on `documentPath`. Its settings keep the page to this server:
 * no online validator (`validatorUrl: null`, else the badge calls validator.swagger.io), no
 * `?url=` / `?configUrl=` from the address bar (`queryConfigEnabled: false`), no credentials sent
 * with "try it" unless the browser would anyway. JSON.stringify writes the path as a JS string
 * literal; `<` is escaped too, so the text stays inert wherever it is read.
 *
 * @example
 * referenceInitializer('/openapi.json') // "window.ui = SwaggerUIBundle({ url: \"/openapi.json\", …"
 */
export function referenceInitializer(documentPath: string): string {
  const settings = JSON.stringify({
    url: documentPath,
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    queryConfigEnabled: false,
    withCredentials: false,
  }).replace(/</g, '\\u003c')
  return [
    "// Starts swagger-ui on this server's OpenAPI document (restmachine serveApiReference).",
    "'use strict'",
    '{',
    `  const settings = ${settings}`,
    '  settings.presets = [SwaggerUIBundle.presets.apis]',
    "  settings.layout = 'BaseLayout'",
    '  window.ui = SwaggerUIBundle(settings)',
    '}',
    '',
  ].join('\n')
}
