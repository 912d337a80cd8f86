/** The measured scenarios: which requests the load generator sends and which statuses are expected. */
import {
  COMPRESSED_ACCEPT_ENCODING,
  HELLO_ALLOW,
  ITEM_BODY,
  PATHS,
  USER_COUNT,
  userPath,
} from '../scenarios.js'

export interface LoadRequest {
  method: string
  path: string
  headers: Record<string, string>
  body?: string
}

/** Values the correctness checks learn from a server and the load needs (token, ETag). */
export interface LoadInputs {
  token: string
  etag: string | null
}

export interface Scenario {
  id: string
  /** the scenario number */
  number: number
  title: string
  /** statuses that count as a correct answer; anything else is "unexpected" */
  expected: number[]
  /** the requests each connection cycles through, in order */
  requests(inputs: LoadInputs): LoadRequest[]
}

const get = (path: string, headers: Record<string, string> = {}): LoadRequest => ({
  method: 'GET',
  path,
  headers,
})

export const SCENARIOS: Scenario[] = [
  {
    id: 'hello',
    number: 1,
    title: 'GET /hello → {"hello":"world"}',
    expected: [200],
    requests: () => [get(PATHS.hello)],
  },
  {
    id: 'users',
    number: 2,
    title: 'GET /users/{id} (ids 0…999), path parameter + startup db + request-scoped dependency',
    expected: [200],
    requests: () => Array.from({ length: USER_COUNT }, (_, i) => get(userPath(i))),
  },
  {
    id: 'profile',
    number: 3,
    title: 'GET /profile with an HS256 JWT (jose jwtVerify)',
    expected: [200],
    requests: ({ token }) => [get(PATHS.profile, { authorization: `Bearer ${token}` })],
  },
  {
    id: 'doc-304',
    number: 4,
    title: 'GET /doc with If-None-Match → 304 (~10 KB body built per request)',
    expected: [304],
    requests: ({ etag }) => [get(PATHS.doc, etag ? { 'if-none-match': etag } : {})],
  },
  {
    id: 'doc-200',
    number: 4,
    title: 'GET /doc unconditional → 200 (~10 KB JSON with ETag)',
    expected: [200],
    requests: () => [get(PATHS.doc)],
  },
  {
    id: 'doc-gzip',
    number: 4,
    title: `GET /compressed/doc with Accept-Encoding: ${COMPRESSED_ACCEPT_ENCODING} → 200 compressed (~10 KB JSON)`,
    expected: [200],
    requests: () => [get(PATHS.docCompressed, { 'accept-encoding': COMPRESSED_ACCEPT_ENCODING })],
  },
  {
    id: 'items',
    number: 5,
    title: 'POST /items, 1 KB JSON body validated with zod → 201',
    expected: [201],
    requests: () => [
      { method: 'POST', path: PATHS.items, headers: { 'content-type': 'application/json' }, body: ITEM_BODY },
    ],
  },
  {
    id: 'errors',
    number: 6,
    title: `GET /missing → 404 and DELETE /hello → 405 (Allow: ${HELLO_ALLOW}), alternating`,
    expected: [404, 405],
    requests: () => [get(PATHS.missing), { method: 'DELETE', path: PATHS.hello, headers: {} }],
  },
]

/** Scenarios measured when BENCH_SCENARIOS is not set (doc-200 only with --full or on request). */
export const DEFAULT_SCENARIOS = ['hello', 'users', 'profile', 'doc-304', 'doc-gzip', 'items', 'errors']

export const scenarioById = (id: string): Scenario | undefined => SCENARIOS.find((s) => s.id === id)

/** The scenario with this id; an unknown one (a typo, a results file from another version) throws. */
export function scenarioNamed(id: string): Scenario {
  const scenario = scenarioById(id)
  if (scenario === undefined) {
    throw new Error(`unknown scenario '${id}' (known: ${SCENARIOS.map((s) => s.id).join(', ')})`)
  }
  return scenario
}
