import type { JsonSchema } from './openapi-types.js'

/** `components.schemas.Error`: the body of every error the machine answers (see `defaultErrorBody`). */
export const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'The JSON body of an error response.',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: "The status's reason phrase.", examples: ['Not Found'] },
    message: { type: 'string', description: 'What went wrong; a generic sentence for server errors.' },
    details: { type: 'array', description: 'Field-level details, when there are any.', items: {} },
    request_id: { type: 'string', description: 'The id under which a server error was logged.' },
  },
}

/** `components.schemas.ValidationDetail`: one failing field of a 422. */
export const VALIDATION_DETAIL_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['loc', 'msg', 'type'],
  properties: {
    loc: {
      type: 'array',
      description: 'Where the invalid value is: object keys and array indexes from the input root.',
      items: { type: ['string', 'integer'] },
    },
    msg: { type: 'string', description: "The validator's message." },
    type: { type: 'string', description: "The validator's issue code, e.g. `too_small`." },
  },
}

const detailRef = { $ref: '#/components/schemas/ValidationDetail' }

/** `components.schemas.ValidationError`: the 422 body, one detail per failing field. */
export const VALIDATION_ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'The body of a 422 response: the request was well-formed but its input is invalid.',
  required: ['error', 'message', 'details'],
  properties: {
    error: { type: 'string', examples: ['Unprocessable Content'] },
    message: { type: 'string', examples: ['Validation failed'] },
    details: { type: 'array', items: detailRef },
  },
}

/** `components.schemas.ProblemDetails`: the RFC 9457 form of an error body. */
export const PROBLEM_DETAILS_SCHEMA: JsonSchema = {
  type: 'object',
  description:
    'RFC 9457 problem details: sent when the client prefers `application/problem+json`, or always when the application sets `problemDetails`.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri-reference', examples: ['about:blank'] },
    title: { type: 'string', description: "The status's reason phrase." },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    errors: { type: 'array', description: 'The failing fields of a 422.', items: detailRef },
    request_id: { type: 'string', description: 'The id under which a server error was logged.' },
  },
}
