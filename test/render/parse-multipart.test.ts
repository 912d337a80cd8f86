import { describe, expect, it } from 'vitest'
import { BadRequest, ContentTooLarge } from '../../src/errors/status-errors.js'
import { multipartBodyParser, parseMultipart } from '../../src/render/parse-multipart.js'

/** Serialises a FormData the way a browser would, with the runtime's own encoder. */
async function encodeForm(entries: [string, string | File][]): Promise<[Uint8Array, string]> {
  const form = new FormData()
  for (const [name, value] of entries) form.append(name, value)
  const request = new Request('http://localhost/', { method: 'POST', body: form })
  return [new Uint8Array(await request.arrayBuffer()), request.headers.get('content-type') as string]
}

const raw = (text: string) => new TextEncoder().encode(text)
const part = (headers: string, body: string) => `--b\r\n${headers}\r\n\r\n${body}\r\n`

describe('parseMultipart', () => {
  it('maps text fields and files, with arrays for repeated field names (RFC 7578)', async () => {
    const [bytes, type] = await encodeForm([
      ['title', 'Hello'],
      ['tag', 'a'],
      ['tag', 'b'],
      ['doc', new File(['file body'], 'notes.txt', { type: 'text/markdown' })],
    ])
    const { fields, files } = await parseMultipart(bytes, type)
    expect({ ...fields }).toEqual({ title: 'Hello', tag: ['a', 'b'] })
    expect(files).toHaveLength(1)
    const [file] = files
    expect(file).toMatchObject({ field: 'doc', filename: 'notes.txt', type: 'text/markdown', size: 9 })
    expect(new TextDecoder().decode(await file?.bytes())).toBe('file body')
    expect(await file?.text()).toBe('file body')
  })

  it('keeps binary file content byte for byte', async () => {
    const content = new Uint8Array(256).map((_, i) => i)
    const [bytes, type] = await encodeForm([['bin', new File([content], 'all.bin')]])
    const { files } = await parseMultipart(bytes, type)
    expect(await files[0]?.bytes()).toEqual(content)
  })

  it('returns fields with a null prototype so __proto__ is an ordinary field', async () => {
    const [bytes, type] = await encodeForm([['__proto__', 'x']])
    const { fields } = await parseMultipart(bytes, type)
    expect(Object.getPrototypeOf(fields)).toBeNull()
    expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toBe('x')
  })

  it('strips directory parts from file names (RFC 7578 §4.2)', async () => {
    const body = [
      part('content-disposition: form-data; name="a"; filename="../../etc/passwd"', 'x'),
      part('content-disposition: form-data; name="b"; filename="C:\\\\Users\\\\me\\\\x.txt"', 'y'),
    ].join('')
    const { files } = await parseMultipart(raw(body + '--b--\r\n'), 'multipart/form-data; boundary=b')
    expect(files.map((file) => file.filename)).toEqual(['passwd', 'x.txt'])
  })

  it('gives files without a Content-Type the type text/plain (RFC 7578 §4.4)', async () => {
    const body = part('content-disposition: form-data; name="a"; filename="a"', 'x') + '--b--\r\n'
    const { files } = await parseMultipart(raw(body), 'multipart/form-data; boundary=b')
    expect(files[0]?.type).toBe('text/plain')
  })

  it('skips a file input the browser sent empty, with no file name and no content', async () => {
    const empty = part(
      'content-disposition: form-data; name="avatar"; filename=""\r\ncontent-type: application/octet-stream',
      '',
    )
    const { files, fields } = await parseMultipart(
      raw(empty + '--b--\r\n'),
      'multipart/form-data; boundary=b',
    )
    expect(files).toEqual([])
    expect({ ...fields }).toEqual({})
  })

  it('accepts a quoted boundary and one with the special characters RFC 2046 allows', async () => {
    const body = part('content-disposition: form-data; name="x"', '1').replaceAll('--b', "--a'()+_,-./:=? z")
    const result = await parseMultipart(
      raw(body + "--a'()+_,-./:=? z--\r\n"),
      `multipart/form-data; boundary="a'()+_,-./:=? z"`,
    )
    expect({ ...result.fields }).toEqual({ x: '1' })
  })

  it('accepts a body with no parts (RFC 2046 §5.1.1)', async () => {
    for (const text of ['--b--', '--b--\r\n']) {
      const result = await parseMultipart(raw(text), 'multipart/form-data; boundary=b')
      expect(result.files).toEqual([])
      expect(Object.keys(result.fields)).toEqual([])
    }
  })

  it('refuses a missing boundary with 400', async () => {
    await expect(parseMultipart(raw('--b--'), 'multipart/form-data')).rejects.toThrow(BadRequest)
    await expect(parseMultipart(raw('--b--'), 'multipart/form-data')).rejects.toThrow(/boundary/)
  })

  it('refuses an invalid boundary with 400', async () => {
    const tooLong = 'x'.repeat(71)
    for (const boundary of [tooLong, '"ends with space "', '"has\\"quote"', '""']) {
      await expect(
        parseMultipart(raw('--b--'), `multipart/form-data; boundary=${boundary}`),
        boundary,
      ).rejects.toThrow(BadRequest)
    }
  })

  it('refuses a malformed Content-Type with 400', async () => {
    await expect(parseMultipart(raw(''), 'multipart/form-data; boundary')).rejects.toThrow(BadRequest)
  })

  it('refuses garbage, truncated content and a wrong boundary with 400, never a plain error', async () => {
    const [bytes, type] = await encodeForm([['a', '1']])
    const cases: [Uint8Array, string][] = [
      [raw('garbage'), type],
      [raw(''), type],
      [bytes.subarray(0, bytes.length - 10), type],
      [bytes, 'multipart/form-data; boundary=other'],
      [raw(part('content-type: text/plain', 'no disposition')), 'multipart/form-data; boundary=b'],
      [new Uint8Array([0xff, 0x00, 0x2d, 0x2d]), 'multipart/form-data; boundary=b'],
    ]
    for (const [content, contentType] of cases) {
      await expect(parseMultipart(content, contentType)).rejects.toBeInstanceOf(BadRequest)
    }
  })

  it('does not quote the content back in its error message', async () => {
    const secret = 'password=hunter2'
    const error = await parseMultipart(raw(secret), 'multipart/form-data; boundary=b').catch((e: Error) => e)
    expect(error).toBeInstanceOf(BadRequest)
    expect((error as Error).message).not.toContain('hunter2')
  })
})

