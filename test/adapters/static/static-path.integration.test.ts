import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mediaTypeOf } from '../../../src/adapters/node/media-types.js'
import {
  cacheControlOf,
  defaultStaticCacheControl,
  resourceNameOf,
  routeCompression,
} from '../../../src/adapters/node/static-options.js'
import { lookUp, staticSegments } from '../../../src/adapters/node/static-path.js'

describe('staticSegments', () => {
  it('splits a plain path, and keeps a trailing slash as an empty last segment', () => {
    expect(staticSegments('/a/css/site.css', 'css/site.css', false)).toEqual(['css', 'site.css'])
    expect(staticSegments('/a/docs/', 'docs/', false)).toEqual(['docs', ''])
    expect(staticSegments('/a/', '', false)).toEqual([''])
    expect(staticSegments('/a/caf%C3%A9.txt', 'café.txt', false)).toEqual(['café.txt'])
  })

  it.each([
    ['/a/../x', '../x'],
    ['/a/./x', './x'],
    ['/a/x/..', 'x/..'],
    ['/a//etc/passwd', '/etc/passwd'],
    ['/a/x//y', 'x//y'],
    ['/a/..%2fx', '../x'],
    ['/a/x%2Fy', 'x/y'],
    ['/a/x%5cy', 'x\\y'],
    ['/a/x\\y', 'x\\y'],
    ['/a/x%00', 'x\u0000'],
    ['/a/x%0a', 'x\n'],
    ['/a/.env', '.env'],
    ['/a/.git/config', '.git/config'],
    ['/a/long', 'x'.repeat(256)],
  ])('refuses %s', (raw, rest) => {
    expect(staticSegments(raw, rest, false)).toBeUndefined()
  })

  it('lets dotfiles through only when asked, never . or ..', () => {
    expect(staticSegments('/a/.well-known/x', '.well-known/x', true)).toEqual(['.well-known', 'x'])
    expect(staticSegments('/a/../x', '../x', true)).toBeUndefined()
  })
})

describe('lookUp', () => {
  let base: string
  let root: string
  beforeAll(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'restmachine-lookup-')))
    root = join(base, 'root')
    mkdirSync(join(root, 'dir'), { recursive: true })
    writeFileSync(join(root, 'file.txt'), 'x')
    writeFileSync(join(root, 'dir', 'index.html'), '<p>')
    writeFileSync(join(base, 'outside.txt'), 'secret')
    symlinkSync(join(base, 'outside.txt'), join(root, 'out.txt'))
  })
  afterAll(() => rmSync(base, { recursive: true, force: true }))

  it('finds a file, a directory’s index, and reports a directory asked for without a slash', async () => {
    expect(await lookUp(root, ['file.txt'], 'index.html')).toMatchObject({
      kind: 'file',
      file: { name: 'file.txt', size: 1 },
    })
    expect(await lookUp(root, ['dir', ''], 'index.html')).toMatchObject({
      kind: 'file',
      file: { name: 'index.html', path: join(root, 'dir', 'index.html') },
    })
    expect(await lookUp(root, ['dir'], 'index.html')).toEqual({ kind: 'directory' })
  })

  it('finds nothing for a missing file, a directory without an index, a file asked as a directory, or a link out', async () => {
    expect(await lookUp(root, ['missing'], 'index.html')).toEqual({ kind: 'none' })
    expect(await lookUp(root, ['dir', ''], undefined)).toEqual({ kind: 'none' })
    expect(await lookUp(root, ['file.txt', ''], 'index.html')).toEqual({ kind: 'none' })
    expect(await lookUp(root, ['out.txt'], 'index.html')).toEqual({ kind: 'none' })
  })
})

describe('static options', () => {
  it('makes hashed names immutable and the rest revalidated', () => {
    expect(defaultStaticCacheControl('assets/index-BvZb1Yq3.js')).toBe('public, max-age=31536000, immutable')
    expect(defaultStaticCacheControl('app.3f9a1c2b.css')).toBe('public, max-age=31536000, immutable')
    expect(defaultStaticCacheControl('index-component.js')).toBe('no-cache')
    expect(defaultStaticCacheControl('jquery-3.7.1.min.js')).toBe('no-cache')
  })

  it('tries [pattern, value] pairs in order, and a string applies to every file', () => {
    const rules = cacheControlOf([
      [/\.html$/g, 'no-cache'],
      [/./, 'max-age=60'],
    ])
    expect(rules?.('a.html')).toBe('no-cache')
    expect(rules?.('a.html')).toBe('no-cache')
    expect(rules?.('a.png')).toBe('max-age=60')
    expect(rules?.('')).toBeUndefined()
    expect(cacheControlOf('max-age=5')?.('x')).toBe('max-age=5')
    expect(cacheControlOf(false)).toBeUndefined()
  })

  it('names the resource after the prefix', () => {
    expect(resourceNameOf('')).toBe('staticFiles')
    expect(resourceNameOf('/assets')).toBe('staticAssets')
    expect(resourceNameOf('/public/img')).toBe('staticPublicImg')
  })

  it('negotiates the precompressed codings, compressing on the fly only where the application does', () => {
    expect(routeCompression(['br', 'gzip'], undefined, undefined, ['br', 'zstd', 'gzip'])).toMatchObject({
      encodings: ['br', 'gzip'],
    })
    const off = routeCompression(['br'], undefined, false, ['br'])
    expect(typeof off === 'object' && off.compressible?.('text/css')).toBe(false)
    expect(routeCompression(['gzip'], undefined, true, ['br', 'zstd', 'gzip'])).toEqual({
      encodings: ['gzip', 'br', 'zstd'],
    })
    expect(routeCompression([], false, true, ['br'])).toBe(false)
  })

  it('types files by extension, octet-stream when unknown', () => {
    expect(mediaTypeOf('a.SVG')).toBe('image/svg+xml')
    expect(mediaTypeOf('model.glb', { glb: 'model/gltf-binary' })).toBe('model/gltf-binary')
    expect(mediaTypeOf('README')).toBe('application/octet-stream')
    expect(mediaTypeOf('x.constructor')).toBe('application/octet-stream')
  })
})
