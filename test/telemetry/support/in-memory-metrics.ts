// OpenTelemetry's metrics SDK as an application would register it, with a reader the tests collect from.
import * as otel from '@opentelemetry/api'
import {
  AggregationTemporality,
  type DataPoint,
  DataPointType,
  type Histogram,
  InMemoryMetricExporter,
  MeterProvider,
  type MetricData,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics'

/** A registered MeterProvider and a way to read what it aggregated so far (cumulative). */
export interface InMemoryMetrics {
  /** Every metric the provider holds now, by name. */
  collect(): Promise<Map<string, MetricData>>
  shutdown(): Promise<void>
}

/**
 * Registers a MeterProvider globally (in place of any a test file run before in the same worker
 * registered) whose reader exports to memory only when the test asks.
 */
export function registerInMemoryMetrics(): InMemoryMetrics {
  otel.metrics.disable()
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
  // The interval is far longer than any test: collection happens on forceFlush only.
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })
  const provider = new MeterProvider({ readers: [reader] })
  otel.metrics.setGlobalMeterProvider(provider)
  return {
    async collect() {
      exporter.reset()
      await reader.forceFlush()
      const byName = new Map<string, MetricData>()
      for (const resource of exporter.getMetrics()) {
        for (const scope of resource.scopeMetrics)
          for (const metric of scope.metrics) byName.set(metric.descriptor.name, metric)
      }
      return byName
    },
    shutdown: () => provider.shutdown(),
  }
}

/** A histogram's data points (fails when the metric is missing or not a histogram). */
export function histogramPoints(metric: MetricData | undefined): DataPoint<Histogram>[] {
  if (metric === undefined || metric.dataPointType !== DataPointType.HISTOGRAM) {
    throw new Error(`expected a histogram, got ${metric === undefined ? 'nothing' : metric.dataPointType}`)
  }
  return metric.dataPoints as DataPoint<Histogram>[]
}

/** A counter's data points as `[attributes, value]` (fails when the metric is missing). */
export function sumPoints(metric: MetricData | undefined): [otel.Attributes, number][] {
  if (metric === undefined) throw new Error('expected a counter, got nothing')
  return (metric.dataPoints as DataPoint<number>[]).map((point) => [point.attributes, point.value])
}
