import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ConfigurationError } from '../../../src/errors/index.js'
import { compileJsonSerializer, ResponseShapeError } from '../../../src/render/index.js'

const User = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    email: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    tags: { type: 'array', items: { type: 'string' } },
    role: { enum: ['admin', 'viewer'] },
    nick: { type: 'string' },
  },
  required: ['id', 'name', 'email', 'tags', 'role'],
} as const

/** The error the serializer throws for `value`, or a failure when it throws none. */
function shapeErrorOf(write: (value: unknown) => string, value: unknown): ResponseShapeError {
  try {
    write(value)
  } catch (error) {
    if (error instanceof ResponseShapeError) return error
    throw error
  }
  throw new Error('no ResponseShapeError was thrown')
}

describe('compileJsonSerializer', () => {
  const writeUser = compileJsonSerializer(User)
  const alice = { id: 1, name: 'Alice', email: null, tags: ['a', 'b'], role: 'admin' }

  it('writes a valid object exactly as JSON.stringify does', () => {
    expect(writeUser(alice)).toBe(JSON.stringify(alice))
  })

  it('drops properties the schema does not declare, such as a password hash', () => {
    expect(writeUser({ ...alice, passwordHash: '$argon2id$…' })).toBe(JSON.stringify(alice))
  })

  it('leaves out an optional property whose value is undefined, as JSON.stringify does', () => {
    expect(writeUser({ ...alice, nick: undefined })).toBe(JSON.stringify(alice))
  })

  it('escapes strings as JSON.stringify does, lone surrogates and control characters included', () => {
    const name = 'quote " backslash \\ tab \t nul \u0000 lone \ud800 pair \ud83d\ude00 line \u2028'
    expect(writeUser({ ...alice, name })).toBe(JSON.stringify({ ...alice, name }))
  })

  it('writes NaN and Infinity as null and -0 as 0 in number properties', () => {
    const write = compileJsonSerializer({ type: 'array', items: { type: 'number' } })
    const numbers = [Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, 5e-7, 0.1 + 0.2]
    expect(write(numbers)).toBe(JSON.stringify(numbers))
  })

  it('calls toJSON with the property name, so a Date meets a date-time string property as its ISO text', () => {
    const write = compileJsonSerializer({
      type: 'object',
      properties: { at: { type: 'string', format: 'date-time' }, seen: { type: 'array', items: {} } },
    })
    const keys: string[] = []
    const probe = {
      toJSON: (key: string) => {
        keys.push(key)
        return 'probe'
      },
    }
    const value = { at: new Date(0), seen: [probe] }
    expect(write(value)).toBe(JSON.stringify(value))
    expect(keys).toEqual(['0', '0'])
  })

  it('writes a property named __proto__ or constructor only when the object has it as its own', () => {
    const write = compileJsonSerializer({
      type: 'object',
      properties: {
        ['__proto__']: { type: 'string' },
        constructor: { type: 'string' },
        ok: { type: 'boolean' },
      },
    })
    expect(write({ ok: true })).toBe('{"ok":true}')
    const parsed = JSON.parse('{"__proto__":"x","constructor":"y","ok":false}')
    expect(write(parsed)).toBe(JSON.stringify(parsed))
  })

  it.each([
    ['generated code', true],
    ['closures only', false],
  ])(
    'writes hostile property names as JSON string literals with %s, so none breaks out of its quotes',
    (_, generate) => {
      const names = [
        '"}); globalThis.hacked = 1; ({"',
        "'; globalThis.hacked = 1; '",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a name that would run if spliced into a template literal
        '`${globalThis.hacked = 1}`',
        '*/ globalThis.hacked = 1 /*',
        '\u2028\u2029\\',
        '\n',
        '__proto__',
      ]
      const properties = Object.fromEntries(
        names.map((name) => [name, { type: 'array', items: { type: 'number' } }]),
      )
      const write = compileJsonSerializer({ type: 'object', properties, required: names }, { generate })
      const value = JSON.parse(JSON.stringify(Object.fromEntries(names.map((name, i) => [name, [i]]))))
      expect(write(value)).toBe(JSON.stringify(value))
      expect((globalThis as { hacked?: unknown }).hacked).toBeUndefined()
    },
  )

  it('does not write a getter of a class instance, which JSON.stringify does not see either', () => {
    class Person {
      first = 'Ada'
      get full() {
        return 'Ada Lovelace'
      }
    }
    const write = compileJsonSerializer({
      type: 'object',
      properties: { first: { type: 'string' }, full: { type: 'string' } },
    })
    expect(write(new Person())).toBe(JSON.stringify(new Person()))
  })

  it('keeps undeclared properties in the data order when additionalProperties allows them', () => {
    const write = compileJsonSerializer({
      type: 'object',
      properties: { id: { type: 'integer' } },
      required: ['id'],
      additionalProperties: { type: 'string' },
    })
    const value = { b: 'x', id: 2, a: 'y' }
    expect(write(value)).toBe(JSON.stringify(value))
  })

  it('writes any object whole for a bare object schema that declares no properties', () => {
    const write = compileJsonSerializer({ type: 'object', properties: { meta: { type: 'object' } } })
    const value = { meta: { any: 1, thing: [true] } }
    expect(write(value)).toBe(JSON.stringify(value))
  })

  it('follows local $refs, recursive ones included', () => {
    const Tree = z.object({
      name: z.string(),
      get children() {
        return z.array(Tree)
      },
    })
    const write = compileJsonSerializer(Tree['~standard'].jsonSchema.output({ target: 'draft-2020-12' }))
    const tree = { name: 'root', children: [{ name: 'leaf', children: [] }] }
    expect(write(tree)).toBe(JSON.stringify(tree))
    const viaDefs = compileJsonSerializer({
      $defs: { Id: { type: 'integer' } },
      type: 'array',
      items: { $ref: '#/$defs/Id' },
    })
    expect(viaDefs([1, 2])).toBe('[1,2]')
  })

  it('writes a node it cannot read (allOf, tuples, no type) with JSON.stringify, extras and all', () => {
    const write = compileJsonSerializer({
      type: 'object',
      properties: {
        any: {},
        both: { allOf: [{ type: 'object' }] },
        pair: { type: 'array', prefixItems: [{ type: 'string' }] },
      },
    })
    const value = { any: { x: [1] }, both: { secret: 1 }, pair: ['a', 2] }
    expect(write(value)).toBe(JSON.stringify(value))
  })

  it('throws a ResponseShapeError naming the place when a required property is missing', () => {
    const error = shapeErrorOf(writeUser, { ...alice, name: undefined })
    expect(error.message).toBe(
      "response body does not match the route's declared schema at $.name: expected a present property, got undefined",
    )
  })

  it('throws a ResponseShapeError when a string stands where a number is declared, deep in arrays', () => {
    const write = compileJsonSerializer({
      type: 'object',
      properties: { items: { type: 'array', items: User } },
    })
    const error = shapeErrorOf(write, { items: [alice, { ...alice, id: '2' }] })
    expect(error.where).toBe('$.items[1].id')
    expect(error.expected).toBe('integer')
    expect(error.received).toBe('string')
  })

  it('refuses a value outside the enum', () => {
    expect(shapeErrorOf(writeUser, { ...alice, role: 'root' }).expected).toBe('one of "admin", "viewer"')
  })

  it('reports the wrong shape and writes the body anyway when given a report function, still dropping extras', () => {
    const reported: ResponseShapeError[] = []
    const value = { ...alice, id: 'one', secret: 's' }
    const text = writeUser(value, (error) => reported.push(error))
    expect(text).toBe(JSON.stringify({ ...alice, id: 'one' }))
    expect(reported.map((error) => error.where)).toEqual(['$.id'])
  })

  it('throws TypeError for a bigint, as JSON.stringify does', () => {
    const write = compileJsonSerializer({ type: 'object', properties: { n: {} } })
    expect(() => write({ n: 1n })).toThrow(TypeError)
  })

  it('refuses at compile time a $ref that points nowhere', () => {
    expect(() => compileJsonSerializer({ items: { $ref: '#/$defs/Missing' }, type: 'array' })).toThrow(
      ConfigurationError,
    )
  })
})
