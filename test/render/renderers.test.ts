import { describe, expect, it } from 'vitest'
import { renderCsv } from '../../src/render/csv.js'
import { html } from '../../src/render/html.js'
import {
  defaultRenderers,
  type RenderInfo,
  renderHtml,
  renderJson,
  renderText,
} from '../../src/render/renderers.js'

const info = (mediaType: string): RenderInfo => ({ mediaType, context: {} })

describe('renderJson', () => {
  it('serialises values with JSON.stringify', () => {
    expect(renderJson({ a: [1, 'x', null] }, info('application/json'))).toBe('{"a":[1,"x",null]}')
    expect(renderJson('text', info('application/json'))).toBe('"text"')
    expect(renderJson(null, info('application/json'))).toBe('null')
  })

  it('renders undefined and other values JSON cannot represent as empty content', () => {
    expect(renderJson(undefined, info('application/json'))).toBe('')
    expect(renderJson(() => 1, info('application/json'))).toBe('')
    expect(renderJson(Symbol('s'), info('application/json'))).toBe('')
  })

  it('throws on a bigint rather than guessing a representation', () => {
    expect(() => renderJson(1n, info('application/json'))).toThrow(TypeError)
  })
})

describe('renderText', () => {
  it('sends strings and bytes as they are', () => {
    expect(renderText('héllo\n', info('text/plain'))).toBe('héllo\n')
    const bytes = new Uint8Array([1, 2])
    expect(renderText(bytes, info('text/plain'))).toBe(bytes)
  })

  it('renders null, undefined and functions as empty content, never a function source', () => {
    expect(renderText(null, info('text/plain'))).toBe('')
    expect(renderText(undefined, info('text/plain'))).toBe('')
    expect(renderText(function secret() {}, info('text/plain'))).toBe('')
  })

  it('renders primitives with String', () => {
    expect(renderText(42, info('text/plain'))).toBe('42')
    expect(renderText(false, info('text/plain'))).toBe('false')
    expect(renderText(12n, info('text/plain'))).toBe('12')
  })

  it('renders dates as ISO 8601 and objects with their own toString through it', () => {
    expect(renderText(new Date(Date.UTC(2024, 0, 2)), info('text/plain'))).toBe('2024-01-02T00:00:00.000Z')
    expect(renderText(new Date(Number.NaN), info('text/plain'))).toBe('Invalid Date')
    expect(renderText(new URL('https://example.com/a'), info('text/plain'))).toBe('https://example.com/a')
  })

  it('renders plain objects, null-prototype objects and arrays as indented JSON', () => {
    expect(renderText({ a: 1 }, info('text/plain'))).toBe('{\n  "a": 1\n}')
    expect(renderText([1, 2], info('text/plain'))).toBe('[\n  1,\n  2\n]')
    const bare = Object.assign(Object.create(null), { b: true })
    expect(renderText(bare, info('text/plain'))).toBe('{\n  "b": true\n}')
  })
})

describe('renderHtml', () => {
  it('sends a fragment from the html template as is', () => {
    expect(renderHtml(html`<h1>${'Tom & Jerry'}</h1>`, info('text/html'))).toBe('<h1>Tom &amp; Jerry</h1>')
  })

  it('renders any other value as escaped JSON inside a minimal HTML5 document', () => {
    const page = renderHtml({ name: '<script>alert(1)</script>' }, info('text/html')) as string
    expect(page.startsWith('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>')).toBe(true)
    expect(page).toContain(
      '<pre>{\n  &quot;name&quot;: &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;\n}</pre>',
    )
    expect(page).not.toContain('<script>')
    expect(page.endsWith('</body></html>\n')).toBe(true)
  })

  it('shows a string as escaped text, not as markup', () => {
    const page = renderHtml('<b>bold?</b>', info('text/html')) as string
    expect(page).toContain('<pre>&lt;b&gt;bold?&lt;/b&gt;</pre>')
  })

  it('never sends a plain string that looks like markup as markup', () => {
    for (const value of ['<img src=x onerror=alert(1)>', ['<a>'], { toString: () => '<i>' }]) {
      expect(renderHtml(value, info('text/html'))).not.toMatch(/<(img|a|i)[ >]/)
    }
  })

  it('renders undefined as an empty document body', () => {
    expect(renderHtml(undefined, info('text/html'))).toContain('<pre></pre>')
  })
})

describe('defaultRenderers', () => {
  it('maps the four built-in media types, JSON first as the server preference', () => {
    expect(Object.keys(defaultRenderers)).toEqual(['application/json', 'text/plain', 'text/html', 'text/csv'])
    expect(defaultRenderers['application/json']).toBe(renderJson)
    expect(defaultRenderers['text/plain']).toBe(renderText)
    expect(defaultRenderers['text/html']).toBe(renderHtml)
    expect(defaultRenderers['text/csv']).toBe(renderCsv)
  })

  it('is frozen so one app cannot change another app’s renderers', () => {
    expect(Object.isFrozen(defaultRenderers)).toBe(true)
  })
})
