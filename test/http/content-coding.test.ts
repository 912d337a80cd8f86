import { describe, expect, it } from 'vitest'
import { isCompressibleMediaType, worthCompressing } from '../../src/http/content-coding.js'

describe('isCompressibleMediaType', () => {
  it('compresses text, JSON, XML, JavaScript and their structured suffixes', () => {
    for (const type of [
      'text/html',
      'text/csv',
      'application/json',
      'application/problem+json',
      'application/atom+xml',
      'application/javascript',
      'image/svg+xml',
    ]) {
      expect(isCompressibleMediaType(type), type).toBe(true)
    }
  })

  it('leaves media that is compressed already, and event streams, alone', () => {
    for (const type of ['image/png', 'image/jpeg', 'video/mp4', 'application/zip', 'font/woff2']) {
      expect(isCompressibleMediaType(type), type).toBe(false)
    }
    expect(isCompressibleMediaType('text/event-stream')).toBe(false)
  })
})

describe('worthCompressing', () => {
  const policy = { codings: ['gzip'], threshold: 10, compressible: isCompressibleMediaType }
  const json = { 'content-type': 'application/json; charset=utf-8' }

  it('compresses compressible content from the threshold on', () => {
    expect(worthCompressing(policy, json, '0123456789')).toBe(true)
    expect(worthCompressing(policy, json, '012345678')).toBe(false)
    expect(worthCompressing(policy, json, new Uint8Array(10))).toBe(true)
  })

  it('compresses a stream unless its declared length is under the threshold', () => {
    const stream = new ReadableStream<Uint8Array>()
    expect(worthCompressing(policy, json, stream)).toBe(true)
    expect(worthCompressing(policy, { ...json, 'content-length': '3' }, stream)).toBe(false)
  })

  it('leaves content without a Content-Type, or of a type not worth it, alone', () => {
    expect(worthCompressing(policy, {}, 'x'.repeat(100))).toBe(false)
    expect(worthCompressing(policy, { 'content-type': 'image/png' }, 'x'.repeat(100))).toBe(false)
    expect(worthCompressing(policy, { 'content-type': 'not a type' }, 'x'.repeat(100))).toBe(false)
  })
})
