const DAYS: readonly string[] = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const LONG_DAYS: readonly string[] = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
]
const MONTHS: readonly string[] = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
]
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => (n < 10 ? '0' : '') + n)
const MS_PER_DAY = 86_400_000
const DAYS_PER_400_YEARS = 146_097

/**
 * Parses an HTTP-date (RFC 9110 §5.6.7) into epoch milliseconds, or returns `null` when it is not one.
 * All three formats are accepted, as recipients must: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`),
 * RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`, whose two-digit year is placed within 50 years of `now`)
 * and asctime (`Sun Nov  6 08:49:37 1994`). Names are case-sensitive as the grammar says, impossible
 * dates (`31 Apr`, `29 Feb 2023`, hour 24) are rejected, and so is anything else around the date but
 * whitespace; a day name that disagrees with the date is tolerated, like most servers do.
 *
 * @example
 * parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT') // 784111777000
 * parseHttpDate('yesterday') // null
 */
export function parseHttpDate(value: string, now: number = Date.now()): number | null {
  let start = 0
  let end = value.length
  while (start < end && isOws(value.charCodeAt(start))) start++
  while (end > start && isOws(value.charCodeAt(end - 1))) end--
  const s = value.slice(start, end)
  if (s.charCodeAt(3) === 0x2c) return parseImfFixdate(s)
  if (s.charCodeAt(3) === 0x20) return parseAsctime(s)
  return parseRfc850(s, now)
}

/** `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 §5.6.7 IMF-fixdate). */
function parseImfFixdate(s: string): number | null {
  if (s.length !== 29 || indexOfName(s, 0, DAYS) === -1 || !s.startsWith(' GMT', 25)) return null
  if (s.charCodeAt(4) !== 0x20 || s.charCodeAt(7) !== 0x20 || s.charCodeAt(11) !== 0x20) return null
  if (s.charCodeAt(16) !== 0x20) return null
  return toEpoch(fourDigits(s, 12), indexOfName(s, 8, MONTHS), twoDigits(s, 5), s, 17)
}

/** `Sunday, 06-Nov-94 08:49:37 GMT` (RFC 9110 §5.6.7 rfc850-date, obsolete). */
function parseRfc850(s: string, now: number): number | null {
  const comma = s.indexOf(',')
  if (comma < 6 || s.length !== comma + 24 || !LONG_DAYS.includes(s.slice(0, comma))) return null
  const d = comma + 2 // start of DD-Mon-YY
  if (s.charCodeAt(comma + 1) !== 0x20 || s.charCodeAt(d + 9) !== 0x20) return null
  if (s.charCodeAt(d + 2) !== 0x2d || s.charCodeAt(d + 6) !== 0x2d || !s.startsWith(' GMT', d + 18))
    return null
  const twoDigitYear = twoDigits(s, d + 7)
  if (twoDigitYear === -1) return null
  const month = indexOfName(s, d + 3, MONTHS)
  const day = twoDigits(s, d)
  const nowYear = new Date(now).getUTCFullYear()
  const epoch = toEpoch(nowYear - (nowYear % 100) + twoDigitYear, month, day, s, d + 10)
  if (epoch === null) return null
  // RFC 9110 §5.6.7: a two-digit year more than 50 years in the future means the most recent past
  // year with the same last two digits. The same date a century earlier is valid too, except that
  // 29 February may not be, so it is rebuilt rather than shifted.
  const limit = new Date(now)
  limit.setUTCFullYear(nowYear + 50)
  if (epoch <= limit.getTime()) return epoch
  return toEpoch(nowYear - (nowYear % 100) + twoDigitYear - 100, month, day, s, d + 10)
}

/** `Sun Nov  6 08:49:37 1994` (RFC 9110 §5.6.7 asctime-date). */
function parseAsctime(s: string): number | null {
  if (s.length !== 24 || indexOfName(s, 0, DAYS) === -1) return null
  if (s.charCodeAt(7) !== 0x20 || s.charCodeAt(10) !== 0x20 || s.charCodeAt(19) !== 0x20) return null
  // day = 2DIGIT / ( SP DIGIT )
  const day = s.charCodeAt(8) === 0x20 ? digit(s.charCodeAt(9)) : twoDigits(s, 8)
  return toEpoch(fourDigits(s, 20), indexOfName(s, 4, MONTHS), day, s, 11)
}

