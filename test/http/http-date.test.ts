import { describe, expect, it } from 'vitest'
import { formatHttpDate, isModifiedSince, parseHttpDate, toWholeSeconds } from '../../src/http/http-date.js'
import { assertTotal, garbageStrings } from './garbage.js'

const NOV_6_1994 = Date.UTC(1994, 10, 6, 8, 49, 37)
const NOW = Date.UTC(2026, 5, 15, 12, 0, 0)

describe('parseHttpDate', () => {
  it('parses the three formats of RFC 9110 §5.6.7 to the same instant', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(NOV_6_1994)
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(NOV_6_1994)
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(NOV_6_1994)
    expect(NOV_6_1994).toBe(784111777000)
  })

  it('parses asctime days written with two digits', () => {
    expect(parseHttpDate('Wed Nov 16 08:49:37 1994')).toBe(Date.UTC(1994, 10, 16, 8, 49, 37))
    expect(parseHttpDate('Wed Nov 06 08:49:37 1994')).toBe(NOV_6_1994)
  })

  it('accepts every month and day name', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
    months.forEach((month, index) => {
      expect(parseHttpDate(`Mon, 01 ${month} 2024 00:00:00 GMT`), month).toBe(Date.UTC(2024, index, 1))
    })
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      expect(parseHttpDate(`${day}, 01-Jan-24 00:00:00 GMT`, NOW), day).toBe(Date.UTC(2024, 0, 1))
      expect(parseHttpDate(`${day.slice(0, 3)}, 01 Jan 2024 00:00:00 GMT`), day).toBe(Date.UTC(2024, 0, 1))
    }
  })

  it('places RFC 850 two-digit years within 50 years of now (RFC 9110 §5.6.7)', () => {
    expect(parseHttpDate('Wednesday, 01-Jan-70 00:00:00 GMT', NOW)).toBe(Date.UTC(2070, 0, 1))
    expect(parseHttpDate('Thursday, 01-Jan-70 00:00:00 GMT', Date.UTC(2019, 5, 1))).toBe(0)
    expect(parseHttpDate('Friday, 01-Jan-26 00:00:00 GMT', NOW)).toBe(Date.UTC(2026, 0, 1))
    expect(parseHttpDate('Friday, 01-Jan-76 00:00:00 GMT', NOW)).toBe(Date.UTC(2076, 0, 1))
    expect(parseHttpDate('Friday, 01-Dec-76 00:00:00 GMT', NOW)).toBe(Date.UTC(1976, 11, 1))
    expect(parseHttpDate('Friday, 01-Jan-77 00:00:00 GMT', NOW)).toBe(Date.UTC(1977, 0, 1))
    expect(parseHttpDate('Friday, 01-Jan-99 00:00:00 GMT', NOW)).toBe(Date.UTC(1999, 0, 1))
    expect(parseHttpDate('Friday, 01-Jan-00 00:00:00 GMT', NOW)).toBe(Date.UTC(2000, 0, 1))
    expect(parseHttpDate('Friday, 01-Jan-99 00:00:00 GMT', Date.UTC(2060, 0, 1))).toBe(Date.UTC(2099, 0, 1))
  })

  it('rebuilds a 29 February that moved a century back into a non-leap year', () => {
    const now = Date.UTC(2050, 0, 1) // "-00" would be 2100, more than 50 years ahead, so 2000
    expect(parseHttpDate('Tuesday, 29-Feb-00 00:00:00 GMT', now)).toBe(Date.UTC(2000, 1, 29))
    const later = Date.UTC(2150, 0, 1) // "-00" is 2100, within 50 years, and 2100 is not a leap year
    expect(parseHttpDate('Monday, 29-Feb-00 00:00:00 GMT', later)).toBeNull()
  })

  it('uses the real clock when no time is given', () => {
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(NOV_6_1994)
  })

  it('handles leap days, the end of months and years before 100', () => {
    expect(parseHttpDate('Thu, 29 Feb 2024 00:00:00 GMT')).toBe(Date.UTC(2024, 1, 29))
    expect(parseHttpDate('Tue, 29 Feb 2000 00:00:00 GMT')).toBe(Date.UTC(2000, 1, 29))
    expect(parseHttpDate('Tue, 30 Apr 2024 23:59:59 GMT')).toBe(Date.UTC(2024, 3, 30, 23, 59, 59))
    const year50 = new Date(0)
    year50.setUTCFullYear(50, 0, 1)
    expect(parseHttpDate('Sat, 01 Jan 0050 00:00:00 GMT')).toBe(year50.getTime())
  })

  it('accepts a leap second', () => {
    expect(parseHttpDate('Sat, 31 Dec 2016 23:59:60 GMT')).toBe(Date.UTC(2017, 0, 1))
  })

  it('tolerates surrounding whitespace and a day name that disagrees with the date', () => {
    expect(parseHttpDate(' \tSun, 06 Nov 1994 08:49:37 GMT ')).toBe(NOV_6_1994)
    expect(parseHttpDate('Mon, 06 Nov 1994 08:49:37 GMT')).toBe(NOV_6_1994)
  })

  it('rejects impossible days, months and times', () => {
    const invalid = [
      'Sun, 00 Nov 1994 08:49:37 GMT',
      'Sun, 31 Nov 1994 08:49:37 GMT',
      'Sun, 32 Dec 1994 08:49:37 GMT',
      'Sun, 29 Feb 2023 08:49:37 GMT',
      'Sun, 29 Feb 1900 08:49:37 GMT',
      'Sun, 06 Nox 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 24:00:00 GMT',
      'Sun, 06 Nov 1994 08:60:37 GMT',
      'Sun, 06 Nov 1994 08:49:61 GMT',
      'Sun Nov  0 08:49:37 1994',
      'Sun Feb 30 08:49:37 1994',
      'Sunday, 31-Jun-94 08:49:37 GMT',
    ]
    for (const value of invalid) expect(parseHttpDate(value, NOW), value).toBeNull()
  })

  it('rejects anything that is not exactly one of the three formats', () => {
    const invalid = [
      '',
      'yesterday',
      '784111777',
      '1994-11-06T08:49:37Z',
      'sun, 06 Nov 1994 08:49:37 GMT',
      'Sun, 06 nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 08:49:37 gmt',
      'Sun, 06 Nov 1994 08:49:37 UTC',
      'Sun, 06 Nov 1994 08:49:37 +0000',
      'Sun, 6 Nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 94 08:49:37 GMT',
      'Sun, 06 Nov 1994 8:49:37 GMT',
      'Sun, 06 Nov 1994 08:49 GMT',
      'Sun,  06 Nov 1994 08:49:37 GMT',
      'Sun, 06-Nov-1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 08:49:37 GMTx',
      'Sun, 06 Nov 1994 08-49-37 GMT',
      'Sun, 0a Nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 19a4 08:49:37 GMT',
      'Sunday, 06-Nov-94 08:49:37',
      'Sundae, 06-Nov-94 08:49:37 GMT',
      'Sun, 06-Nov-94 08:49:37 GMT',
      'Sunday 06-Nov-94 08:49:37 GMT',
      'Sunday, 06 Nov 94 08:49:37 GMT',
      'Sunday, 06-Nov-1994 08:49:37 GMT',
      'Sunday, 6-Nov-94 08:49:37 GMT',
      'Sun Nov 6 08:49:37 1994',
      'Sun Nov  6 08:49:37 94',
      'Sun Nov  6 08:49:37 1994 GMT',
      'Sunday Nov  6 08:49:37 1994',
      'Sun Nov  6 08:49:37  994',
      'Sun Nov 6  08:49:37 1994',
    ]
    for (const value of invalid) expect(parseHttpDate(value, NOW), value).toBeNull()
  })

  it('never throws on garbage', () => {
    const fragments = ['Sun', 'Sunday', ', ', '06', ' Nov ', '-Nov-', '1994', '08:49:37', ' GMT', '  6']
    assertTotal((value) => parseHttpDate(value, NOW), garbageStrings(5000, fragments, 7, 40))
  })
})

