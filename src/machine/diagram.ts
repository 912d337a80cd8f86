import { b4ContentTooLarge, b5KnownContentType, b6ValidContentHeaders, inputValid } from './content-nodes.js'
import type { DecisionNode } from './decision-node.js'
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
  routeMatches,
} from './request-nodes.js'
import {
  g7ResourceExists,
  k5MovedPermanently,
  k7PreviouslyExisted,
  l5MovedTemporarily,
  o14Conflict,
} from './resource-nodes.js'
import type { MachineConfig, RoutePlan } from './route-plan.js'

/** A node of the diagram plus the planner's rule for when it can change a route's outcome. */
export interface DiagramNode extends DecisionNode {
  /** Whether the node can change the outcome; `undefined` means always. */
  readonly relevant?: (plan: RoutePlan | undefined, config: MachineConfig) => boolean
}

const METHODS_WITH_CONTENT = new Set(['POST', 'PUT', 'PATCH'])
const hasEtag = (plan: RoutePlan | undefined) =>
  plan?.resource?.etag !== undefined || plan?.creates !== undefined
const hasLastModified = (plan: RoutePlan | undefined) => plan?.resource?.lastModified !== undefined
const servesContent = (plan: RoutePlan | undefined) => plan !== undefined && plan.handler !== undefined

/**
 * The decision diagram as data, in webmachine v3 order where RFC 9110 agrees. Edges name the next
 * node or the status the request ends with. docs/decision-flow.md is generated from this table.
 */
