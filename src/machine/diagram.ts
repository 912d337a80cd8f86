import { b4ContentTooLarge, b5KnownContentType, b6ValidContentHeaders, inputValid } from './content-nodes.js'
import { h7IfMatchExists, i7PutCreates, p3Conflict } from './creation-nodes.js'
import type { DecisionNode, NodeId } from './decision-node.js'
import { f7AcceptableEncoding } from './encoding-node.js'
import { c4AcceptableMediaType, d5AcceptableLanguage, e6AcceptableCharset } from './negotiation-nodes.js'
import {
  g8IfMatchExists,
  g11IfMatchMatches,
  h10IfUnmodifiedSinceApplies,
  h12ModifiedSinceUnmodifiedSince,
  i12IfNoneMatchExists,
  j18GetOrHead,
  k13IfNoneMatchMatches,
  l13IfModifiedSinceApplies,
  l17ModifiedSince,
} from './precondition-nodes.js'
import {
  b3Options,
  b7Forbidden,
  b8Authorized,
  b9Malformed,
  b10MethodAllowed,
  b11UriTooLong,
  b12KnownMethod,
  b13ServiceAvailable,
  messageWellFormed,
  pathWellEncoded,
  routeMatches,
} from './request-nodes.js'
import {
  g7ResourceExists,
  k5MovedPermanently,
  k7PreviouslyExisted,
  l5MovedTemporarily,
  o14Conflict,
} from './resource-nodes.js'
import { handlerAnswersOk, p11NewResource, partialRequested, rangeSatisfiable } from './response-nodes.js'
import type { MachineConfig, RouteFacts } from './route-plan.js'

/** A node of the diagram plus the planner's rule for when it can change a route's outcome. */
export interface DiagramNode extends DecisionNode {
  /** Whether the node can change the outcome; `undefined` means always. */
  readonly relevant?: (plan: RouteFacts | undefined, config: MachineConfig) => boolean
}

/** A row of the table: a diagram node without its id, which is the row's key. */
export type DiagramNodeSpec = Omit<DiagramNode, 'id'>

const METHODS_WITH_CONTENT = new Set(['POST', 'PUT', 'PATCH'])
const hasEtag = (plan: RouteFacts | undefined) =>
  plan?.resource?.etag !== undefined || plan?.creates !== undefined
const hasLastModified = (plan: RouteFacts | undefined) => plan?.resource?.lastModified !== undefined
const creates = (plan: RouteFacts | undefined) => plan?.creates !== undefined
const servesContent = (plan: RouteFacts | undefined) => plan !== undefined && plan.handler !== undefined

/**
 * The decision diagram as data, in webmachine v3 order where RFC 9110 agrees, keyed by node id
 * (the key order is the table's order). Edges name the next node, or the status the request ends
 * with and its reason — the machine's default error messages, the OpenAPI automatic statuses and
 * the tables of docs/decision-flow.md and docs/decision-machine.md are generated from it.
 */