/** Validates the date parts and the `HH:MM:SS` at `t`, then returns epoch milliseconds. */
function toEpoch(year: number, month: number, day: number, s: string, t: number): number | null {
  if (year === -1 || month === -1 || day < 1 || day > daysInMonth(year, month)) return null
  if (s.charCodeAt(t + 2) !== 0x3a || s.charCodeAt(t + 5) !== 0x3a) return null
  const hour = twoDigits(s, t)
  const minute = twoDigits(s, t + 3)
  const second = twoDigits(s, t + 6)
  // RFC 9110 §5.6.7: hour 00-23, minute 00-59, second 00-60 (60 for a leap second).
  if (hour === -1 || hour > 23 || minute === -1 || minute > 59 || second === -1 || second > 60) return null
  if (year >= 100) return Date.UTC(year, month, day, hour, minute, second)
  // Date.UTC reads years 0-99 as 1900-1999; the Gregorian calendar repeats every 400 years, so compute
  // the same moment 400 years later and step back exactly that many days.
  return Date.UTC(year + 400, month, day, hour, minute, second) - DAYS_PER_400_YEARS * MS_PER_DAY
}

/**
 * Formats a date as an IMF-fixdate (RFC 9110 §5.6.7), the only form a sender may generate, dropping
 * milliseconds; throws a RangeError for an invalid date or a year outside 0–9999. The last result is
 * kept, so formatting the current time many times a second costs one comparison.
 *
 * @example
 * formatHttpDate(784111777000) // 'Sun, 06 Nov 1994 08:49:37 GMT'
 */
export function formatHttpDate(date: Date | number): string {
  const ms = typeof date === 'number' ? date : date.getTime()
  const second = Math.floor(ms / 1000)
  if (second === lastSecond) return lastFormatted
  const d = new Date(second * 1000)
  const year = d.getUTCFullYear()
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`Cannot format ${String(date)} as an HTTP-date`)
  const formatted =
    DAYS[d.getUTCDay()] +
    ', ' +
    TWO_DIGITS[d.getUTCDate()] +
    ' ' +
    MONTHS[d.getUTCMonth()] +
    ' ' +
    (year < 1000 ? String(year).padStart(4, '0') : year) +
    ' ' +
    TWO_DIGITS[d.getUTCHours()] +
    ':' +
    TWO_DIGITS[d.getUTCMinutes()] +
    ':' +
    TWO_DIGITS[d.getUTCSeconds()] +
    ' GMT'
  lastSecond = second
  lastFormatted = formatted
  return formatted
}

let lastSecond = Number.NaN
let lastFormatted = ''

/**
 * Truncates a time to whole seconds, the resolution of HTTP-dates, so that comparisons with a parsed
 * If-Modified-Since or If-Unmodified-Since value are not thrown off by milliseconds.
 *
 * @example
 * toWholeSeconds(Date.UTC(2024, 0, 1, 12, 0, 0, 500)) === Date.UTC(2024, 0, 1, 12, 0, 0) // true
 */
export function toWholeSeconds(date: Date | number): number {
  const ms = typeof date === 'number' ? date : date.getTime()
  return Math.floor(ms / 1000) * 1000
}

/**
 * Whether a representation last modified at `lastModified` changed after the HTTP-date `since`,
 * compared at one-second resolution. If-Modified-Since is true (RFC 9110 §13.1.3) and
 * If-Unmodified-Since false (§13.1.4) exactly when this is true.
 *
 * @example
 * isModifiedSince(Date.UTC(2024, 0, 1, 12, 0, 0, 500), Date.UTC(2024, 0, 1, 12, 0, 0)) // false
 */
export function isModifiedSince(lastModified: Date | number, since: number): boolean {
  return toWholeSeconds(lastModified) > since
}

function indexOfName(s: string, i: number, names: readonly string[]): number {
  for (let n = 0; n < names.length; n++) if (s.startsWith(names[n] as string, i)) return n
  return -1
}

function digit(code: number): number {
  return code >= 0x30 && code <= 0x39 ? code - 0x30 : -1
}

function twoDigits(s: string, i: number): number {
  const tens = digit(s.charCodeAt(i))
  const units = digit(s.charCodeAt(i + 1))
  return tens === -1 || units === -1 ? -1 : tens * 10 + units
}

function fourDigits(s: string, i: number): number {
  const high = twoDigits(s, i)
  const low = twoDigits(s, i + 2)
  return high === -1 || low === -1 ? -1 : high * 100 + low
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09
}

function daysInMonth(year: number, month: number): number {
  if (month !== 1) return month === 3 || month === 5 || month === 8 || month === 10 ? 30 : 31
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
}
