import type { StartupFactory } from '../di/index.js'
import type { RequestTelemetry } from './request-telemetry.js'
import { recordSlowSpan, timed } from './slow-span.js'

/**
 * The application's start as a span, `restmachine start` (kind INTERNAL, a root: no request is in
 * flight), with a child span for each startup value whose creation took at least the threshold
 * (`startup db`). `create` makes the values from the factories it is given: timed copies of
 * `order`. A failed start ends the span with the ERROR status.
 *
 * @example
 * await traceStartup(telemetry, compiled.startupOrder, (order) => createStartupValues(order, values))
 */
export async function traceStartup(
  telemetry: RequestTelemetry,
  order: readonly StartupFactory[],
  create: (order: readonly StartupFactory[]) => Promise<void>,
): Promise<void> {
  const { api } = telemetry
  const span = telemetry.tracer.startSpan('restmachine start', { kind: api.SpanKind.INTERNAL })
  const timedOrder = order.map(
    (factory): StartupFactory => ({
      ...factory,
      create: (values) =>
        timed(
          () => factory.create(values),
          (started, error) =>
            recordSlowSpan(
              telemetry,
              span,
              `startup ${factory.name}`,
              { 'restmachine.dependency.name': factory.name, 'restmachine.dependency.kind': 'startup' },
              started,
              error,
            ),
        ),
    }),
  )
  try {
    await create(timedOrder)
  } catch (error) {
    span.setAttribute('error.type', error instanceof Error ? error.name : typeof error)
    span.setStatus({ code: api.SpanStatusCode.ERROR })
    throw error
  } finally {
    span.end()
  }
}
