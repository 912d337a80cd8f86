import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../examples/ops/metrics.js'
import { defined } from '../support/defined.js'
import { parsePrometheusText } from '../support/prometheus-text.js'

const TOKEN = 'test-scrape-token'
const scraper = { authorization: `Bearer ${TOKEN}` }

describe('examples/ops/metrics.ts over a real socket', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await serve(createApp(TOKEN), { port: 0, handleSignals: false })
  })
  afterAll(() => server.close())

  it('refuses a scrape without the token with 401 and a Bearer challenge', async () => {
    const response = await fetch(`${server.url}/metrics`)
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
  })

  it('serves the counts by route template and the machine’s answers to the scraper', async () => {
    await fetch(`${server.url}/books/1`)
    await fetch(`${server.url}/books/1`, { headers: { 'if-none-match': '"2"' } })
    await fetch(`${server.url}/books/99`)
    const response = await fetch(`${server.url}/metrics`, { headers: scraper })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
    const families = parsePrometheusText(await response.text())
    const counts = defined(
      families.get('http_server_request_duration_seconds'),
      'the histogram',
    ).samples.filter((s) => s.name.endsWith('_count'))
    expect(counts.map((s) => [s.labels.http_route, s.labels.http_response_status_code, s.value])).toEqual([
      ['/metrics', '401', 1],
      ['/books/{id}', '200', 1],
      ['/books/{id}', '304', 1],
      ['/books/{id}', '404', 1],
    ])
    const answers = defined(families.get('restmachine_machine_answers_total'), 'the counter').samples
    expect(
      answers.map((s) => [s.labels.restmachine_node, s.labels.http_response_status_code, s.value]),
    ).toEqual([
      ['B8', '401', 1],
      ['J18', '304', 1],
      ['G7', '404', 1],
    ])
  })
})

describe('examples/ops/metrics.ts run as a program', () => {
  it('prints the scrape of its own few requests', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'examples/ops/metrics.ts'],
      {
        timeout: 60_000,
      },
    )
    expect(stdout).toContain('# TYPE http_server_request_duration_seconds histogram')
    expect(stdout).toContain(
      'restmachine_machine_answers_total{http_response_status_code="401",http_route="/metrics",restmachine_node="B8"} 1',
    )
  }, 60_000)
})
