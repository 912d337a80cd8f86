/**
 * The http-features example on AWS Lambda: the very `app` object of examples/http-features-app.ts,
 * served by one handler behind API Gateway (REST or HTTP API), an Application Load Balancer or a
 * Function URL. Its startup values are created once per cold start.
 *
 *   Handler setting: lambda.handler (after bundling this file, e.g. with esbuild)
 */
import { toLambdaHandler } from 'restmachine/lambda'
import { app } from './http-features-app.js'

/** The Lambda entry point for every HTTP front door. */
export const handler = toLambdaHandler(app)
