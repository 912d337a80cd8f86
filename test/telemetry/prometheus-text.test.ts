import { describe, expect, it } from 'vitest'
import {
  DEFAULT_MAX_SERIES,
  MetricsRegistry,
  PROMETHEUS_CONTENT_TYPE,
  REQUEST_DURATION,
} from '../../src/telemetry/index.js'
import { escapeLabelValue, labelPairs } from '../../src/telemetry/prometheus-text.js'
import { defined } from '../support/defined.js'
import { parsePrometheusText } from '../support/prometheus-text.js'

const DURATION = 'http_server_request_duration_seconds'

function bucketsOf(text: string, route: string): Map<string, number> {
  const family = defined(parsePrometheusText(text).get(DURATION), 'the duration family')
  const buckets = new Map<string, number>()
  for (const sample of family.samples) {
    if (sample.name === `${DURATION}_bucket` && sample.labels.http_route === route) {
      buckets.set(defined(sample.labels.le, 'le'), sample.value)
    }
  }
  return buckets
}

describe('the Prometheus text of the built-in registry', () => {
  it('escapes a backslash, a double quote and a line feed in a label value, and nothing else', () => {
    expect(escapeLabelValue('a\\b"c\nd é')).toBe('a\\\\b\\"c\\nd é')
    expect(labelPairs(['x', 'y', 'z'], ['1', undefined, '"'])).toBe('x="1",z="\\""')
  })

  it('writes the histogram with cumulative buckets from the conventions’ boundaries to +Inf, then _sum and _count', () => {
    const registry = new MetricsRegistry()
    for (const seconds of [0.001, 0.005, 0.02, 0.3, 12])
      registry.recordRequest('GET', 'http', '/a', 200, seconds)
    const text = registry.expose()
    const buckets = bucketsOf(text, '/a')
    expect([...buckets.keys()]).toEqual([...REQUEST_DURATION.buckets.map(String), '+Inf'])
    // 0.005 falls in le="0.005": a bucket counts the values less than or equal to its bound.
    expect(buckets.get('0.005')).toBe(2)
    expect(buckets.get('0.025')).toBe(3)
    expect(buckets.get('0.25')).toBe(3)
    expect(buckets.get('0.5')).toBe(4)
    expect(buckets.get('10')).toBe(4)
    expect(buckets.get('+Inf')).toBe(5)
    const family = defined(parsePrometheusText(text).get(DURATION), 'the duration family')
    const sum = defined(
      family.samples.find((s) => s.name === `${DURATION}_sum`),
      '_sum',
    )
    expect(sum.value).toBeCloseTo(12.326, 9)
    expect(family.type).toBe('histogram')
    expect(family.help).toBe('Duration of HTTP server requests.')
  })

  it('labels a 5xx with error_type and leaves http_route out when no route matched', () => {
    const registry = new MetricsRegistry()
    registry.recordRequest('_OTHER', 'https', undefined, 501, 0.001)
    registry.recordRequest('POST', 'http', '/orders', 503, 0.002)
    const family = defined(parsePrometheusText(registry.expose()).get(DURATION), 'the duration family')
    const counts = family.samples.filter((s) => s.name === `${DURATION}_count`).map((s) => s.labels)
    expect(counts).toEqual([
      {
        error_type: '501',
        http_request_method: '_OTHER',
        http_response_status_code: '501',
        url_scheme: 'https',
      },
      {
        error_type: '503',
        http_request_method: 'POST',
        http_response_status_code: '503',
        http_route: '/orders',
        url_scheme: 'http',
      },
    ])
  })

  it('keeps a route template with quotes and backslashes readable after escaping', () => {
    const registry = new MetricsRegistry()
    registry.recordMachineAnswer(404, 'G7', '/files/{name}"\\\n')
    const family = defined(
      parsePrometheusText(registry.expose()).get('restmachine_machine_answers_total'),
      'answers',
    )
    expect(family.type).toBe('counter')
    expect(family.samples).toEqual([
      {
        name: 'restmachine_machine_answers_total',
        labels: {
          http_response_status_code: '404',
          http_route: '/files/{name}"\\\n',
          restmachine_node: 'G7',
        },
        value: 1,
      },
    ])
  })

  it('counts label sets past maxSeries together in one otel_metric_overflow series', () => {
    const registry = new MetricsRegistry({ maxSeries: 2 })
    for (const route of ['/a', '/b', '/c', '/d', '/c'])
      registry.recordRequest('GET', 'http', route, 200, 0.001)
    const family = defined(parsePrometheusText(registry.expose()).get(DURATION), 'the duration family')
    const counts = family.samples.filter((s) => s.name === `${DURATION}_count`)
    expect(counts.map((s) => [s.labels, s.value])).toEqual([
      [
        {
          http_request_method: 'GET',
          http_response_status_code: '200',
          http_route: '/a',
          url_scheme: 'http',
        },
        1,
      ],
      [
        {
          http_request_method: 'GET',
          http_response_status_code: '200',
          http_route: '/b',
          url_scheme: 'http',
        },
        1,
      ],
      [{ otel_metric_overflow: 'true' }, 3],
    ])
    expect(DEFAULT_MAX_SERIES).toBe(2000)
  })

  it('is served with the 0.0.4 media type', () => {
    expect(PROMETHEUS_CONTENT_TYPE).toBe('text/plain; version=0.0.4; charset=utf-8')
  })
})

describe('the strict reader used by these tests', () => {
  const valid = '# HELP m_total Help.\n# TYPE m_total counter\nm_total{a="1"} 2\n'
  it('reads a valid exposition', () => {
    expect(defined(parsePrometheusText(valid).get('m_total'), 'm_total').samples).toHaveLength(1)
  })

  it.each([
    ['no final line feed', valid.slice(0, -1)],
    ['a bad escape', 'm{a="\\t"} 1\n'],
    ['an unterminated value', 'm{a="1} 1\n'],
    ['a reserved label name', 'm{__a="1"} 1\n'],
    ['a label twice', 'm{a="1",a="2"} 1\n'],
    ['a duplicate series', 'm{a="1"} 1\nm{a="1"} 2\n'],
    ['TYPE after samples', 'm 1\n# TYPE m counter\n'],
    ['a split family', 'm{a="1"} 1\nn 1\nm{a="2"} 1\n'],
    ['a value that is not a float', 'm 0x10\n'],
    ['two spaces', 'm  1\n'],
    [
      'a histogram whose buckets decrease',
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n',
    ],
    ['a histogram without +Inf', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n'],
    [
      'a histogram whose +Inf is not its count',
      '# TYPE h histogram\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 2\n',
    ],
  ])('rejects %s', (_, text) => {
    expect(() => parsePrometheusText(text)).toThrow()
  })
})
