import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, serve } from '../../src/entries/node.js'
import { metricsEndpoint, RestApplication } from '../../src/index.js'
import { defined } from '../support/defined.js'
import { type Family, parsePrometheusText } from '../support/prometheus-text.js'

const DURATION = 'http_server_request_duration_seconds'
const ANSWERS = 'restmachine_machine_answers_total'

function usersApp() {
  const app = new RestApplication({ metrics: true, logger: { error: () => undefined } }).authorized(
    'admin',
    ({ headers }) => (headers.get('authorization') === 'Bearer admin' ? { id: 'a' } : null),
  )
  app.get('/users/{id}', ({ pathParams }) => ({ id: pathParams.id }))
  app.delete('/users/{id}', () => null, { requires: ['admin'] })
  app.get('/metrics', metricsEndpoint(app))
  return app
}

/** One request over the socket, with the raw status, headers and text. */
function send(url: string, method = 'GET', headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
    (resolve, reject) => {
      request(url, { method, headers }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }))
      })
        .on('error', reject)
        .end()
    },
  )
}

async function scrape(server: RunningServer): Promise<Map<string, Family>> {
  const response = await send(`${server.url}/metrics`)
  expect(response.status).toBe(200)
  return parsePrometheusText(response.text)
}

function countOf(families: Map<string, Family>, labels: Record<string, string>): number | undefined {
  const family = defined(families.get(DURATION), 'the duration family')
  const samples = family.samples.filter(
    (s) => s.name === `${DURATION}_count` && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )
  return samples.length === 0 ? undefined : samples.reduce((sum, s) => sum + s.value, 0)
}

describe('metricsEndpoint over a real socket', () => {
  let first: RunningServer
  let second: RunningServer
  beforeAll(async () => {
    first = await serve(usersApp(), { port: 0, handleSignals: false })
    second = await serve(usersApp(), { port: 0, handleSignals: false })
  })
  afterAll(async () => {
    await first.close()
    await second.close()
  })

  it('serves Prometheus text 0.0.4 that a strict reader accepts, not to be cached', async () => {
    const response = await send(`${first.url}/metrics`)
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(response.headers['cache-control']).toBe('no-store')
    const families = parsePrometheusText(response.text)
    expect(defined(families.get(DURATION), 'the duration family').type).toBe('histogram')
    expect(defined(families.get(ANSWERS), 'the answers family').type).toBe('counter')
  })

  it('counts requests by route template, never by path, and refusals by status and node', async () => {
    for (const id of ['1', '2', '3', 'x%22y']) await send(`${first.url}/users/${id}`)
    await send(`${first.url}/users/1`, 'DELETE') // 401 at B8
    await send(`${first.url}/users/1`, 'PUT') // 405 at B10
    await send(`${first.url}/admin/../etc/passwd`) // no route: 404
    const response = await send(`${first.url}/metrics`)
    const families = parsePrometheusText(response.text)
    expect(countOf(families, { http_route: '/users/{id}', http_response_status_code: '200' })).toBe(4)
    expect(countOf(families, { http_request_method: 'DELETE', http_response_status_code: '401' })).toBe(1)
    expect(response.text).not.toContain('/users/1')
    expect(response.text).not.toContain('passwd')
    const answers = defined(families.get(ANSWERS), 'the answers family').samples
    expect(answers.map((s) => [s.labels, s.value])).toEqual([
      [{ http_response_status_code: '401', http_route: '/users/{id}', restmachine_node: 'B8' }, 1],
      [{ http_response_status_code: '405', http_route: '/users/{id}', restmachine_node: 'B10' }, 1],
      [{ http_response_status_code: '404', restmachine_node: 'PATH' }, 1],
    ])
    // The unmatched request has no http_route label: one series, whatever path was asked for.
    const unmatched = defined(families.get(DURATION), 'the duration family').samples.filter(
      (s) => s.name === `${DURATION}_count` && s.labels.http_route === undefined,
    )
    expect(unmatched.map((s) => s.labels)).toEqual([
      { http_request_method: 'GET', http_response_status_code: '404', url_scheme: 'http' },
    ])
  })

  it('keeps each application’s counts apart in one process', async () => {
    await send(`${second.url}/users/9`)
    const firstFamilies = await scrape(first)
    const secondFamilies = await scrape(second)
    expect(countOf(secondFamilies, { http_route: '/users/{id}' })).toBe(1)
    expect(countOf(firstFamilies, { http_route: '/users/{id}', http_response_status_code: '200' })).toBe(4)
    expect(defined(secondFamilies.get(ANSWERS), 'the answers family').samples).toEqual([])
  })

  it('answers HEAD with the headers only', async () => {
    const response = await send(`${first.url}/metrics`, 'HEAD')
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(response.text).toBe('')
  })
})
