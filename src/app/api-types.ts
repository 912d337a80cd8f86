import type { StandardSchemaV1, StandardTypedV1 } from '@standard-schema/spec'
import type { RestResponse } from '../http/index.js'
import type { Reply } from '../render/index.js'
import type { PathParams } from '../router/index.js'
import type { RestApplication } from './rest-application.js'
import type { RouteGroup } from './routes.js'

// An application's API as a type only (docs/decisions/0500-typed-client-from-the-app-type.md): each
// route registered through a chain adds `{ [path]: { [method]: RouteSpec } }` to the application's
// `Api` type parameter, which the typed client (src/client/) reads. Nothing here exists at run time.

/** The registrations that change which statuses a route may answer, recorded as they happen. */
export type CheckKind = 'authorized' | 'forbidden' | 'resource' | 'validator'

/** What a check registration adds to an application's `Api`. */
export type Registered<Kind extends CheckKind> = { readonly '~checks'?: { readonly [K in Kind]: true } }

/** What `validates(name, schema)` adds: the schema's input, where it is read from. */
export type RegisteredValidator<
  Name extends string,
  Source extends string,
  Input,
> = Registered<'validator'> & {
  readonly '~validators'?: { readonly [K in Name]: { readonly source: Source; readonly input: Input } }
}

/** What a dependency documenting the statuses it throws (`openapi: { responses: [429] }`) adds. */
export type DocumentedStatuses<Status extends number> = [Status] extends [never]
  ? {}
  : { readonly '~statuses'?: { readonly [K in Status]: true } }

/** What `validates(name, schema, options)` adds: the schema's input, from the body unless `source: 'query'`. */
export type SchemaValidator<Name extends string, S extends StandardSchemaV1, Options> = RegisteredValidator<
  Name,
  Options extends { source: 'query' } ? 'query' : 'body',
  StandardSchemaV1.InferInput<S>
>

/**
 * One route as the client sees it: its path parameters, query, request body and the responses
 * it may answer, each `{ status, body }`.
 */
export interface RouteSpec<Params, Query, Body, Responses> {
  readonly params: Params
  readonly query: Query
  readonly body: Body
  readonly responses: Responses
}

/** One possible response of a route: a status and the body it carries. */
export interface ResponseSpec<Status extends number, Body> {
  readonly status: Status
  readonly body: Body
}

type Checks<Api> = '~checks' extends keyof Api ? keyof NonNullable<Api['~checks' & keyof Api]> : never
type Validators<Api> = '~validators' extends keyof Api ? NonNullable<Api['~validators' & keyof Api]> : {}
type DependencyStatus<Api> = '~statuses' extends keyof Api
  ? Extract<keyof NonNullable<Api['~statuses' & keyof Api]>, number>
  : never
type If<Condition extends boolean, Status extends number> = Condition extends true ? Status : never
type Has<Union, Member> = [Member] extends [Union] ? true : false

/** Methods whose requests carry content (RFC 9110 §9.3: POST, PUT, PATCH). */
type ContentMethod = 'POST' | 'PUT' | 'PATCH'

/**
 * The parts of a route's options its client type reads, inferred as written: the validators it names
 * in `requires`, `ranges`, a `conflict` callback, and the statuses documented in `openapi.responses`.
 * Only these are generic, so every other option keeps its contextual types.
 */
export interface RouteHints {
  readonly requires?: readonly string[]
  readonly ranges?: boolean
  readonly conflict?: unknown
  readonly openapi?: { readonly responses?: object }
  readonly returns?: object
}

/**
 * The type a route's `returns` option declares: a Standard Schema's *output* type, because the
 * route's writer checks the handler's value against the schema's output side (it is converted with
 * `toJsonSchema(schema, 'output')`, docs/decisions/0515) and the client receives that shape. `never`
 * when the route declares none, or declares a plain JSON Schema object (no static type).
 */
export type DeclaredOutput<Options> = Options extends { readonly returns: infer S extends StandardTypedV1 }
  ? StandardTypedV1.InferOutput<S>
  : never

/** What a handler may return to send `Body`: the value or a `Reply` of it (`respond`, `created`), maybe in a promise. */
export type Returning<Body> = Body | Reply<Body> | PromiseLike<Body | Reply<Body>>

