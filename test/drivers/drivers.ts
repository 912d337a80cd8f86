import { type LambdaApp, toLambdaHandler } from 'restmachine/lambda'
import { type ServableApp, serve } from 'restmachine/node'
import { type Driver, inProcess, type LambdaFrontDoor, overHttp, throughLambda } from 'restmachine/testing'

/** Every AWS front door the Lambda adapter serves. */
export const FRONT_DOORS: readonly LambdaFrontDoor[] = [
  'api-gateway-v1',
  'api-gateway-http-v1',
  'api-gateway-v2',
  'function-url',
  'alb',
  'alb-multi-value',
]

type App = ServableApp & LambdaApp

/**
 * One driver per deployment path: in memory, over a real socket, and through each Lambda front
 * door. Give a factory to test each driver against its own fresh application (startup values,
 * in-memory data); give an instance to share one, as a deployed module would.
 */
export function allDrivers(
  app: App | (() => App),
  lambdaHandler?: Parameters<typeof throughLambda>[0],
): Driver[] {
  const make = typeof app === 'function' ? app : () => app
  return [
    inProcess(make()),
    overHttp(() => serve(make(), { port: 0, handleSignals: false })),
    ...FRONT_DOORS.map((door) =>
      throughLambda(lambdaHandler ?? toLambdaHandler(make(), { stopOnSigterm: false }), door),
    ),
  ]
}
