import { describe, expect, it } from 'vitest'
import { created, Reply, respond } from '../../src/render/reply.js'

describe('respond', () => {
  it('lower-cases header names and sends numbers as text', () => {
    const reply = respond('x', { status: 202, headers: { 'X-Count': 3, Vary: ['a', 'b'] } })
    expect(reply).toBeInstanceOf(Reply)
    expect(reply.status).toBe(202)
    expect(reply.headers).toEqual({ 'x-count': '3', vary: ['a', 'b'] })
  })

  it('leaves the status to be derived when none is given, with no headers', () => {
    const reply = respond(null)
    expect(reply.status).toBeUndefined()
    expect(reply.headers).toEqual({})
  })

  it('refuses a status outside 200–599', () => {
    expect(() => respond('x', { status: 199 })).toThrow(RangeError)
  })
})

describe('created', () => {
  it('answers 201 with the Location given, keeping the other headers lower-cased', () => {
    const reply = created({ id: 3 }, '/items/3', { headers: { 'Cache-Control': 'no-store' } })
    expect(reply.status).toBe(201)
    expect(reply.value).toEqual({ id: 3 })
    expect(reply.headers).toEqual({ 'cache-control': 'no-store', location: '/items/3' })
  })

  it('lets its location argument win over a Location among the headers', () => {
    expect(created({}, '/right', { headers: { Location: '/wrong' } }).headers).toEqual({
      location: '/right',
    })
  })
})
