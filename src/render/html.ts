/**
 * HTML that is safe by construction: the {@link html} tagged template escapes every interpolated value
 * unless it is already an {@link HtmlFragment}, so markup can only come from the template's literal
 * parts (which the developer wrote) or from fragments built the same way.
 */

// The characters that can end a text run or an attribute value (quoted with " or '), plus the backtick
// that old Internet Explorer treated as an attribute quote (OWASP XSS Prevention Cheat Sheet, rule #1).
const SPECIAL = /[&<>"'`]/

/**
 * Escapes text for an HTML text node or a quoted attribute value (WHATWG HTML §13.1.2.3, §13.1.4):
 * `&` `<` `>` `"` `'` and backtick become character references. Always quote attributes; escaping does
 * not make a value safe in an unquoted attribute, a `<script>` or `<style>` body, or a `javascript:` URL.
 *
 * @example
 * escapeHtml('<a href="x">Tom & Jerry</a>') // '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/a&gt;'
 */
export function escapeHtml(text: string): string {
  const first = text.search(SPECIAL)
  if (first === -1) return text // the common case: nothing to escape, no allocation
  let out = text.slice(0, first)
  let last = first
  for (let i = first; i < text.length; i++) {
    let entity: string
    switch (text.charCodeAt(i)) {
      case 0x26:
        entity = '&amp;'
        break
      case 0x3c:
        entity = '&lt;'
        break
      case 0x3e:
        entity = '&gt;'
        break
      case 0x22:
        entity = '&quot;'
        break
      case 0x27:
        entity = '&#39;'
        break
      case 0x60:
        entity = '&#96;'
        break
      default:
        continue
    }
    if (last !== i) out += text.slice(last, i)
    out += entity
    last = i + 1
  }
  return last === text.length ? out : out + text.slice(last)
}

/**
 * A piece of markup that is trusted as is. Build one with the {@link html} template; the HTML renderer
 * sends a fragment unchanged and escapes everything else. Calling the constructor (or
 * {@link unsafeHtml}) marks a string as trusted, so never do it with input from a request.
 *
 * @example
 * const fragment = html`<p>${name}</p>`
 * fragment instanceof HtmlFragment // true
 * String(fragment) // '<p>Ada</p>'
 */
export class HtmlFragment {
  /** The markup. */
  readonly html: string
  constructor(html: string) {
    this.html = html
  }

  /** The markup, so that fragments can be used where strings are expected. */
  toString(): string {
    return this.html
  }
}

/**
 * Builds an {@link HtmlFragment}, escaping every interpolated value with {@link escapeHtml}. A nested
 * fragment is inserted as is (never escaped twice); an array (or other iterable) inserts each item in
 * turn, so `items.map((item) => html`<li>${item}</li>`)` builds a list; `null`, `undefined` and
 * `false` insert nothing, so `${isAdmin && html`…`}` works; anything else is inserted as `String(value)`,
 * escaped.
 *
 * @example
 * html`<p title="${title}">${body}</p>` // title and body escaped
 * html`<ul>${names.map((name) => html`<li>${name}</li>`)}</ul>`
 */
export function html(strings: TemplateStringsArray, ...values: readonly unknown[]): HtmlFragment {
  let out = strings[0] as string
  for (let i = 0; i < values.length; i++) {
    out += interpolate(values[i]) + (strings[i + 1] as string)
  }
  return new HtmlFragment(out)
}

/**
 * Marks a string as trusted markup, to insert with {@link html} without escaping. The name is loud on
 * purpose: a reviewer should check that the string never holds request input.
 *
 * @example
 * html`<main>${unsafeHtml(markdownToHtml(trustedReadme))}</main>`
 */
export function unsafeHtml(markup: string): HtmlFragment {
  return new HtmlFragment(markup)
}

function interpolate(value: unknown): string {
  if (value instanceof HtmlFragment) return value.html
  if (typeof value === 'string') return escapeHtml(value)
  if (value === null || value === undefined || value === false) return ''
  if (typeof value === 'object' && Symbol.iterator in value) {
    let out = ''
    for (const item of value as Iterable<unknown>) out += interpolate(item)
    return out
  }
  return escapeHtml(String(value))
}
