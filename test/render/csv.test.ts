import { describe, expect, it } from 'vitest'
import { csv, formatCsv, renderCsv } from '../../src/render/csv.js'

const info = { mediaType: 'text/csv', context: {} }

describe('formatCsv', () => {
  it('writes a header row from the union of keys in first-seen order, then one record per object', () => {
    const rows = [
      { id: 1, name: 'Ada' },
      { name: 'Alan', role: 'admin' },
      { role: 'x', id: 3 },
    ]
    expect(formatCsv(rows)).toBe('id,name,role\r\n1,Ada,\r\n,Alan,admin\r\n3,,x\r\n')
  })

  it('writes arrays of arrays as records without a header', () => {
    expect(
      formatCsv([
        ['a', 1],
        ['b', 2, true],
      ]),
    ).toBe('a,1\r\nb,2,true\r\n')
  })

  it('ends every record with CRLF, the last one included (RFC 4180 §2)', () => {
    expect(formatCsv([['only']])).toBe('only\r\n')
  })

  it('quotes fields holding a comma, a double quote, CR or LF and doubles inner quotes (RFC 4180 §2)', () => {
    expect(formatCsv([['a,b', 'say "hi"', 'line\nbreak', 'cr\rhere', 'plain']])).toBe(
      '"a,b","say ""hi""","line\nbreak","cr\rhere",plain\r\n',
    )
  })

  it('keeps leading and trailing spaces, which are part of a field (RFC 4180 §2 rule 4)', () => {
    expect(formatCsv([[' a ']])).toBe(' a \r\n')
  })

  it('renders empty cells for null, undefined and missing keys', () => {
    expect(formatCsv([[null, undefined, '']])).toBe(',,\r\n')
  })

  it('renders dates as ISO 8601, nested objects as JSON and functions as empty', () => {
    const date = new Date(Date.UTC(2024, 5, 1))
    expect(formatCsv([[date, { a: 1 }, [1, 2], () => 1]])).toBe(
      '2024-06-01T00:00:00.000Z,"{""a"":1}","[1,2]",\r\n',
    )
  })

  it('reads only own keys, so inherited properties never become cells', () => {
    const row = Object.create({ inherited: 'no' }) as Record<string, unknown>
    row.own = 'yes'
    expect(formatCsv([row], { columns: ['own', 'inherited', 'constructor'] })).toBe(
      'own,inherited,constructor\r\nyes,,\r\n',
    )
  })

  it('renders a single plain object as one row and an empty array as empty content', () => {
    expect(formatCsv({ a: 1 })).toBe('a\r\n1\r\n')
    expect(formatCsv([])).toBe('')
  })

  it('accepts any iterable of rows', () => {
    function* rows() {
      yield { a: 1 }
      yield { a: 2 }
    }
    expect(formatCsv(rows())).toBe('a\r\n1\r\n2\r\n')
  })

  it('throws a TypeError for values that are not rows', () => {
    expect(() => formatCsv('text')).toThrow(TypeError)
    expect(() => formatCsv(42)).toThrow(TypeError)
    expect(() => formatCsv(null)).toThrow(TypeError)
    expect(() => formatCsv(['a', 'b'])).toThrow(/Each CSV row must be an object or an array/)
  })

  it('throws a TypeError when objects and arrays are mixed', () => {
    expect(() => formatCsv([{ a: 1 }, [1]])).toThrow(/not a mix/)
    expect(() => formatCsv([[1], { a: 1 }])).toThrow(/not a mix/)
  })
})

describe('formula injection guard', () => {
  it('prefixes text cells starting with = + - @ TAB or CR with a single quote', () => {
    const cells = ['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx']
    expect(formatCsv([cells])).toBe(`'=SUM(A1),'+1,'-2+3,'@cmd,'\tx,"'\rx"\r\n`)
  })

  it('guards the header row too, since keys can come from user input', () => {
    expect(formatCsv([{ '=HYPERLINK("x")': 1 }])).toBe(`"'=HYPERLINK(""x"")"\r\n1\r\n`)
  })

  it('quotes a guarded cell that also needs quoting', () => {
    expect(formatCsv([['=1,2']])).toBe(`"'=1,2"\r\n`)
  })

  it('leaves numbers alone, so negative numbers stay numbers', () => {
    expect(formatCsv([[-5, -1.5, -3n]])).toBe('-5,-1.5,-3\r\n')
  })

  it('leaves text that starts with other characters alone', () => {
    expect(formatCsv([['a=1', ' =1', "'=1"]])).toBe("a=1, =1,'=1\r\n")
  })

  it('can be turned off for consumers that are not spreadsheets', () => {
    expect(formatCsv([['=1+1']], { guardFormulas: false })).toBe('=1+1\r\n')
  })
})

describe('csv', () => {
  it('makes a renderer with fixed columns that drops other keys', () => {
    const render = csv({ columns: ['id', 'total'] })
    expect(render([{ id: 1, total: 9, secret: 'x' }], info)).toBe('id,total\r\n1,9\r\n')
  })

  it('can leave out the header row', () => {
    expect(csv({ header: false })([{ a: 1 }], info)).toBe('1\r\n')
  })

  it('writes given columns as the header of array rows', () => {
    expect(csv({ columns: ['x', 'y'] })([[1, 2]], info)).toBe('x,y\r\n1,2\r\n')
    expect(csv({ columns: ['x'] })([], info)).toBe('x\r\n')
  })

  it('guards formulas by default in renderCsv', () => {
    expect(renderCsv([{ v: '=cmd' }], info)).toBe("v\r\n'=cmd\r\n")
  })
})