/**
 * What a handler may return on a route with these options: with `returns` a Standard Schema, the
 * schema's output ({@link Returning}); anything without one, or with a plain JSON Schema object.
 */
export type HandlerResult<Options> = [DeclaredOutput<Options>] extends [never]
  ? unknown
  : Returning<DeclaredOutput<Options>>

/** The validators a route names in `requires`, read from `Source` ('body' or 'query'). */
type ValidatorInput<Api, Options, Source extends string> = Options extends {
  readonly requires: readonly (infer Name)[]
}
  ? {
      [K in Name & keyof Validators<Api>]: Validators<Api>[K] extends { source: Source; input: infer I }
        ? I
        : never
    }[Name & keyof Validators<Api>]
  : never

/**
 * The statuses the decision machine may answer for this route by itself, from what the route and
 * the checks registered before it declare (docs/client.md states the rule). Over-approximated,
 * never under: a route that might resolve a check lists that check's statuses.
 */
export type MachineStatus<Api, Method extends string, Options> =
  | 400 // a malformed request (RFC 9112 §3.2) or content
  | 406 // no acceptable representation (RFC 9110 §12.5.1)
  | 500 // an unexpected error
  | DependencyStatus<Api> // documented by a dependency registered before (`openapi.responses`)
  | If<Has<ContentMethod, Method> | Has<Checks<Api>, 'validator'>, 413 | 415> // RFC 9110 §15.5.14, §15.5.16
  | If<Has<Checks<Api>, 'validator'>, 422> // a validator refused the input
  | If<Has<Checks<Api>, 'authorized'>, 401> // B8 (RFC 9110 §15.5.2)
  | If<Has<Checks<Api>, 'forbidden'>, 403> // B7 (RFC 9110 §15.5.4)
  | If<Has<Checks<Api>, 'resource'>, 404 | 412> // G7; If-Match / If-None-Match (RFC 9110 §13.1)
  | If<Has<Checks<Api>, 'resource'> extends true ? Has<'GET', Method> : false, 304> // RFC 9110 §13.1.2
  | If<Options extends { conflict: unknown } ? true : false, 409> // O14 (RFC 9110 §15.5.10)
  | If<Options extends { ranges: true } ? Has<'GET', Method> : false, 416> // RFC 9110 §15.5.17

/**
 * The body a client receives for a handler's value `Value`: the declared output when there is one
 * (never null: that is a 204), the value itself when none is, or when it declares nothing (`unknown`).
 */
type BodyOf<Value, Declared> = [Declared] extends [never]
  ? Value
  : unknown extends Declared
    ? Value
    : NonNullable<Declared>

/**
 * What a handler's value answers: a `Reply` its status, nothing 204, a value 200 (201 for a PUT that
 * creates). The statuses come from the handler's value; the bodies from `returns` when it declares a
 * Standard Schema (its writer drops the properties the schema does not declare), else from the value.
 */
type SuccessOf<Value, Method extends string, Options, Declared = DeclaredOutput<Options>> =
  Value extends Reply<infer Body, infer Status>
    ? ResponseSpec<Status, Status extends 204 | 304 ? undefined : BodyOf<Body, Declared>>
    : Value extends Response | RestResponse
      ? ResponseSpec<number, unknown>
      : // biome-ignore lint/suspicious/noConfusingVoidType: a handler without a return statement returns void
        Value extends null | undefined | void
        ? ResponseSpec<Options extends { creates: string } ? 201 | 204 : 204, undefined>
        :
            | ResponseSpec<200, BodyOf<Value, Declared>>
            | (Options extends { creates: string }
                ? Method extends 'PUT'
                  ? ResponseSpec<201, BodyOf<Value, Declared>>
                  : never
                : never)
            | (Options extends { ranges: true } ? ResponseSpec<206, BodyOf<Value, Declared>> : never)

/** Statuses the route documents in `openapi.responses` beyond those typed already (bodies `unknown`). */
type DocumentedStatus<Options> = Options extends { readonly openapi?: { readonly responses?: infer R } }
  ? Extract<keyof NonNullable<R>, number>
  : never

/** The error responses of a route: the machine's statuses and the documented ones; bodies `unknown`. */
type ErrorsOf<Api, Method extends string, Options, Success extends number> =
  | MachineStatus<Api, Method, Options>
  | Exclude<DocumentedStatus<Options>, Success> extends infer Status extends number
  ? Status extends number
    ? ResponseSpec<Status, unknown>
    : never
  : never

