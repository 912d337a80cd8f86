/**
 * `restmachine/lambda`: serve an application on AWS Lambda behind API Gateway (REST and HTTP
 * APIs), an Application Load Balancer, or a Function URL — one handler for all of them.
 *
 * @example
 * import { toLambdaHandler } from 'restmachine/lambda'
 * export const handler = toLambdaHandler(app)
 */
export * from '../adapters/lambda/index.js'