describe('formatHttpDate', () => {
  it('produces an IMF-fixdate', () => {
    expect(formatHttpDate(NOV_6_1994)).toBe('Sun, 06 Nov 1994 08:49:37 GMT')
    expect(formatHttpDate(new Date(NOV_6_1994))).toBe('Sun, 06 Nov 1994 08:49:37 GMT')
    expect(formatHttpDate(0)).toBe('Thu, 01 Jan 1970 00:00:00 GMT')
  })

  it('drops milliseconds, rounding towards the past', () => {
    expect(formatHttpDate(NOV_6_1994 + 999)).toBe('Sun, 06 Nov 1994 08:49:37 GMT')
    expect(formatHttpDate(-1)).toBe('Wed, 31 Dec 1969 23:59:59 GMT')
  })

  it('pads years below 1000 to four digits', () => {
    const date = new Date(0)
    date.setUTCFullYear(50, 0, 1)
    expect(formatHttpDate(date)).toBe('Sat, 01 Jan 0050 00:00:00 GMT')
  })

  it('agrees with Date.prototype.toUTCString across many dates', () => {
    for (let ms = -2e12; ms < 4e12; ms += 7_777_777_777) {
      expect(formatHttpDate(ms)).toBe(new Date(ms).toUTCString())
    }
  })

  it('round-trips through parseHttpDate', () => {
    for (let ms = 0; ms < 4e12; ms += 9_999_999_000) expect(parseHttpDate(formatHttpDate(ms))).toBe(ms)
  })

  it('returns the remembered result for the same second and a fresh one for the next', () => {
    expect(formatHttpDate(NOV_6_1994 + 10)).toBe('Sun, 06 Nov 1994 08:49:37 GMT')
    expect(formatHttpDate(NOV_6_1994 + 20)).toBe('Sun, 06 Nov 1994 08:49:37 GMT')
    expect(formatHttpDate(NOV_6_1994 + 1000)).toBe('Sun, 06 Nov 1994 08:49:38 GMT')
  })

  it('throws a RangeError for invalid dates and years that IMF-fixdate cannot hold', () => {
    expect(() => formatHttpDate(Number.NaN)).toThrow(RangeError)
    expect(() => formatHttpDate(new Date('nonsense'))).toThrow(RangeError)
    expect(() => formatHttpDate(Date.UTC(10000, 0, 1))).toThrow(RangeError)
    expect(() => formatHttpDate(Date.UTC(-1, 0, 1))).toThrow(RangeError)
    expect(() => formatHttpDate(Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })
})

describe('toWholeSeconds and isModifiedSince', () => {
  const noon = Date.UTC(2024, 0, 1, 12, 0, 0)

  it('truncates to the second', () => {
    expect(toWholeSeconds(noon + 500)).toBe(noon)
    expect(toWholeSeconds(new Date(noon + 999))).toBe(noon)
    expect(toWholeSeconds(noon)).toBe(noon)
    expect(toWholeSeconds(-1)).toBe(-1000)
  })

  it('does not call a representation modified 500 ms after the date it was compared with', () => {
    expect(isModifiedSince(noon + 500, noon)).toBe(false)
    expect(isModifiedSince(new Date(noon + 500), noon)).toBe(false)
  })

  it('calls a representation modified a second or more later', () => {
    expect(isModifiedSince(noon + 1000, noon)).toBe(true)
    expect(isModifiedSince(noon - 1, noon)).toBe(false)
  })

  it('works with a date parsed from a header', () => {
    const since = parseHttpDate('Mon, 01 Jan 2024 12:00:00 GMT')
    expect(since).toBe(noon)
    expect(isModifiedSince(noon + 500, since as number)).toBe(false)
  })
})