/** The spec of a route registered in an application whose `Api` is so far `Api`. */
export type RouteSpecOf<Api, Path extends string, Method extends string, Result, Options> =
  SuccessOf<Awaited<Result>, Method, Options> extends infer Success extends ResponseSpec<number, unknown>
    ? RouteSpec<
        Readonly<PathParams<Path>>,
        [ValidatorInput<Api, Options, 'query'>] extends [never]
          ? undefined
          : ValidatorInput<Api, Options, 'query'>,
        Method extends ContentMethod
          ? [ValidatorInput<Api, Options, 'body'>] extends [never]
            ? unknown
            : ValidatorInput<Api, Options, 'body'>
          : undefined,
        Success | ErrorsOf<Api, Method, Options, Success['status']>
      >
    : never

/** The full path of a route `Path` registered under `Prefix` (a group's `'/'` is the prefix itself). */
export type FullPath<Prefix extends string, Path extends string> = Prefix extends ''
  ? Path
  : Path extends '/'
    ? Prefix
    : `${Prefix}${Path}`

/** What registering one route adds to an `Api`. */
export type RouteEntry<Api, Path extends string, Method extends string, Result, Options> = {
  readonly [P in Path]: { readonly [M in Uppercase<Method>]: RouteDeclaration<Api, P, M, Result, Options> }
}

/**
 * A route as registered: what its spec is computed from, kept as it is so that registering costs
 * the compiler nothing more than this; the client computes the {@link RouteSpec} of the routes it
 * calls ({@link SpecOf}).
 */
export interface RouteDeclaration<Before, Path extends string, Method extends string, Result, Options> {
  /** The application's `Api` when the route was registered (the checks before it). */
  readonly before: Before
  readonly path: Path
  readonly method: Method
  /** The handler's return type. */
  readonly result: Result
  /** The options the spec reads ({@link RouteHints}). */
  readonly options: Options
}

/** The {@link RouteSpec} of a registered route. */
export type SpecOf<Declaration> =
  Declaration extends RouteDeclaration<infer Before, infer Path, infer Method, infer Result, infer Options>
    ? RouteSpecOf<Before, Path, Method, Result, Options>
    : never

/** An application's type arguments as a phantom method's parameters (bivariant: no variance change). */
export interface AppTypes<Ctx, Startup, Prefix> {
  types(ctx: Ctx, startup: Startup, prefix: Prefix): void
}

/** The application (or group) `Self` with `Entry` added to its `Api`. */
export type WithApi<Self, Entry> = '~app' extends keyof Self
  ? Self extends { readonly '~app'?: AppTypes<infer Ctx, infer Startup, infer Prefix> }
    ? RestApplication<Ctx & object, Startup & object, Prefix & string, ApiOf<Self> & Entry>
    : Self
  : '~group' extends keyof Self
    ? Self extends { readonly '~group'?: AppTypes<infer Ctx, {}, infer Prefix> }
      ? RouteGroup<Ctx, Prefix & string, ApiOf<Self> & Entry>
      : Self
    : Self

/** `Self` with one more route. */
export type WithRoute<
  Self,
  Prefix extends string,
  Path extends string,
  Method extends string,
  Result,
  Options,
> = WithApi<Self, RouteEntry<ApiOf<Self>, FullPath<Prefix, Path>, Method, Result, Options>>

/** The routes an application (or group) registered, as the typed client reads them. */
export type ApiOf<App> = App extends { readonly '~api'?: infer Api } ? NonNullable<Api> : {}

/** What mounting `Child` at `Full` adds: its routes, under the prefix unless it was built for it. */
export type MountedApi<Child, Full extends string> =
  Child extends RestApplication<object, object, infer Own>
    ? '' extends Own
      ? PrefixedApi<ApiOf<Child>, Full>
      : ApiOf<Child>
    : {}

/** An `Api` with its paths under `Prefix` (a mounted application's routes, seen from its parent). */
export type PrefixedApi<Api, Prefix extends string> = {
  readonly [P in keyof Api as P extends `/${string}` ? FullPath<Prefix, P> : never]: Api[P]
}