describe('multipart limits', () => {
  it('refuses more files than maxFiles with 413', async () => {
    const [bytes, type] = await encodeForm([
      ['a', new File(['1'], 'a.txt')],
      ['b', new File(['2'], 'b.txt')],
    ])
    await expect(parseMultipart(bytes, type, { maxFiles: 1 })).rejects.toThrow(ContentTooLarge)
    expect((await parseMultipart(bytes, type, { maxFiles: 2 })).files).toHaveLength(2)
    await expect(parseMultipart(bytes, type, { maxFiles: 0 })).rejects.toThrow(/more than 0 files/)
  })

  it('refuses a file larger than maxFileSize with 413', async () => {
    const [bytes, type] = await encodeForm([['a', new File(['12345'], 'a.txt')]])
    await expect(parseMultipart(bytes, type, { maxFileSize: 4 })).rejects.toThrow(ContentTooLarge)
    expect((await parseMultipart(bytes, type, { maxFileSize: 5 })).files[0]?.size).toBe(5)
  })

  it('refuses more text fields than maxFields with 413', async () => {
    const [bytes, type] = await encodeForm([
      ['a', '1'],
      ['a', '2'],
      ['file', new File(['x'], 'x')],
    ])
    await expect(parseMultipart(bytes, type, { maxFields: 1 })).rejects.toThrow(ContentTooLarge)
    expect((await parseMultipart(bytes, type, { maxFields: 2 })).fields.a).toEqual(['1', '2'])
  })

  it('allows 10 files and 1000 fields by default', async () => {
    const files = Array.from({ length: 11 }, (_, i): [string, File] => [`f${i}`, new File(['x'], `${i}.txt`)])
    const [bytes, type] = await encodeForm(files)
    await expect(parseMultipart(bytes, type)).rejects.toThrow(/more than 10 files/)
    const fields = Array.from({ length: 1001 }, (_, i): [string, string] => [`f${i}`, 'x'])
    const [fieldBytes, fieldType] = await encodeForm(fields)
    await expect(parseMultipart(fieldBytes, fieldType)).rejects.toThrow(/more than 1000 fields/)
  })
})

describe('multipartBodyParser', () => {
  it('handles multipart/form-data with the given limits', async () => {
    const parser = multipartBodyParser({ maxFiles: 0 })
    expect(parser.mediaTypes).toEqual(['multipart/form-data'])
    const [bytes, type] = await encodeForm([['a', new File(['1'], 'a.txt')]])
    await expect(Promise.resolve(parser.parse(bytes, type))).rejects.toThrow(ContentTooLarge)
  })
})

describe('parseMultipart on a view', () => {
  it('reads only the given view of a larger buffer', async () => {
    const body = new TextEncoder().encode(
      'JUNK--b\r\ncontent-disposition: form-data; name="x"\r\n\r\n1\r\n--b--\r\nJUNK',
    )
    const view = body.subarray(4, body.length - 4)
    expect({ ...(await parseMultipart(view, 'multipart/form-data; boundary=b')).fields }).toEqual({ x: '1' })
  })
})
