import type { ApiOf, ResponseSpec, RouteSpec, SpecOf } from '../app/index.js'

// The typed client's types: which paths and methods an application's `Api` has, what a call to one
// takes and what it answers. Read from `typeof app` only (docs/client.md); nothing is generated.

/** The methods a client can call; HEAD is served by every GET route (RFC 9110 §9.3.2). */
export type ClientMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS'

type Routes<Api> = { [P in keyof Api as P extends `/${string}` ? P : never]: Api[P] }

/** The paths of `Api` with a route for `Method` (HEAD: those with GET). */
export type PathsFor<Api, Method extends ClientMethod> = {
  [P in keyof Routes<Api>]: (Method extends 'HEAD' ? 'GET' : Method) extends keyof Routes<Api>[P] ? P : never
}[keyof Routes<Api>] &
  string

/** The spec of the route `Method` on `Path` (a HEAD's is its GET's). */
export type SpecFor<Api, Path, Method extends ClientMethod> = Path extends keyof Routes<Api>
  ? Routes<Api>[Path] extends infer Methods
    ? (Method extends 'HEAD' ? 'GET' : Method) extends infer M extends keyof Methods
      ? SpecOf<Methods[M]>
      : never
    : never
  : never

/** Query values the client writes into the query string (`undefined` leaves the name out). */
export type QueryValue = string | number | boolean | undefined

type ParamsPart<Params> = [keyof Params] extends [never]
  ? { readonly params?: Readonly<Record<string, never>> }
  : { readonly params: Params }
type QueryPart<Query> = [Query] extends [undefined]
  ? { readonly query?: Readonly<Record<string, QueryValue>> }
  : {} extends Query
    ? { readonly query?: Query }
    : { readonly query: Query }
type BodyPart<Body> = [Body] extends [undefined]
  ? { readonly body?: undefined }
  : unknown extends Body
    ? { readonly body?: unknown }
    : { readonly body: Body }

/** Options of every call: extra header fields (an `Authorization`, say) and an abort signal. */
export interface CallOptions {
  /** Header fields for this call, over the client's own. */
  readonly headers?: HeadersInit
  /** Aborts the request (Fetch's `AbortSignal`). */
  readonly signal?: AbortSignal
}

/**
 * What a call to a route takes: its path parameters (required when the template has any), its
 * query, its JSON body (typed by the validator the route names in `requires`), headers.
 */
export type CallInit<Spec> =
  Spec extends RouteSpec<infer Params, infer Query, infer Body, unknown>
    ? ParamsPart<Params> & QueryPart<Query> & BodyPart<Body> & CallOptions
    : never

/** The call's optional or required `init` argument. */
export type CallArgs<Spec> = {} extends CallInit<Spec> ? [init?: CallInit<Spec>] : [init: CallInit<Spec>]

/** Statuses whose responses `ok` marks (Fetch: 200–299). */
export type OkStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206

/**
 * One response a route may answer: its `status` and `ok` discriminate the union, so checking either
 * narrows `body` to that status's type. `body` is the parsed JSON (text for other media types),
 * `undefined` for 204, 304 and HEAD.
 */
export type ClientResponse<Spec, Method extends ClientMethod = 'GET'> =
  Spec extends RouteSpec<unknown, unknown, unknown, infer Responses>
    ? Responses extends ResponseSpec<infer Status, infer Body>
      ? {
          readonly status: Status
          readonly ok: number extends Status ? boolean : Status extends OkStatus ? true : false
          readonly body: Method extends 'HEAD' ? undefined : Body
          /** The response's header fields. */
          readonly headers: Headers
        }
      : never
    : never

/** The client's call of `Method` on the paths that have it. */
export type MethodCall<Api, Method extends ClientMethod> = <Path extends PathsFor<Api, Method>>(
  path: Path,
  ...init: CallArgs<SpecFor<Api, Path, Method>>
) => Promise<ClientResponse<SpecFor<Api, Path, Method>, Method>>

/**
 * A typed client of an application: one method per HTTP method, each taking a path template the
 * application has a route for (`'/documents/{id}'`), its `params`, `query`, `body` and headers.
 */
export interface Client<Api> {
  readonly get: MethodCall<Api, 'GET'>
  readonly head: MethodCall<Api, 'HEAD'>
  readonly post: MethodCall<Api, 'POST'>
  readonly put: MethodCall<Api, 'PUT'>
  readonly patch: MethodCall<Api, 'PATCH'>
  readonly delete: MethodCall<Api, 'DELETE'>
  readonly options: MethodCall<Api, 'OPTIONS'>
}

/** The client of an application type (`typeof app`, built through a chain). */
export type ClientOf<App> = Client<ApiOf<App>>
