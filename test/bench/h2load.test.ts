import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { h2Requests } from '../../bench/lib/h2.js'
import { h2loadArgs, parseDuration, parseH2load } from '../../bench/lib/h2load.js'

const SUMMARY = `
finished in 3.00s, 12345.67 req/s, 1.23MB/s
requests: 37037 total, 37050 started, 37037 done, 37000 succeeded, 37 failed, 2 errored, 0 timeout
status codes: 37000 2xx, 0 3xx, 40 4xx, 0 5xx
traffic: 3.69MB (3869056) total, 1.06MB (1110330) headers (space savings 91.44%), 629.63KB (644742) data
                     min         max         mean         sd        +/- sd
time for request:      512us     45.67ms      8.10ms      1.20ms    80.00%
`

describe('h2load driver', () => {
  it('reads req/s, done requests, status classes and request times from the summary', () => {
    const r = parseH2load(SUMMARY)
    expect(r.rps).toBe(12345.67)
    expect(r.requests).toBe(37037)
    expect(r.status).toEqual({ '2xx': 37000, '3xx': 0, '4xx': 40, '5xx': 0 })
    expect(r.errored).toBe(2)
    expect(r.meanUs).toBe(8100)
    expect(r.maxUs).toBe(45670)
  })

  it('refuses output without a summary instead of reporting zeros', () => {
    expect(() => parseH2load('starting benchmark...\n')).toThrow(/unreadable h2load output/)
  })

  it('converts h2load durations in us, ms and s to microseconds', () => {
    expect([parseDuration('250us'), parseDuration('1.5ms'), parseDuration('2s')]).toEqual([250, 1500, 2e6])
  })

  it('passes headers as -H, a body as -d and a single URI on the command line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'h2load-'))
    const args = h2loadArgs({
      base: 'https://127.0.0.1:9',
      requests: [
        { method: 'POST', path: '/items', headers: { 'content-type': 'application/json' }, body: '{}' },
      ],
      connections: 4,
      streams: 8,
      durationSec: 2,
      cpu: undefined,
      workDir: dir,
    })
    expect(args).toEqual([
      '-t',
      '1',
      '-c',
      '4',
      '-m',
      '8',
      '-D',
      '2',
      '-H',
      'content-type: application/json',
      '-d',
      path.join(dir, 'body'),
      'https://127.0.0.1:9/items',
    ])
    expect(readFileSync(path.join(dir, 'body'), 'utf8')).toBe('{}')
  })

  it('sends a mixed-method scenario with its non-GET method on every URI', () => {
    const mixed = h2Requests([
      { method: 'GET', path: '/missing', headers: {} },
      { method: 'DELETE', path: '/hello', headers: {} },
    ])
    expect(mixed.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /missing', 'DELETE /hello'])
  })
})
