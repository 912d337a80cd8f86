import type { InjectOptions } from '../di/index.js'
import type { DependencyDoc } from '../openapi/index.js'
import type { DependencyContext } from './context-types.js'
import type { RestApplication } from './rest-application.js'

export type {
  ApiOf,
  AppTypes,
  DocumentedStatuses,
  HandlerResult,
  MountedApi,
  Registered,
  RouteHints,
  SchemaValidator,
  WithApi,
  WithRoute,
} from './api-types.js'

/** Options of dependency registrations. */
export interface DependencyOptions extends InjectOptions {
  /** Documentation for OpenAPI: the statuses this dependency can cause, its security scheme. */
  openapi?: DependencyDoc
}

/** Options of {@link RestApplication.validates}. */
export interface ValidatesOptions extends InjectOptions {
  /** What a schema validates: the parsed JSON body (default) or the query parameters. */
  source?: 'body' | 'query'
}

/** A handler context in which the resource a PUT may create can be `undefined`. */
export type CreatingContext<Context, C extends string> = [C] extends [never]
  ? Context
  : Omit<Context, C> & { readonly [K in C]: (Context & Record<K, unknown>)[K] | undefined }

/** A function of the context of an application with context `Ctx`. */
export type Fn<Ctx, V> = (context: DependencyContext<Ctx>) => V
/** A callback's value once its refusals (null, undefined, false) are taken out. */
export type WithoutRefusal<V> = Exclude<Awaited<V>, null | undefined | false>

/** A child application that may be mounted at `Full`: built for no prefix, or for that one. */
export type MountedAt<Child, Full extends string> =
  Child extends RestApplication<object, object, infer Own>
    ? '' extends Own
      ? Child
      : Own extends Full
        ? Child
        : never
    : never
