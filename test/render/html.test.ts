import { describe, expect, it } from 'vitest'
import { escapeHtml, HtmlFragment, html, unsafeHtml } from '../../src/render/html.js'

describe('escapeHtml', () => {
  it('escapes the six characters that can break out of text or a quoted attribute', () => {
    expect(escapeHtml(`&<>"'\``)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;')
  })

  it('returns text without special characters unchanged', () => {
    const text = 'plain text, accents é and emoji 😀'
    expect(escapeHtml(text)).toBe(text)
    expect(escapeHtml('')).toBe('')
  })

  it('keeps the text around and between escaped characters', () => {
    expect(escapeHtml('a<b>c&d')).toBe('a&lt;b&gt;c&amp;d')
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(escapeHtml('end&')).toBe('end&amp;')
  })

  it('escapes an existing character reference again, since the input is text', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;')
  })
})

describe('html', () => {
  it('returns an HtmlFragment holding the literal markup', () => {
    const fragment = html`<p>hi</p>`
    expect(fragment).toBeInstanceOf(HtmlFragment)
    expect(fragment.html).toBe('<p>hi</p>')
    expect(String(fragment)).toBe('<p>hi</p>')
  })

  it('escapes interpolated strings in text and attribute positions', () => {
    const name = '<img src=x onerror=alert(1)>'
    const title = '" onmouseover="alert(1)'
    expect(html`<p title="${title}">${name}</p>`.html).toBe(
      '<p title="&quot; onmouseover=&quot;alert(1)">&lt;img src=x onerror=alert(1)&gt;</p>',
    )
  })

  it('inserts nested fragments without escaping them twice', () => {
    const inner = html`<b>${'a & b'}</b>`
    expect(html`<p>${inner}</p>`.html).toBe('<p><b>a &amp; b</b></p>')
  })

  it('joins arrays of fragments and escapes arrays of strings item by item', () => {
    const items = ['<one>', 'two']
    expect(html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`.html).toBe(
      '<ul><li>&lt;one&gt;</li><li>two</li></ul>',
    )
    expect(html`${['<a>', '<b>']}`.html).toBe('&lt;a&gt;&lt;b&gt;')
    expect(html`${new Set([html`<i></i>`, '&'])}`.html).toBe('<i></i>&amp;')
  })

  it('inserts nothing for null, undefined and false so conditionals read naturally', () => {
    const isAdmin = false
    expect(html`<p>${null}${undefined}${isAdmin && html`<b>admin</b>`}</p>`.html).toBe('<p></p>')
  })

  it('inserts numbers, true and other objects as escaped strings', () => {
    const weird = { toString: () => '<x>' }
    expect(html`${1}|${true}|${0}|${weird}|${10n}`.html).toBe('1|true|0|&lt;x&gt;|10')
  })

  it('keeps a fragment trusted through unsafeHtml only when asked explicitly', () => {
    expect(html`<div>${unsafeHtml('<em>trusted</em>')}</div>`.html).toBe('<div><em>trusted</em></div>')
    expect(html`<div>${'<em>untrusted</em>'}</div>`.html).toBe('<div>&lt;em&gt;untrusted&lt;/em&gt;</div>')
  })

  it('does not treat a look-alike object as a fragment', () => {
    const fake = { html: '<script>alert(1)</script>' }
    expect(html`${fake}`.html).toBe('[object Object]')
  })
})
