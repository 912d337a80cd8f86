import { describe, expect, it } from 'vitest'
import { RequestHeaders } from '../../src/http/request-headers.js'
import { isAcceptableRequestId, type RequestIdPolicy, requestIdOf } from '../../src/http/request-id.js'
import { RestRequest } from '../../src/http/rest-request.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

function requestWith(headers: Record<string, string>, platformId?: string): RestRequest {
  return new RestRequest({
    method: 'GET',
    path: '/',
    headers: RequestHeaders.fromFlat(Object.entries(headers).flat()),
    requestId: platformId,
  })
}

const trusting: RequestIdPolicy = { header: 'x-request-id', trust: true }

describe('isAcceptableRequestId', () => {
  it('accepts UUIDs, ULIDs, AWS and W3C-style ids', () => {
    for (const id of [
      '0f8fad5b-d9cb-469f-a165-70867728950e',
      '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      'Root:1-5759e988-bd862e3fe1be46a994272793',
      'a.b_c:d-e',
      'x'.repeat(128),
    ]) {
      expect(isAcceptableRequestId(id), id).toBe(true)
    }
  })

  it('refuses empty, over-long and every value with a character outside A-Za-z0-9._:-', () => {
    for (const id of [
      '',
      'x'.repeat(129),
      'abc\ninjected',
      'abc\r\nX-Evil: 1',
      'a b',
      'a,b',
      '{"level":60}',
      'a\u0000b',
      'é',
    ]) {
      expect(isAcceptableRequestId(id), JSON.stringify(id)).toBe(false)
    }
  })
})

describe('requestIdOf', () => {
  it('takes a trusted incoming id', () => {
    expect(requestIdOf(requestWith({ 'x-request-id': 'abc-123' }), trusting)).toBe('abc-123')
  })

  it('generates a UUID when the incoming id is not trusted', () => {
    const id = requestIdOf(requestWith({ 'x-request-id': 'abc-123' }), {
      header: 'x-request-id',
      trust: false,
    })
    expect(id).toMatch(UUID)
  })

  it('generates a UUID instead of a trusted id that is not acceptable', () => {
    expect(requestIdOf(requestWith({ 'x-request-id': 'a'.repeat(129) }), trusting)).toMatch(UUID)
    expect(requestIdOf(requestWith({ 'x-request-id': 'bad id' }), trusting)).toMatch(UUID)
  })

  it('asks a validator function with the id and the request', () => {
    const seen: string[] = []
    const policy: RequestIdPolicy = {
      header: 'x-request-id',
      trust: (id, request) => {
        seen.push(`${id} ${request.method}`)
        return id.startsWith('edge-')
      },
    }
    expect(requestIdOf(requestWith({ 'x-request-id': 'edge-1' }), policy)).toBe('edge-1')
    expect(requestIdOf(requestWith({ 'x-request-id': 'client-1' }), policy)).toMatch(UUID)
    expect(seen).toEqual(['edge-1 GET', 'client-1 GET'])
  })

  it('reads the configured header', () => {
    const policy: RequestIdPolicy = { header: 'x-correlation-id', trust: true }
    expect(requestIdOf(requestWith({ 'X-Correlation-Id': 'corr-7', 'x-request-id': 'other' }), policy)).toBe(
      'corr-7',
    )
  })

  it('falls back to the platform id, then to a UUID', () => {
    expect(requestIdOf(requestWith({}, 'lambda-id-1'), trusting)).toBe('lambda-id-1')
    expect(requestIdOf(requestWith({ 'x-request-id': 'mine' }, 'lambda-id-1'), trusting)).toBe('mine')
    expect(requestIdOf(requestWith({}, 'not acceptable'), trusting)).toMatch(UUID)
  })

  it('gives a different id to each request without one', () => {
    const ids = new Set(Array.from({ length: 100 }, () => requestIdOf(requestWith({}), trusting)))
    expect(ids.size).toBe(100)
  })
})