export const DIAGRAM: readonly DiagramNode[] = [
  {
    id: 'B13',
    label: 'Service available?',
    test: b13ServiceAvailable,
    onTrue: 'B12',
    onFalse: 503,
    whenSkipped: 'onTrue',
    relevant: (_, config) => config.serviceAvailable !== undefined,
  },
  {
    id: 'B12',
    label: 'Known method?',
    test: b12KnownMethod,
    onTrue: 'B11',
    onFalse: 501,
    whenSkipped: 'onTrue',
  },
  {
    id: 'B11',
    label: 'URI too long?',
    test: b11UriTooLong,
    onTrue: 414,
    onFalse: 'ROUTE',
    whenSkipped: 'onFalse',
  },
  {
    id: 'ROUTE',
    label: 'Route matches path?',
    test: routeMatches,
    onTrue: 'B10',
    onFalse: 404,
    whenSkipped: 'onTrue',
  },
  {
    id: 'B10',
    label: 'Method allowed?',
    test: b10MethodAllowed,
    onTrue: 'B9',
    onFalse: 405,
    whenSkipped: 'onTrue',
  },
  {
    id: 'B9',
    label: 'Malformed?',
    test: b9Malformed,
    onTrue: 400,
    onFalse: 'B8',
    whenSkipped: 'onFalse',
    relevant: (_, config) => config.malformed !== undefined,
  },
  {
    id: 'B8',
    label: 'Authorized?',
    test: b8Authorized,
    onTrue: 'B7',
    onFalse: 401,
    whenSkipped: 'onTrue',
    relevant: (plan) => (plan?.steps.authorize.length ?? 0) > 0,
  },
  {
    id: 'B7',
    label: 'Forbidden?',
    test: b7Forbidden,
    onTrue: 403,
    onFalse: 'B3',
    whenSkipped: 'onFalse',
    relevant: (plan) => (plan?.steps.forbid.length ?? 0) > 0,
  },
  {
    id: 'B3',
    label: 'OPTIONS?',
    test: b3Options,
    onTrue: 'OPTIONS',
    onFalse: 'C4',
    whenSkipped: 'onFalse',
    relevant: (plan) => plan?.method === 'OPTIONS' && plan.handler === undefined,
  },
  {
    id: 'C4',
    label: 'Acceptable media type?',
    test: c4AcceptableMediaType,
    onTrue: 'D5',
    onFalse: 406,
    whenSkipped: 'onTrue',
    relevant: (plan) => servesContent(plan) && (plan?.negotiation.mediaTypes.length ?? 0) > 0,
  },
  {
    id: 'D5',
    label: 'Acceptable language?',
    test: d5AcceptableLanguage,
    onTrue: 'E6',
    onFalse: 406,
    whenSkipped: 'onTrue',
    relevant: (plan) => servesContent(plan) && plan?.negotiation.languages !== undefined,
  },
  {
    id: 'E6',
    label: 'Acceptable charset?',
    test: e6AcceptableCharset,
    onTrue: 'G7',
    onFalse: 406,
    whenSkipped: 'onTrue',
    relevant: (plan) => servesContent(plan) && plan?.negotiation.charsets !== undefined,
  },
  {
    id: 'G7',
    label: 'Resource exists?',
    test: g7ResourceExists,
    onTrue: 'G8',
    onFalse: 'K7',
    whenSkipped: 'onTrue',
    relevant: (plan) => (plan?.steps.resource.length ?? 0) > 0,
  },
  {
    id: 'K7',
    label: 'Previously existed?',
    test: k7PreviouslyExisted,
    onTrue: 'K5',
    onFalse: 404,
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
  {
    id: 'K5',
    label: 'Moved permanently?',
    test: k5MovedPermanently,
    onTrue: 301,
    onFalse: 'L5',
    whenSkipped: 'onFalse',
    relevant: (plan) => plan?.resource?.movedPermanently !== undefined,
  },
  {
    id: 'L5',
    label: 'Moved temporarily?',
    test: l5MovedTemporarily,
    onTrue: 307,
    onFalse: 410,
    whenSkipped: 'onFalse',
    relevant: (plan) => plan?.resource?.movedTemporarily !== undefined,
  },
  {
    id: 'G8',
    label: 'If-Match exists?',
    test: g8IfMatchExists,
    onTrue: 'G11',
    onFalse: 'H10',
    whenSkipped: 'onFalse',
    relevant: hasEtag,
  },
  {
    id: 'G11',
    label: 'If-Match matches?',
    test: g11IfMatchMatches,
    onTrue: 'I12',
    onFalse: 412,
    whenSkipped: 'onTrue',
    relevant: hasEtag,
  },
  {
    id: 'H10',
    label: 'If-Unmodified-Since applies?',
    test: h10IfUnmodifiedSinceApplies,
    onTrue: 'H12',
    onFalse: 'I12',
    whenSkipped: 'onFalse',
    relevant: hasLastModified,
  },
  {
    id: 'H12',
    label: 'Modified since If-Unmodified-Since?',
    test: h12ModifiedSinceUnmodifiedSince,
    onTrue: 412,
    onFalse: 'I12',
    whenSkipped: 'onFalse',
    relevant: hasLastModified,
  },
  {
    id: 'I12',
    label: 'If-None-Match exists?',
    test: i12IfNoneMatchExists,
    onTrue: 'K13',
    onFalse: 'L13',
    whenSkipped: 'onFalse',
    relevant: hasEtag,
  },
  {
    id: 'K13',
    label: 'If-None-Match matches?',
    test: k13IfNoneMatchMatches,
    onTrue: 'J18',
    onFalse: 'O14',
    whenSkipped: 'onFalse',
    relevant: hasEtag,
  },
  {
    id: 'J18',
    label: 'GET or HEAD?',
    test: j18GetOrHead,
    onTrue: 304,
    onFalse: 412,
    whenSkipped: 'onFalse',
    relevant: hasEtag,
  },
  {
    id: 'L13',
    label: 'If-Modified-Since applies?',
    test: l13IfModifiedSinceApplies,
    onTrue: 'L17',
    onFalse: 'O14',
    whenSkipped: 'onFalse',
    relevant: hasLastModified,
  },
  {
    id: 'L17',
    label: 'Modified since If-Modified-Since?',
    test: l17ModifiedSince,
    onTrue: 'O14',
    onFalse: 304,
    whenSkipped: 'onTrue',
    relevant: hasLastModified,
  },
  {
    id: 'O14',
    label: 'Conflict?',
    test: o14Conflict,
    onTrue: 409,
    onFalse: 'B4',
    whenSkipped: 'onFalse',
    relevant: (plan) => plan?.conflict !== undefined,
  },
  {
    id: 'B4',
    label: 'Content too large?',
    test: b4ContentTooLarge,
    onTrue: 413,
    onFalse: 'B5',
    whenSkipped: 'onFalse',
    relevant: (plan) => plan !== undefined && (plan.readsBody || METHODS_WITH_CONTENT.has(plan.method)),
  },
  {
    id: 'B5',
    label: 'Known content type?',
    test: b5KnownContentType,
    onTrue: 'B6',
    onFalse: 415,
    whenSkipped: 'onTrue',
    relevant: (plan) => plan?.readsJson === true || plan?.acceptsContentType !== undefined,
  },
  {
    id: 'B6',
    label: 'Valid content headers?',
    test: b6ValidContentHeaders,
    onTrue: 'INPUT',
    onFalse: 415,
    whenSkipped: 'onTrue',
    relevant: (plan) => plan?.readsBody === true,
  },
  {
    id: 'INPUT',
    label: 'Input valid?',
    test: inputValid,
    onTrue: 'HANDLER',
    onFalse: 422,
    whenSkipped: 'onTrue',
    relevant: (plan) => (plan?.steps.input.length ?? 0) > 0,
  },
]

/** The node where the application-wide part of the diagram hands over to a route's plan. */
export const ROUTE_ENTRY_NODE = 'B9'
