import { describe, expect, it } from 'vitest'
import { buildMultipartByteRanges } from '../../src/http/multipart-byteranges.js'

const data = new TextEncoder().encode('0123456789abcdefghijklmnopqrstuvwxyz')
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

describe('buildMultipartByteRanges', () => {
  it('builds one part per range with Content-Type and Content-Range (RFC 9110 §14.6)', () => {
    const ranges = [
      { start: 0, end: 3 },
      { start: 30, end: 35 },
    ]
    const result = buildMultipartByteRanges(data, ranges, 'text/plain', 'THIS_STRING_SEPARATES')
    expect(result.contentType).toBe('multipart/byteranges; boundary=THIS_STRING_SEPARATES')
    expect(text(result.body)).toBe(
      '--THIS_STRING_SEPARATES\r\n' +
        'Content-Type: text/plain\r\n' +
        'Content-Range: bytes 0-3/36\r\n' +
        '\r\n' +
        '0123' +
        '\r\n--THIS_STRING_SEPARATES\r\n' +
        'Content-Type: text/plain\r\n' +
        'Content-Range: bytes 30-35/36\r\n' +
        '\r\n' +
        'uvwxyz' +
        '\r\n--THIS_STRING_SEPARATES--\r\n',
    )
  })

  it('omits the part Content-Type when none is given', () => {
    const { body } = buildMultipartByteRanges(data, [{ start: 1, end: 1 }], null, 'b')
    expect(text(body)).toBe('--b\r\nContent-Range: bytes 1-1/36\r\n\r\n1\r\n--b--\r\n')
  })

  it('copies binary data byte for byte', () => {
    const binary = Uint8Array.from({ length: 256 }, (_, n) => n)
    const { body } = buildMultipartByteRanges(
      binary,
      [{ start: 250, end: 255 }],
      'application/octet-stream',
      'x',
    )
    const head = '--x\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 250-255/256\r\n\r\n'
    expect(Array.from(body.subarray(head.length, head.length + 6))).toEqual([250, 251, 252, 253, 254, 255])
    expect(body.length).toBe(head.length + 6 + '\r\n--x--\r\n'.length)
  })

  it('quotes a boundary that is not a token', () => {
    const { contentType } = buildMultipartByteRanges(data, [{ start: 0, end: 0 }], null, "a b:c=d?'()")
    expect(contentType).toBe('multipart/byteranges; boundary="a b:c=d?\'()"')
  })

  it('throws a TypeError for a boundary outside RFC 2046 §5.1.1', () => {
    for (const boundary of [
      '',
      'x'.repeat(71),
      'ends with space ',
      'quote"',
      'semi;colon',
      'new\nline',
      'é',
    ]) {
      expect(() => buildMultipartByteRanges(data, [{ start: 0, end: 0 }], null, boundary), boundary).toThrow(
        TypeError,
      )
    }
    expect(() => buildMultipartByteRanges(data, [{ start: 0, end: 0 }], null, 'x'.repeat(70))).not.toThrow()
  })

  it('throws a TypeError for a content type that could inject header lines', () => {
    expect(() =>
      buildMultipartByteRanges(data, [{ start: 0, end: 0 }], 'text/plain\r\nX-Evil: 1', 'b'),
    ).toThrow(TypeError)
  })

  it('throws a RangeError for a range outside the data', () => {
    expect(() => buildMultipartByteRanges(data, [{ start: 30, end: 36 }], null, 'b')).toThrow(RangeError)
    expect(() => buildMultipartByteRanges(data, [{ start: 5, end: 4 }], null, 'b')).toThrow(RangeError)
  })
})
