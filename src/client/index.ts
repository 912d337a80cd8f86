export type { ApiOf, ResponseSpec, RouteSpec } from '../app/index.js'
export type {
  CallArgs,
  CallInit,
  CallOptions,
  Client,
  ClientMethod,
  ClientOf,
  ClientResponse,
  MethodCall,
  OkStatus,
  PathsFor,
  QueryValue,
  SpecFor,
} from './client-types.js'
export { type ClientOptions, createClient, type FetchFunction } from './create-client.js'
