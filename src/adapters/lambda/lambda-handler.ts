import type { RestRequest, RestResponse } from '../../http/index.js'
import { detectFrontDoor, type LambdaContext, type LambdaHttpResult } from './aws-events.js'
import { fromLambdaEvent } from './from-lambda-event.js'
import { toLambdaResult } from './to-lambda-result.js'

/** An application the Lambda adapter can serve (a `RestApplication`). */
export interface LambdaApp {
  start(): Promise<void>
  stop(): Promise<void>
  handle(request: RestRequest): RestResponse | Promise<RestResponse>
  /** The application's settings; the adapter warns through their `logger` when it has one. */
  readonly settings?: { readonly logger?: { warn?(message: string): void } }
}

/** Options of {@link toLambdaHandler}. */
export interface LambdaHandlerOptions {
  /**
   * A base path to remove from every request path, e.g. `/v1` for a custom domain whose API
   * mapping is `v1`. By default the adapter removes what AWS users expect: a named HTTP API stage
   * (`/prod/users` → `/users`), and a REST API custom domain's base path (found from the matched
   * resource). Function URLs and ALBs have neither.
   */
  basePath?: string
  /**
   * Run the shutdown hooks when the Lambda runtime sends SIGTERM (it does when an extension is
   * registered), then exit. Default: `true` when running on Lambda (`AWS_LAMBDA_FUNCTION_NAME` set).
   */
  stopOnSigterm?: boolean
}

/** A Lambda handler serving every HTTP front door, with the application's lifecycle at hand. */
export interface LambdaHandler {
  (event: unknown, context?: LambdaContext): Promise<LambdaHttpResult>
  /** Runs the application's shutdown hooks (once). */
  stop(): Promise<void>
  /** Resolves when the startup values exist (rejects if creating them failed). */
  readonly ready: Promise<void>
}

interface ProcessLike {
  env?: Record<string, string | undefined>
  once?: (signal: string, listener: () => void) => unknown
  exit?: (code: number) => never
}

/**
 * Wraps an application as an AWS Lambda handler for API Gateway REST APIs (v1), HTTP APIs (v2
 * and 1.0 payloads), Application Load Balancers (with or without multi-value headers) and Lambda
 * Function URLs; the front door is recognised from each event. Startup values are created once
 * per execution environment, during the cold start, not per request.
 *
 * @example
 * // handler.ts — configure the function's handler as `handler.handler`
 * import { toLambdaHandler } from 'restmachine/lambda'
 * import { app } from './app.js'
 * export const handler = toLambdaHandler(app)
 */
export function toLambdaHandler(app: LambdaApp, options: LambdaHandlerOptions = {}): LambdaHandler {
  // Start during the init phase (module load), which Lambda runs before the first event.
  const ready = app.start()
  ready.catch(() => {
    // Reported on every invocation below; this only stops an unhandled-rejection crash at load.
  })
  const proc = (globalThis as { process?: ProcessLike }).process
  const onLambda = proc?.env?.AWS_LAMBDA_FUNCTION_NAME !== undefined
  if ((options.stopOnSigterm ?? onLambda) && typeof proc?.once === 'function') {
    proc.once('SIGTERM', () => {
      app.stop().then(
        () => proc.exit?.(0),
        (error: unknown) => {
          console.error('[restmachine] shutdown hooks failed', error)
          proc.exit?.(1)
        },
      )
    })
  }
  // Warned once per handler (so per application), through the application's logger.
  let warnedDroppedCookies = false
  const onDroppedCookies = () => {
    if (warnedDroppedCookies) return
    warnedDroppedCookies = true
    const message =
      '[restmachine] an ALB response can carry only one Set-Cookie field; the others were dropped. ' +
      'Enable lambda.multi_value_headers.enabled on the target group.'
    const logger = app.settings?.logger
    if (logger?.warn !== undefined) logger.warn(message)
    else console.warn(message)
  }
  const handler = async (event: unknown, context: LambdaContext = {}): Promise<LambdaHttpResult> => {
    await ready
    const door = detectFrontDoor(event)
    if (door === undefined) {
      throw new TypeError(
        'restmachine/lambda: not an HTTP event (expected API Gateway REST/HTTP, ALB or Function URL)',
      )
    }
    const request = fromLambdaEvent(event as never, context, door, options)
    const response = await app.handle(request)
    return toLambdaResult(response, door, onDroppedCookies)
  }
  return Object.assign(handler, { stop: () => app.stop(), ready })
}
