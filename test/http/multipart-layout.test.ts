import { describe, expect, it } from 'vitest'
import { isSliceableContent } from '../../src/http/index.js'
import { buildMultipartByteRanges, multipartByteRangesLayout } from '../../src/http/multipart-byteranges.js'

describe('multipartByteRangesLayout', () => {
  it('frames the same payload buildMultipartByteRanges builds, with its exact length', () => {
    const data = new TextEncoder().encode('0123456789abcdefghij')
    const ranges = [
      { start: 0, end: 3 },
      { start: 15, end: 19 },
    ]
    const layout = multipartByteRangesLayout(data.length, ranges, 'text/plain', 'b0undary')
    const built = buildMultipartByteRanges(data, ranges, 'text/plain', 'b0undary')
    const framed = `${layout.heads[0]}0123${layout.heads[1]}fghij${layout.tail}`
    expect(framed).toBe(new TextDecoder().decode(built.body))
    expect(layout.byteLength).toBe(built.body.byteLength)
    expect(layout.contentType).toBe(built.contentType)
  })

  it('refuses a range outside the data and a bad boundary', () => {
    expect(() => multipartByteRangesLayout(10, [{ start: 5, end: 10 }], null, 'b')).toThrow(RangeError)
    expect(() => multipartByteRangesLayout(10, [{ start: 0, end: 1 }], null, 'bad\r\n')).toThrow(TypeError)
  })
})

describe('isSliceableContent', () => {
  it('recognises content with a length, read() and async iteration, and nothing else', () => {
    const content = {
      byteLength: 0,
      read: async function* () {},
      async *[Symbol.asyncIterator]() {},
    }
    expect(isSliceableContent(content)).toBe(true)
    expect(isSliceableContent(new Uint8Array(3))).toBe(false)
    expect(isSliceableContent((async function* () {})())).toBe(false)
    expect(isSliceableContent(null)).toBe(false)
  })
})