export const DIAGRAM_NODES = {
  MESSAGE: {
    label: 'Message well-formed?',
    test: messageWellFormed,
    onTrue: 'B13',
    onFalse: { status: 400, reason: '{problem}' },
    whenSkipped: 'onTrue',
  },
  B13: {
    label: 'Service available?',
    test: b13ServiceAvailable,
    onTrue: 'B12',
    onFalse: { status: 503, reason: 'The service is temporarily unavailable' },
    whenSkipped: 'onTrue',
    relevant: (_, config) => config.serviceAvailable !== undefined,
  },
  B12: {
    label: 'Known method?',
    test: b12KnownMethod,
    onTrue: 'B11',
    onFalse: { status: 501, reason: 'Method {method} is not implemented by this server' },
    whenSkipped: 'onTrue',
  },
  B11: {
    label: 'URI too long?',
    test: b11UriTooLong,
    onTrue: { status: 414, reason: 'Request URI exceeds {maxUriLength} characters' },
    onFalse: 'ROUTE',
    whenSkipped: 'onFalse',
  },
  ROUTE: {
    label: 'Route matches path?',
    test: routeMatches,
    onTrue: 'B10',
    onFalse: 'PATH',
    whenSkipped: 'onTrue',
  },
  PATH: {
    label: 'Path well-encoded?',
    test: pathWellEncoded,
    onTrue: { status: 404, reason: 'No resource matches this path' },
    onFalse: { status: 400, reason: '{problem}' },
    whenSkipped: 'onTrue',
  },
  B10: {
    label: 'Method allowed?',
    test: b10MethodAllowed,
    onTrue: 'B9',
    onFalse: { status: 405, reason: 'Method {method} is not allowed here' },
    whenSkipped: 'onTrue',
  },
  B9: {
    label: 'Malformed?',
    test: b9Malformed,
    onTrue: { status: 400, reason: 'Bad Request' },
    onFalse: 'B8',
    whenSkipped: 'onFalse',
    relevant: (_, config) => config.malformed !== undefined,
  },
  B8: {
    label: 'Authorized?',
    test: b8Authorized,
    onTrue: 'B7',
    onFalse: { status: 401, reason: 'Authentication required' },
    whenSkipped: 'onTrue',
    relevant: (plan) => (plan?.steps.authorize.length ?? 0) > 0,
  },
  B7: {
    label: 'Forbidden?',
    test: b7Forbidden,
    onTrue: { status: 403, reason: 'Forbidden' },
    onFalse: 'B3',
    whenSkipped: 'onFalse',
    relevant: (plan) => (plan?.steps.forbid.length ?? 0) > 0,
  },
  B3: {
    label: 'OPTIONS?',
    test: b3Options,
    onTrue: 'OPTIONS',
    onFalse: 'C4',
    whenSkipped: 'onFalse',
    relevant: (plan) => plan?.method === 'OPTIONS' && plan.handler === undefined,
  },
  C4: {
    label: 'Acceptable media type?',
    test: c4AcceptableMediaType,
    onTrue: 'D5',
    onFalse: { status: 406, reason: 'None of the available representations is acceptable' },
    whenSkipped: 'onTrue',
    relevant: (plan) => servesContent(plan) && (plan?.negotiation.mediaTypes.length ?? 0) > 0,
  },
  D5: {
    label: 'Acceptable language?',
    test: d5AcceptableLanguage,
    onTrue: 'E6',
    onFalse: { status: 406, reason: 'None of the available representations is acceptable' },
    whenSkipped: 'onTrue',
    relevant: (plan) => servesContent(plan) && plan?.negotiation.languages !== undefined,
  },
  E6: {
    label: 'Acceptable charset?',
    test: e6AcceptableCharset,
    onTrue: 'F7',
    onFalse: { status: 406, reason: 'None of the available representations is acceptable' },
    whenSkipped: 'onTrue',
    relevant: (plan) => servesContent(plan) && plan?.negotiation.charsets !== undefined,
  },
  F7: {
    label: 'Acceptable content coding?',
    test: f7AcceptableEncoding,
    onTrue: 'G7',
    onFalse: { status: 406, reason: 'None of the available representations is acceptable' },
    whenSkipped: 'onTrue',
    relevant: (plan) => servesContent(plan) && plan?.compression !== undefined,
  },
  G7: {
    label: 'Resource exists?',
    test: g7ResourceExists,
    onTrue: 'G8',
    onFalse: 'I7',
    whenSkipped: 'onTrue',
    relevant: (plan) => (plan?.steps.resource.length ?? 0) > 0,
  },
  I7: {
    label: 'PUT to a resource the route creates?',
    test: i7PutCreates,
    onTrue: 'H7',
    onFalse: 'K7',
    whenSkipped: 'onFalse',
    relevant: creates,
  },
  H7: {
    label: 'If-Match exists?',
    test: h7IfMatchExists,
    onTrue: { status: 412, reason: 'A precondition of the request failed' },
    onFalse: 'P3',
    whenSkipped: 'onFalse',
    relevant: creates,
  },
  P3: {
    label: 'Conflict?',
    test: p3Conflict,
    onTrue: { status: 409, reason: 'The request conflicts with the current state of the resource' },
    onFalse: 'B4',
    whenSkipped: 'onFalse',
    relevant: (plan) => creates(plan) && plan?.conflict !== undefined,
  },
  K7: {
    label: 'Previously existed?',
    test: k7PreviouslyExisted,
    onTrue: 'K5',
    onFalse: { status: 404, reason: 'Resource not found' },
    whenSkipped: 'onFalse',
    relevant: (plan) => {
      const r = plan?.resource
      return (
        r?.previouslyExisted !== undefined ||
        r?.movedPermanently !== undefined ||
        r?.movedTemporarily !== undefined
      )
    },
  },
  K5: {
    label: 'Moved permanently?',
    test: k5MovedPermanently,
    onTrue: { status: 301, reason: 'The resource moved permanently' },
    onFalse: 'L5',
    whenSkipped: 'onFalse',
    relevant: (plan) => plan?.resource?.movedPermanently !== undefined,
  },
  L5: {
    label: 'Moved temporarily?',
    test: l5MovedTemporarily,
    onTrue: { status: 307, reason: 'The resource moved temporarily' },
    onFalse: { status: 410, reason: 'The resource is no longer available' },
    whenSkipped: 'onFalse',
    relevant: (plan) => plan?.resource?.movedTemporarily !== undefined,
  },
  G8: {
    label: 'If-Match exists?',
    test: g8IfMatchExists,
    onTrue: 'G11',
    onFalse: 'H10',
    whenSkipped: 'onFalse',
    relevant: hasEtag,
  },
  G11: {
    label: 'If-Match matches?',
    test: g11IfMatchMatches,
    onTrue: 'I12',
    onFalse: { status: 412, reason: 'A precondition of the request failed' },
    whenSkipped: 'onTrue',
    relevant: hasEtag,
  },
  H10: {
    label: 'If-Unmodified-Since applies?',
    test: h10IfUnmodifiedSinceApplies,
    onTrue: 'H12',
    onFalse: 'I12',
    whenSkipped: 'onFalse',
    relevant: hasLastModified,
  },
  H12: {
    label: 'Modified since If-Unmodified-Since?',
    test: h12ModifiedSinceUnmodifiedSince,
    onTrue: { status: 412, reason: 'A precondition of the request failed' },
    onFalse: 'I12',
    whenSkipped: 'onFalse',
    relevant: hasLastModified,
  },
  I12: {
    label: 'If-None-Match exists?',
    test: i12IfNoneMatchExists,
    onTrue: 'K13',
    onFalse: 'L13',
    whenSkipped: 'onFalse',
    relevant: hasEtag,
  },
  K13: {
    label: 'If-None-Match matches?',
    test: k13IfNoneMatchMatches,
    onTrue: 'J18',
    onFalse: 'O14',
    whenSkipped: 'onFalse',
    relevant: hasEtag,
  },
  J18: {
    label: 'GET or HEAD?',
    test: j18GetOrHead,
    onTrue: { status: 304, reason: 'If-None-Match matches the current ETag' },
    onFalse: { status: 412, reason: 'A precondition of the request failed' },
    whenSkipped: 'onFalse',
    relevant: hasEtag,
  },
  L13: {
    label: 'If-Modified-Since applies?',
    test: l13IfModifiedSinceApplies,
    onTrue: 'L17',
    onFalse: 'O14',
    whenSkipped: 'onFalse',
    relevant: hasLastModified,
  },
  L17: {
    label: 'Modified since If-Modified-Since?',
    test: l17ModifiedSince,
    onTrue: 'O14',
    onFalse: { status: 304, reason: 'Not modified since If-Modified-Since' },
    whenSkipped: 'onTrue',
    relevant: hasLastModified,
  },
  O14: {
    label: 'Conflict?',
    test: o14Conflict,
    onTrue: { status: 409, reason: 'The request conflicts with the current state of the resource' },
    onFalse: 'B4',
    whenSkipped: 'onFalse',
    relevant: (plan) => plan?.conflict !== undefined,
  },
  B4: {
    label: 'Content too large?',
    test: b4ContentTooLarge,
    onTrue: { status: 413, reason: 'Request body exceeds the limit of {limit} bytes' },
    onFalse: 'B5',
    whenSkipped: 'onFalse',
    relevant: (plan) => plan !== undefined && (plan.readsBody || METHODS_WITH_CONTENT.has(plan.method)),
  },
  B5: {
    label: 'Known content type?',
    test: b5KnownContentType,
    onTrue: 'B6',
    onFalse: {
      status: 415,
      reason: 'Unsupported content type or content coding',
      jsonReason: 'Expected a JSON body (Content-Type: application/json)',
    },
    whenSkipped: 'onTrue',
    relevant: (plan) => plan?.readsJson === true || plan?.acceptsContentType !== undefined,
  },
  B6: {
    label: 'Valid content headers?',
    test: b6ValidContentHeaders,
    onTrue: 'INPUT',
    onFalse: { status: 415, reason: 'Unsupported content type or content coding' },
    whenSkipped: 'onTrue',
    relevant: (plan) => plan?.readsBody === true,
  },
  INPUT: {
    label: 'Input valid?',
    test: inputValid,
    onTrue: 'HANDLER',
    onFalse: { status: 422, reason: 'Unprocessable Content' },
    whenSkipped: 'onTrue',
    relevant: (plan) => (plan?.steps.input.length ?? 0) > 0,
  },
  HANDLER: {
    label: "Handler's answer is 200 OK?",
    test: handlerAnswersOk,
    onTrue: 'P11',
    onFalse: 'RENDERED',
    whenSkipped: 'onTrue',
  },
  P11: {
    label: 'New resource?',
    test: p11NewResource,
    onTrue: { status: 201, reason: 'Created' },
    onFalse: 'PARTIAL',
    whenSkipped: 'onFalse',
    relevant: creates,
  },
  PARTIAL: {
    label: 'Range requested?',
    test: partialRequested,
    onTrue: 'SATISFIABLE',
    onFalse: { status: 200, reason: 'OK' },
    whenSkipped: 'onFalse',
    relevant: (plan) => plan?.ranges === true,
  },
  SATISFIABLE: {
    label: 'Range satisfiable?',
    test: rangeSatisfiable,
    onTrue: { status: 206, reason: 'Partial Content' },
    onFalse: { status: 416, reason: 'None of the requested ranges can be satisfied' },
    whenSkipped: 'onTrue',
    relevant: (plan) => plan?.ranges === true,
  },
} as const satisfies { readonly [id in NodeId]: DiagramNodeSpec }

/** The diagram's nodes in table order, each with its id. */
export const DIAGRAM: readonly DiagramNode[] = (Object.keys(DIAGRAM_NODES) as NodeId[]).map((id) => ({
  id,
  ...DIAGRAM_NODES[id],
}))

/** The node every request starts at. */
export const APP_ENTRY_NODE: NodeId = 'MESSAGE'

/** The node where the application-wide part of the diagram hands over to a route's plan. */
export const ROUTE_ENTRY_NODE: NodeId = 'B9'
