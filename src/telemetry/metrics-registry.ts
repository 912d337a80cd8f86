import type { NodeId } from '../machine/index.js'
import { familyHeader, labelPairs, sampleLine } from './prometheus-text.js'
import { MACHINE_ANSWERS, type MetricsSink, REQUEST_DURATION } from './request-metrics.js'

/** How many label sets one metric keeps by default; further ones share the overflow series. */
export const DEFAULT_MAX_SERIES = 2000

/** The labels of the overflow series (OpenTelemetry's SDK names its cardinality overflow the same). */
const OVERFLOW_PAIRS = 'otel_metric_overflow="true"'
const OVERFLOW_KEY = '\u0001overflow'

/** The Prometheus names of the two metrics (OpenTelemetry's mapping: dots to `_`, the unit, `_total`). */
const DURATION_NAME = 'http_server_request_duration_seconds'
const ANSWERS_NAME = 'restmachine_machine_answers_total'
const DURATION_LABELS = [
  'error_type',
  'http_request_method',
  'http_response_status_code',
  'http_route',
  'url_scheme',
]
const ANSWERS_LABELS = ['http_response_status_code', 'http_route', 'restmachine_node']

interface HistogramSeries {
  readonly pairs: string
  /** Observations per bucket, not cumulative: one per boundary, then the one above the last. */
  readonly counts: number[]
  sum: number
  count: number
}

interface CounterSeries {
  readonly pairs: string
  value: number
}

/** Settings of a {@link MetricsRegistry}. */
export interface MetricsRegistryOptions {
  /**
   * The most label sets each metric keeps (default 2000). Past it, new ones are counted together
   * in one series labelled `otel_metric_overflow="true"`: a guard, since labels hold only method,
   * route template, status and node, which clients cannot multiply.
   */
  readonly maxSeries?: number
}

/**
 * The built-in metrics of one application (`metrics: true`): the request duration histogram and
 * the machine's answers, kept in memory and written as Prometheus text by {@link expose} (which
 * `metricsEndpoint(app)` serves). Each application has its own: nothing is kept at module level,
 * so two applications in one process count apart.
 *
 * @example
 * const registry = new MetricsRegistry()
 * registry.recordRequest('GET', 'http', '/users/{id}', 200, 0.003)
 * registry.expose() // '# HELP http_server_request_duration_seconds …'
 */
export class MetricsRegistry implements MetricsSink {
  readonly maxSeries: number
  readonly #durations = new Map<string, HistogramSeries>()
  readonly #answers = new Map<string, CounterSeries>()

  constructor(options: MetricsRegistryOptions = {}) {
    this.maxSeries = options.maxSeries ?? DEFAULT_MAX_SERIES
  }

  recordRequest(
    method: string,
    scheme: string,
    route: string | undefined,
    status: number,
    seconds: number,
  ): void {
    const key = `${method}\u0000${scheme}\u0000${route ?? ''}\u0000${route === undefined ? 0 : 1}\u0000${status}`
    let series = this.#durations.get(key)
    if (series === undefined) {
      const code = String(status)
      const values = [status >= 500 ? code : undefined, method, code, route, scheme]
      series = this.#series(this.#durations, key, labelPairs(DURATION_LABELS, values), newHistogram)
    }
    const bounds = REQUEST_DURATION.buckets
    let bucket = 0
    // A value equal to a boundary falls in that bucket: `le` is "less than or equal".
    while (bucket < bounds.length && seconds > (bounds[bucket] as number)) bucket++
    series.counts[bucket] = (series.counts[bucket] as number) + 1
    series.sum += seconds
    series.count++
  }

  recordMachineAnswer(status: number, node: NodeId, route: string | undefined): void {
    const key = `${status}\u0000${node}\u0000${route ?? ''}\u0000${route === undefined ? 0 : 1}`
    let series = this.#answers.get(key)
    if (series === undefined) {
      const pairs = labelPairs(ANSWERS_LABELS, [String(status), route, node])
      series = this.#series(this.#answers, key, pairs, (p) => ({ pairs: p, value: 0 }))
    }
    series.value++
  }

  /**
   * Every metric in the Prometheus text exposition format 0.0.4: per family a `# HELP` and a
   * `# TYPE` line, then its samples; a histogram's buckets cumulative, `le` ascending and ending at
   * `+Inf` (equal to `_count`), then `_sum` and `_count`.
   */
  expose(): string {
    let text = familyHeader(DURATION_NAME, 'histogram', REQUEST_DURATION.description)
    const bounds = REQUEST_DURATION.buckets
    for (const series of this.#durations.values()) {
      const prefix = series.pairs === '' ? '' : `${series.pairs},`
      let cumulative = 0
      for (let i = 0; i <= bounds.length; i++) {
        cumulative += series.counts[i] as number
        const le = i < bounds.length ? String(bounds[i]) : '+Inf'
        text += sampleLine(`${DURATION_NAME}_bucket`, `${prefix}le="${le}"`, cumulative)
      }
      text += sampleLine(`${DURATION_NAME}_sum`, series.pairs, series.sum)
      text += sampleLine(`${DURATION_NAME}_count`, series.pairs, series.count)
    }
    text += familyHeader(ANSWERS_NAME, 'counter', MACHINE_ANSWERS.description)
    for (const series of this.#answers.values()) text += sampleLine(ANSWERS_NAME, series.pairs, series.value)
    return text
  }

  /** A new series under `key`, or the overflow series once the metric holds `maxSeries`. */
  #series<S>(map: Map<string, S>, key: string, pairs: string, make: (pairs: string) => S): S {
    if (map.size < this.maxSeries) {
      const series = make(pairs)
      map.set(key, series)
      return series
    }
    let overflow = map.get(OVERFLOW_KEY)
    if (overflow === undefined) {
      overflow = make(OVERFLOW_PAIRS)
      map.set(OVERFLOW_KEY, overflow)
    }
    return overflow
  }
}

function newHistogram(pairs: string): HistogramSeries {
  return { pairs, counts: new Array<number>(REQUEST_DURATION.buckets.length + 1).fill(0), sum: 0, count: 0 }
}
