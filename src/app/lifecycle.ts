import { createStartupValues, runShutdownHooks, type StartupFactory } from '../di/index.js'
import { ConfigurationError } from '../errors/index.js'
import { type MetricsRegistry, traceStartup } from '../telemetry/index.js'
import type { RestApplicationOptions } from './application-options.js'
import { type CompiledApp, compileApplication } from './compile-application.js'
import type { Registrations } from './registrations.js'

/** Where an application is in its life. */
export interface Lifecycle {
  state: 'idle' | 'starting' | 'started' | 'stopped'
  /**
   * The application compiled from its registrations as they are: made by the first `start()` or
   * `describe()`, and dropped by a registration while idle, so one state is compiled once.
   */
  compiled: CompiledApp | undefined
  /** The compiled application once its startup values exist: requests are served from it. */
  ready: CompiledApp | undefined
  /** The first `start()`'s run, resolving to the application it made ready. */
  starting: Promise<CompiledApp> | undefined
  /** The lifecycles of the applications this one is mounted on: its registrations are theirs too. */
  readonly mountedOn: Lifecycle[]
}

/** A new application's lifecycle: idle, never compiled, mounted nowhere. @example idleLifecycle().state // 'idle' */
export function idleLifecycle(): Lifecycle {
  return { state: 'idle', compiled: undefined, ready: undefined, starting: undefined, mountedOn: [] }
}

/**
 * Allows a registration only while the application, and every application it is mounted on, is
 * idle; drops their compiles made by `describe()`, which the registration makes stale.
 */
export function assertIdle(lifecycle: Lifecycle, what: string): void {
  if (lifecycle.state !== 'idle') {
    throw new ConfigurationError(
      `${what}: the application has already started; register everything before start()`,
    )
  }
  lifecycle.compiled = undefined
  for (const parent of lifecycle.mountedOn) assertIdle(parent, what)
}

interface Startable {
  readonly registrations: Registrations
  readonly lifecycle: Lifecycle
  readonly settings: RestApplicationOptions
  /** The application's own metrics registry (`metrics: true`), kept across compiles. */
  readonly metrics: MetricsRegistry | undefined
}

/**
 * The application compiled from its current registrations: compiled on the first call, then the same
 * object until a registration drops it. `start()` and `describe()` both come here, so documenting an
 * application before it starts compiles it no more often than starting it does.
 */
export function compiledApplication(app: Startable): CompiledApp {
  const lifecycle = app.lifecycle
  lifecycle.compiled ??= compileApplication(app.registrations, app.settings, app.metrics)
  return lifecycle.compiled
}

/** Compiles the application and creates its startup values, once; resolves to the application made ready. */
export function startApplication(app: Startable): Promise<CompiledApp> {
  const lifecycle = app.lifecycle
  if (lifecycle.starting !== undefined) return lifecycle.starting
  lifecycle.state = 'starting'
  lifecycle.starting = (async () => {
    const compiled = compiledApplication(app)
    const create = (order: readonly StartupFactory[]) =>
      createStartupValues(order, app.registrations.startupValues)
    // With telemetry, the start is a span and slow startup values its children (src/telemetry/).
    if (compiled.telemetry === undefined) await create(compiled.startupOrder)
    else await traceStartup(compiled.telemetry, compiled.startupOrder, create)
    lifecycle.ready = compiled
    lifecycle.state = 'started'
    return compiled
  })()
  return lifecycle.starting
}

/** Runs every shutdown hook once, in reverse registration order; a failing hook does not stop the rest. */
export async function stopApplication(app: Startable): Promise<void> {
  const lifecycle = app.lifecycle
  if (lifecycle.state !== 'started') {
    lifecycle.state = 'stopped'
    return
  }
  lifecycle.state = 'stopped'
  const { registrations } = app
  const failures = await runShutdownHooks(registrations.shutdownHooks, registrations.startupValues)
  if (failures.length > 0) {
    throw new AggregateError(failures, `${failures.length} shutdown hook(s) failed`)
  }
}

/** Whether `lifecycle` is `ancestor`'s or mounted, directly or not, on the application it belongs to. */
export function isMountedIn(lifecycle: Lifecycle, ancestor: Lifecycle): boolean {
  return lifecycle === ancestor || lifecycle.mountedOn.some((parent) => isMountedIn(parent, ancestor))
}
