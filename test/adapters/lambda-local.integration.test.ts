import { execute } from 'lambda-local'
import { toLambdaHandler } from 'restmachine/lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp as createBearerApp } from '../../examples/auth/bearer.js'
import { handler as featuresHandler } from '../../examples/lambda.js'
import { retarget, SAMPLES, sample, setHeader } from './aws-samples.js'

// lambda-local, a third-party emulator, invokes the handlers with AWS's sample events, changed
// only in method, path, body, Accept (some samples accept only HTML) and the header under test, each written the way the sample writes
// its names (mixed case on the REST API samples) and carried in whichever maps its front door has.

type Result = {
  statusCode: number
  body: string
  isBase64Encoded: boolean
  headers?: Record<string, string>
  multiValueHeaders?: Record<string, string[]>
}

const bearerHandler = toLambdaHandler(createBearerApp(), { stopOnSigterm: false })
let environment: NodeJS.ProcessEnv

beforeAll(() => {
  // lambda-local sets AWS_LAMBDA_* variables on this process; they are put back afterwards.
  environment = { ...process.env }
})
afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name]
  Object.assign(process.env, environment)
})

async function invoke(handler: unknown, event: unknown): Promise<Result> {
  return (await execute({
    lambdaFunc: { handler },
    lambdaHandler: 'handler',
    event,
    timeoutMs: 10_000,
    verboseLevel: 0,
  })) as Result
}

const text = (result: Result) =>
  result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body

/** The name as the sample spells its fields: capitalised where the sample capitalises `Host`. */
function spelled(event: Record<string, unknown>, lower: string, capitalised: string): string {
  const names = Object.keys((event.multiValueHeaders ?? event.headers ?? {}) as object)
  return names.some((n) => n === 'Host' || n === 'Accept' || n === 'Header1') ? capitalised : lower
}

describe.each(SAMPLES)('lambda-local invoking examples with $file ($door)', ({ file }) => {
  it('accepts a JSON POST with Content-Type: application/json (201, not 415)', async () => {
    const event = retarget(sample(file), 'POST', '/documents', JSON.stringify({ title: `from ${file}` }))
    setHeader(event, spelled(event, 'content-type', 'Content-Type'), 'application/json')
    setHeader(event, spelled(event, 'accept', 'Accept'), 'application/json')
    const result = await invoke(featuresHandler, event)
    expect(result.statusCode, text(result)).toBe(201)
    expect(JSON.parse(text(result))).toMatchObject({ title: `from ${file}` })
  })

  it('accepts Authorization: Bearer with a valid token (200, not 400 for ambiguous credentials)', async () => {
    const event = retarget(sample(file), 'GET', '/protected')
    setHeader(event, spelled(event, 'authorization', 'Authorization'), 'Bearer valid_token_123')
    const result = await invoke(bearerHandler, event)
    expect(result.statusCode, text(result)).toBe(200)
    expect(JSON.parse(text(result))).toEqual({ message: 'Hello, Alice!', user_id: '1' })
  })

  it('answers If-None-Match with the current ETag with 304 and no content', async () => {
    const event = retarget(sample(file), 'GET', '/documents/2')
    setHeader(event, spelled(event, 'if-none-match', 'If-None-Match'), '"2-v3"')
    setHeader(event, spelled(event, 'accept', 'Accept'), 'application/json')
    const result = await invoke(featuresHandler, event)
    expect(result.statusCode).toBe(304)
    expect(result.body).toBe('')
  })

  it('answers a Range request with 206 and the requested bytes', async () => {
    const event = retarget(sample(file), 'GET', '/files/sample.txt')
    setHeader(event, spelled(event, 'range', 'Range'), 'bytes=0-9')
    setHeader(event, spelled(event, 'accept', 'Accept'), 'text/plain')
    const result = await invoke(featuresHandler, event)
    expect(result.statusCode).toBe(206)
    expect(text(result)).toBe('line:0000\n')
  })
})
