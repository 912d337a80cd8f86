import type { Renderer } from './renderers.js'

/**
 * Options of {@link csv} and {@link formatCsv}.
 *
 * @example
 * const options: CsvOptions = { columns: ['id', 'email'], header: true, guardFormulas: true }
 */
export interface CsvOptions {
  /**
   * Guards against CSV (formula) injection, on by default: a text cell starting with `=`, `+`, `-`,
   * `@`, TAB or CR — which spreadsheet programs may run as a formula — is prefixed with `'` so it is
   * shown as text (OWASP "CSV Injection"). Numbers are never prefixed (`-5` stays a number); a string
   * that merely looks like a negative number (`'-5'`) is. Turn it off only for consumers that are not
   * spreadsheets and need the exact text.
   */
  guardFormulas?: boolean
  /**
   * Columns to write, in order, for rows that are objects (default: the union of the rows' own keys in
   * first-seen order). For rows that are arrays, this becomes the header row.
   */
  columns?: readonly string[]
  /** Whether rows that are objects get a header row with the column names (default `true`). */
  header?: boolean
}

const NEEDS_QUOTES = /[",\r\n]/

/**
 * Formats rows as CSV following RFC 4180 §2: records end with CRLF (the last one too), a field is
 * quoted when it holds a comma, a double quote, CR or LF, and quotes inside are doubled. The value is
 * an array (or other iterable) of objects — a header row from their keys, then one record each — or
 * of arrays; a single plain object is one row. Cells: `null`/`undefined` empty, dates as ISO 8601,
 * objects as JSON, everything else via `String`. Throws a TypeError for anything else.
 *
 * @example
 * formatCsv([{ name: 'Ada', note: 'says "hi"' }]) // 'name,note\r\nAda,"says ""hi"""\r\n'
 * formatCsv([['=1+1', 2]]) // "'=1+1,2\r\n"
 */
export function formatCsv(value: unknown, options: CsvOptions = {}): string {
  const guard = options.guardFormulas ?? true
  const rows = toRows(value)
  let out = ''
  let columns = options.columns
  if (rows.length > 0 && !Array.isArray(rows[0])) {
    columns ??= unionOfKeys(rows)
    if (options.header ?? true) out += record(columns, guard)
    for (const row of rows) {
      if (Array.isArray(row)) throw mixedRows()
      const object = row as Readonly<Record<string, unknown>>
      const cells = columns.map((column) => (Object.hasOwn(object, column) ? object[column] : undefined))
      out += record(cells, guard)
    }
    return out
  }
  if (columns !== undefined && (options.header ?? true)) out += record(columns, guard)
  for (const row of rows) {
    if (!Array.isArray(row)) throw mixedRows()
    out += record(row, guard)
  }
  return out
}

/**
 * Makes a `text/csv` renderer (RFC 4180) with the given options; see {@link formatCsv}.
 *
 * @example
 * const renderReport = csv({ columns: ['id', 'total'], guardFormulas: true })
 * renderReport([{ id: 1, total: 9, secret: 'x' }], info) // 'id,total\r\n1,9\r\n'
 */
export function csv(options: CsvOptions = {}): Renderer {
  return (value) => formatCsv(value, options)
}

/**
 * The default `text/csv` renderer: {@link formatCsv} with formula guarding on and a header row.
 *
 * @example
 * renderCsv([{ id: 1 }, { id: 2, extra: true }], info) // 'id,extra\r\n1,\r\n2,true\r\n'
 */
export const renderCsv: Renderer = csv()

type Row = readonly unknown[] | Readonly<Record<string, unknown>>

function toRows(value: unknown): Row[] {
  if (value === null || typeof value !== 'object') {
    throw new TypeError('CSV content must be an array of objects or an array of arrays')
  }
  const rows = Array.isArray(value)
    ? value
    : Symbol.iterator in value
      ? Array.from(value as Iterable<unknown>)
      : [value]
  for (const row of rows) {
    if (row === null || typeof row !== 'object') {
      throw new TypeError('Each CSV row must be an object or an array, got ' + typeof row)
    }
  }
  return rows as Row[]
}

function mixedRows(): TypeError {
  return new TypeError('CSV rows must be all objects or all arrays, not a mix')
}

function unionOfKeys(rows: readonly Row[]): string[] {
  const keys = new Set<string>()
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key)
  return [...keys]
}

function record(cells: readonly unknown[], guard: boolean): string {
  let line = ''
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ','
    line += field(cells[i], guard)
  }
  return line + '\r\n' // RFC 4180 §2 rule 1: each record is terminated by CRLF
}

function field(cell: unknown, guard: boolean): string {
  let text: string
  if (typeof cell === 'string') text = guard && startsLikeFormula(cell) ? "'" + cell : cell
  else if (cell === null || cell === undefined) return ''
  else if (typeof cell === 'object')
    text = cell instanceof Date ? isoDate(cell) : (JSON.stringify(cell) ?? '')
  else if (typeof cell === 'function' || typeof cell === 'symbol') return ''
  else text = String(cell)
  // RFC 4180 §2 rules 6 and 7: enclose in double quotes, doubling the quotes inside.
  return NEEDS_QUOTES.test(text) ? '"' + text.replaceAll('"', '""') + '"' : text
}

function startsLikeFormula(text: string): boolean {
  const code = text.charCodeAt(0)
  // = + - @ TAB CR (OWASP CSV Injection)
  return code === 0x3d || code === 0x2b || code === 0x2d || code === 0x40 || code === 0x09 || code === 0x0d
}

function isoDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString()
}
