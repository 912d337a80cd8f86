export type { Driver, DriverRequest, DriverResponse } from './driver.js'
export { type ListeningServer, overHttp } from './http-driver.js'
export { inProcess, type TestableApp } from './in-process-driver.js'
export { type LambdaFunction, throughLambda } from './lambda-driver.js'
export { type LambdaFrontDoor, lambdaEventFor, SIMULATED_STAGE, simulatedHost } from './lambda-events.js'
export {
  createTestClient,
  type TestClient,
  type TestRequestOptions,
  type TestResponse,
} from './test-client.js'
