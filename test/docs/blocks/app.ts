/**
 * "Your app", as a documentation block imports it (`import { app } from './app.js'`) when it shows how
 * to deploy or test an application rather than how to build one; `handler` is its Lambda handler.
 * test/docs/code-blocks.test.ts type-checks the blocks as modules of this folder
 * (docs/decisions/0370-documentation-code-blocks-type-checked.md).
 */
import { RestApplication } from 'restmachine'
import { toLambdaHandler } from 'restmachine/lambda'

/** An application with one route. */
export const app = new RestApplication()
app.get('/health', () => ({ ok: true }))

/** The application's AWS Lambda handler. */
export const handler = toLambdaHandler(app)
